"""An activity's image is turned into its WebP renditions once, when the activity is saved.

Pages then only compute the renditions' names (centers/renditions.py): no file access and no
thumbnail query per page view.
"""

from django.db.models.signals import post_save

from centers.renditions import generate_renditions


def _make_renditions(sender, instance, **_kwargs):
    generate_renditions(instance.image)


def connect_renditions():
    from offers.models import Offer

    post_save.connect(_make_renditions, sender=Offer, dispatch_uid="offers-image-renditions")
