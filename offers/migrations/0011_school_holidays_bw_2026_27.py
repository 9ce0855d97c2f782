"""The school holidays of Baden-Württemberg in the school year 2026/27 (public facts).

Source: Ministerium für Kultus, Jugend und Sport Baden-Württemberg, „Ferientermine“
(https://km.baden-wuerttemberg.de/de/service/ferientermine), as published in September 2025;
to be verified against the ministry's list before each school year. Baden-Württemberg has no
winter holidays: each school sets its own „bewegliche Ferientage“ (e.g. Fasnacht), which are
not listed here. Editors keep these periods in the admin (holiday and closure periods).
"""

from datetime import date

from django.db import migrations

SOURCE = "Kultusministerium Baden-Württemberg, Ferientermine 2026/27 (Stand 09/2025, bitte prüfen)"

# (German name, English, Arabic, Romanian, Russian, Turkish), first day, last day
PERIODS = [
    (
        (
            "Herbstferien",
            "Autumn holidays",
            "عطلة الخريف",
            "Vacanța de toamnă",
            "Осенние каникулы",
            "Sonbahar tatili",
        ),
        # 26.–30.10. and 31.10. (Reformation Day is school-free in Baden-Württemberg).
        date(2026, 10, 26),
        date(2026, 10, 31),
    ),
    (
        (
            "Weihnachtsferien",
            "Christmas holidays",
            "عطلة عيد الميلاد",
            "Vacanța de Crăciun",
            "Рождественские каникулы",
            "Noel tatili",
        ),
        date(2026, 12, 23),
        date(2027, 1, 9),
    ),
    (
        (
            "Osterferien",
            "Easter holidays",
            "عطلة عيد الفصح",
            "Vacanța de Paște",
            "Пасхальные каникулы",
            "Paskalya tatili",
        ),
        # Maundy Thursday 25.03. is school-free; Good Friday and Easter Monday are public
        # holidays; then 30.03.–03.04.
        date(2027, 3, 25),
        date(2027, 4, 3),
    ),
    (
        (
            "Pfingstferien",
            "Whitsun holidays",
            "عطلة العنصرة",
            "Vacanța de Rusalii",
            "Троицкие каникулы",
            "Pentekost tatili",
        ),
        date(2027, 5, 18),
        date(2027, 5, 29),
    ),
    (
        (
            "Sommerferien",
            "Summer holidays",
            "العطلة الصيفية",
            "Vacanța de vară",
            "Летние каникулы",
            "Yaz tatili",
        ),
        date(2027, 7, 29),
        date(2027, 9, 11),
    ),
]
LANGUAGES = ("de", "en", "ar", "ro", "ru", "tr")


def seed(apps, schema_editor):
    ClosurePeriod = apps.get_model("offers", "ClosurePeriod")
    for names, first, last in PERIODS:
        if ClosurePeriod.objects.filter(kind="school_holidays", first_day=first).exists():
            continue
        translated = {f"name_{code}": name for code, name in zip(LANGUAGES, names, strict=True)}
        ClosurePeriod.objects.create(
            kind="school_holidays",
            name=names[0],
            first_day=first,
            last_day=last,
            source=SOURCE,
            **translated,
        )


def unseed(apps, schema_editor):
    ClosurePeriod = apps.get_model("offers", "ClosurePeriod")
    firsts = [first for _names, first, _last in PERIODS]
    ClosurePeriod.objects.filter(
        kind="school_holidays", first_day__in=firsts, source=SOURCE
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("offers", "0010_closure_periods")]

    operations = [migrations.RunPython(seed, unseed)]
