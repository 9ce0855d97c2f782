"""Descriptions written as plain text (paragraphs separated by an empty line) become HTML
paragraphs for the rich-text editor; a "<" in them stays a character. Reversible: the text of
each paragraph comes back with empty lines between them."""

from django.conf import settings
from django.db import migrations

FIELDS = [f"description_{code}" for code, _name in settings.LANGUAGES]


def to_paragraphs(apps, schema_editor):
    from portal.lib.html import rich_text

    model = apps.get_model("offers", "Offer")
    for obj in model.objects.all():
        changed = []
        for name in FIELDS:
            value = getattr(obj, name, None)
            if value and rich_text(value) != value:
                setattr(obj, name, rich_text(value))
                changed.append(name)
        if changed:
            obj.save(update_fields=changed)


def to_plain_text(apps, schema_editor):
    from portal.lib.html import plain_paragraphs

    model = apps.get_model("offers", "Offer")
    for obj in model.objects.all():
        changed = []
        for name in FIELDS:
            value = getattr(obj, name, None)
            if value:
                setattr(obj, name, plain_paragraphs(value))
                changed.append(name)
        if changed:
            obj.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("offers", "0012_rich_text_and_history_of_m2m_and_cancellations")]

    operations = [migrations.RunPython(to_paragraphs, to_plain_text)]
