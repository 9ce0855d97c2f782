# ruff: noqa: E501 (one language per line reads better than wrapped strings)
"""Demo synonyms for the portal search, loaded by `manage.py load_demo` (idempotent).

The city's text names no synonyms: every row is written for the demo and marked as such.
Each row: what the portal calls it (German), then the words residents might type instead, per
language (de, en, ar, ro, ru, tr)."""

from demo.marks import mark
from search.models import Synonym

LANGS = ("de", "en", "ar", "ro", "ru", "tr")

SYNONYMS = [
    (
        "Sprachcafé",
        (
            "Deutschkurs, Deutsch lernen, Sprachkurs, Deutsch üben",
            "German course, learn German, language course",
            "دورة لغة ألمانية, تعلم الألمانية, دورة لغة",
            "curs de germană, învățare germană, curs de limbă",
            "курс немецкого, учить немецкий, языковой курс",
            "Almanca kursu, Almanca öğrenmek, dil kursu",
        ),
    ),
    (
        "Hausaufgabenhilfe",
        (
            "Nachhilfe, Lernhilfe, Hausaufgabenbetreuung",
            "tutoring, homework help",
            "دروس خصوصية, مساعدة في الواجبات المدرسية",
            "meditații, ajutor la teme",
            "репетитор, помощь с домашним заданием",
            "özel ders, ödev yardımı, etüt",
        ),
    ),
    (
        "Repair-Café",
        (
            "Reparatur, reparieren, kaputt",
            "repair, fix, broken",
            "تصليح, إصلاح",
            "reparații, reparare",
            "ремонт, починить",
            "tamir, onarım",
        ),
    ),
    (
        "Beratung",
        (
            "Formulare, Antrag ausfüllen, Behördenbrief, Jobcenter",
            "forms, filling in forms, letters from authorities",
            "ملء الاستمارات, رسائل رسمية",
            "formulare, scrisori de la autorități",
            "заполнить анкету, письма из ведомств",
            "form doldurma, resmi mektuplar",
        ),
    ),
    (
        "Computersprechstunde",
        (
            "Handyhilfe, Smartphone, Tablet, Internet",
            "smartphone help, computer help, mobile phone",
            "هاتف ذكي, مساعدة في الحاسوب",
            "telefon mobil, ajutor la calculator",
            "смартфон, помощь с компьютером",
            "akıllı telefon, bilgisayar yardımı",
        ),
    ),
    (
        "Eltern-Kind-Gruppe",
        (
            "Krabbelgruppe, Babytreff, Spielgruppe",
            "toddler group, baby group",
            "مجموعة الأطفال الصغار, لقاء الأمهات والأطفال",
            "grupă de joacă pentru copii mici",
            "группа для малышей",
            "bebek grubu, oyun grubu",
        ),
    ),
    (
        "Gymnastik",
        (
            "Seniorensport, Sport für Senioren, Bewegung im Alter",
            "exercise for older people",
            "رياضة لكبار السن",
            "sport pentru vârstnici",
            "спорт для пожилых",
            "yaşlılar için spor",
        ),
    ),
    (
        "Frühstück",
        (
            "Brunch, gemeinsam essen",
            "breakfast, brunch",
            "فطور, إفطار",
            "mic dejun",
            "завтрак",
            "kahvaltı",
        ),
    ),
]


def load():
    created = 0
    for finds, terms in SYNONYMS:
        if Synonym.objects.filter(finds=finds).exists():
            continue
        mark(
            Synonym.objects.create(
                finds=finds,
                **{f"terms_{lang}": text for lang, text in zip(LANGS, terms, strict=True)},
            )
        )
        created += 1
    return f"{created} search synonyms created"
