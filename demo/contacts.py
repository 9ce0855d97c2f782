"""Demo contact persons, loaded by `manage.py load_demo` after the centres (idempotent)."""

from centers.models import Centre
from contacts.models import ContactPerson, Office
from demo.centers import _translated, _upsert
from demo.centers_content import MANAGER_F, MANAGER_M, t

OFFICE_ROLE = t(
    "Quartiersentwicklung, Amt für Familie, Jugend und Senioren",
    "Neighbourhood development, Amt für Familie, Jugend und Senioren",
    "تنمية الأحياء، Amt für Familie, Jugend und Senioren",
    "Dezvoltarea cartierelor, Amt für Familie, Jugend und Senioren",
    "Развитие районов, Amt für Familie, Jugend und Senioren",
    "Mahalle gelişimi, Amt für Familie, Jugend und Senioren",
)
OFFICE_TOPICS = t(
    "allgemeine Fragen zur Quartiersentwicklung",
    "general questions about neighbourhood development",
    "الأسئلة العامة حول تنمية الأحياء",
    "întrebări generale despre dezvoltarea cartierelor",
    "общие вопросы о развитии районов",
    "mahalle gelişimiyle ilgili genel sorular",
)
CENTRE_TOPICS = t(
    "Angebote, Räume und Mitmachen im Quartier",
    "activities, rooms and getting involved in the neighbourhood",
    "الأنشطة والقاعات والمشاركة في الحيّ",
    "activități, săli și implicare în cartier",
    "мероприятия, помещения и участие в жизни района",
    "mahalledeki etkinlikler, mekânlar ve katılım",
)

# The city's text (seed) names the office and its two people with their phone numbers; the
# address, every e-mail address and the centre managers are invented for the demo (is_demo).
OFFICE = {
    "name": "Stadt Heilbronn, Amt für Familie, Jugend und Senioren",
    "street": "Marktplatz 7",
    "postcode": "74072",
    "city": "Heilbronn",
    "email": "quartiersentwicklung@example.org",
    "is_demo": True,
}
FROM_SEED = {"Nora Zeltwanger", "Mareike Siebert"}

# (centre slug or None for the city office, name, role, phone, e-mail local part, order)
PEOPLE = [
    (None, "Nora Zeltwanger", OFFICE_ROLE, "07131 56-1167", "nora.zeltwanger", 1),
    (None, "Mareike Siebert", OFFICE_ROLE, "07131 56-4415", "mareike.siebert", 2),
    ("boeckingen", "Lena Hartmann", MANAGER_F, "07131 56-2731", "lena.hartmann", 1),
    ("boeckingen", "Murat Aydın", MANAGER_M, "07131 56-2732", "murat.aydin", 2),
    ("heilbronner-sueden", "Jana Becker", MANAGER_F, "07131 56-2741", "jana.becker", 1),
    ("heilbronner-sueden", "Tobias Wendel", MANAGER_M, "07131 56-2742", "tobias.wendel", 2),
    ("augaertle", "Sabine Krämer", MANAGER_F, "07131 56-2751", "sabine.kraemer", 1),
    ("nordstadt", "Daniel Ostertag", MANAGER_M, "07131 56-2761", "daniel.ostertag", 1),
]


def load():
    _upsert(Office, {"pk": 1}, OFFICE)
    centres = {centre.slug: centre for centre in Centre.objects.all()}
    for slug, name, role, phone, mailbox, order in PEOPLE:
        centre = centres.get(slug) if slug else None
        if slug and centre is None:
            continue
        _upsert(
            ContactPerson,
            {"name": name, "centre": centre},
            {
                "phone": phone,
                # The seed gives no e-mail addresses: none is invented for its people.
                "email": "" if name in FROM_SEED else f"{mailbox}@example.org",
                "sort_order": order,
                "is_demo": name not in FROM_SEED,
                **_translated("role", role),
                **_translated("topics", OFFICE_TOPICS if centre is None else CENTRE_TOPICS),
            },
        )
    return f"{len(PEOPLE)} contact persons"
