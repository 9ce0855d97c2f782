from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_safe

from centers.models import Centre
from contacts.models import ContactPerson


@require_safe
def contact_list(request):
    """Who to ask about what: the city office first, then each centre's team."""
    centres = (
        Centre.objects.published()
        .operating()
        .prefetch_related(
            Prefetch("contacts", queryset=ContactPerson.objects.order_by("sort_order", "name")),
            "sites",
        )
    )
    return render(
        request,
        "contacts/contactperson_list.html",
        {"office_contacts": ContactPerson.objects.city_office(), "centres": centres},
    )
