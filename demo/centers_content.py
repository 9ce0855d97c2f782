"""Demo texts (in our own words, after the city's page), in de, en, ar, ro, ru, tr."""

LANGS = ("de", "en", "ar", "ro", "ru", "tr")


def t(de, en, ar, ro, ru, tr):
    return dict(zip(LANGS, (de, en, ar, ro, ru, tr), strict=True))


FACTS = {
    "topics": t(
        "Familie, Gesellschaft und Soziales; Kultur und Freizeit",
        "Family, society and social affairs; culture and leisure",
        "الأسرة والمجتمع والشؤون الاجتماعية؛ الثقافة وأوقات الفراغ",
        "Familie, societate și afaceri sociale; cultură și timp liber",
        "Семья, общество и социальные вопросы; культура и досуг",
        "Aile, toplum ve sosyal işler; kültür ve boş zaman",
    ),
    "period": t(
        "fortlaufender Prozess, voraussichtlich bis 2026",
        "Ongoing process, expected until 2026",
        "عملية مستمرة، من المتوقع أن تستمر حتى عام 2026",
        "Proces continuu, estimat până în 2026",
        "Непрерывный процесс, предположительно до 2026 года",
        "Devam eden süreç, tahminen 2026'ya kadar",
    ),
    "target_group": t(
        "alle Heilbronnerinnen und Heilbronner",
        "All people of Heilbronn",
        "جميع سكان هايلبرون",
        "Toate locuitoarele și toți locuitorii din Heilbronn",
        "Все жительницы и жители Хайльбронна",
        "Tüm Heilbronn sakinleri",
    ),
    "participation": t(
        "informelle Beteiligung",
        "Informal participation",
        "مشاركة غير رسمية",
        "Participare informală",
        "Неформальное участие",
        "Gayriresmî katılım",
    ),
    "state": t("offen", "Open", "مفتوح", "Deschis", "Открыто", "Açık"),
}

MANAGER_F = t(
    "Quartiersmanagerin",
    "Neighbourhood manager",
    "مسؤولة إدارة الحيّ",
    "Manager de cartier",
    "Менеджер района",
    "Mahalle yöneticisi",
)
MANAGER_M = t(
    "Quartiersmanager",
    "Neighbourhood manager",
    "مسؤول إدارة الحيّ",
    "Manager de cartier",
    "Менеджер района",
    "Mahalle yöneticisi",
)

HOURS_MAIN = t(
    "Mo–Do 09:00–16:00\nFr 09:00–13:00",
    "Mon–Thu 09:00–16:00\nFri 09:00–13:00",
    "من الاثنين إلى الخميس: من 09:00 إلى 16:00\nالجمعة: من 09:00 إلى 13:00",
    "lun.–joi 09:00–16:00\nvin. 09:00–13:00",
    "пн–чт 09:00–16:00\nпт 09:00–13:00",
    "Pzt–Per 09:00–16:00\nCum 09:00–13:00",
)
HOURS_MAIN_SPEC = "Mo-Th 09:00-16:00\nFr 09:00-13:00"
HOURS_BRANCH = t(
    "Di und Do 14:00–18:00",
    "Tue and Thu 14:00–18:00",
    "الثلاثاء والخميس: من 14:00 إلى 18:00",
    "mar. și joi 14:00–18:00",
    "вт и чт 14:00–18:00",
    "Sal ve Per 14:00–18:00",
)
HOURS_BRANCH_SPEC = "Tu,Th 14:00-18:00"


def bus(stop, lines):
    return t(
        f"Bushaltestelle „{stop}“ (Linien {lines}), wenige Gehminuten.",
        f"Bus stop “{stop}” (lines {lines}), a few minutes on foot.",
        f"موقف الحافلات «{stop}» (الخطوط {lines})، على بعد دقائق سيرًا على الأقدام.",
        f"Stația de autobuz „{stop}” (liniile {lines}), la câteva minute de mers pe jos.",
        f"Автобусная остановка «{stop}» (маршруты {lines}), несколько минут пешком.",
        f"“{stop}” otobüs durağı ({lines} numaralı hatlar), yürüyerek birkaç dakika.",
    )


CENTRES = [
    {
        "slug": "boeckingen",
        "name": "Quartierszentrum Böckingen",
        "status": "operating",
        "stage": "neighbourhood_centre",
        "opened_on": "2020-01-01",
        "provider": "Stadt Heilbronn",
        "summary": t(
            "Das erste Quartierszentrum Heilbronns: seit Januar 2020 Treffpunkt für alle "
            "Generationen in Böckingen und im Kreuzgrund.",
            "Heilbronn's first neighbourhood centre: since January 2020 a meeting place for all "
            "generations in Böckingen and Kreuzgrund.",
            "أول مركز حيّ في هايلبرون: منذ يناير/كانون الثاني 2020 مكان لقاء لجميع الأجيال في "
            "Böckingen وKreuzgrund.",
            "Primul centru de cartier din Heilbronn: din ianuarie 2020, loc de întâlnire pentru "
            "toate generațiile din Böckingen și Kreuzgrund.",
            "Первый соседский центр Хайльбронна: с января 2020 года место встреч для всех "
            "поколений в Böckingen и Kreuzgrund.",
            "Heilbronn'un ilk mahalle merkezi: Ocak 2020'den beri Böckingen ve Kreuzgrund'da "
            "tüm kuşaklar için bir buluşma yeri.",
        ),
        "description": t(
            "Böckingen war das Pilotprojekt der Heilbronner Quartiersentwicklung. Das Team "
            "bündelt die Angebote im Stadtteil, unterstützt Vereine und Ehrenamtliche und "
            "entwickelt gemeinsam mit den Bewohnerinnen und Bewohnern neue Ideen.\n\n"
            "Seit 2022 gibt es eine Außenstelle im Kreuzgrund, damit die Wege kurz bleiben.",
            "Böckingen was the pilot project of neighbourhood development in Heilbronn. The team "
            "brings together the activities in the district, supports clubs and volunteers and "
            "develops new ideas together with residents.\n\n"
            "Since 2022 a branch in Kreuzgrund keeps the way short.",
            "كان Böckingen المشروع التجريبي لتنمية الأحياء في هايلبرون. يجمع الفريق الأنشطة في "
            "الحيّ، ويدعم الجمعيات والمتطوعين، ويطوّر أفكارًا جديدة مع السكان.\n\n"
            "ومنذ عام 2022 يوجد فرع في Kreuzgrund لتقريب الخدمات من السكان.",
            "Böckingen a fost proiectul-pilot al dezvoltării cartierelor din Heilbronn. Echipa "
            "reunește activitățile din cartier, sprijină asociațiile și voluntarii și dezvoltă "
            "idei noi împreună cu locuitorii.\n\n"
            "Din 2022 există un sediu secundar în Kreuzgrund, ca drumurile să rămână scurte.",
            "Böckingen стал пилотным проектом развития районов в Хайльбронне. Команда собирает "
            "все мероприятия района, поддерживает объединения и волонтёров и вместе с жителями "
            "разрабатывает новые идеи.\n\n"
            "С 2022 года работает филиал в Kreuzgrund, чтобы дорога была короче.",
            "Böckingen, Heilbronn'daki mahalle gelişiminin pilot projesiydi. Ekip, semtteki "
            "etkinlikleri bir araya getirir, dernekleri ve gönüllüleri destekler ve mahalle "
            "sakinleriyle birlikte yeni fikirler geliştirir.\n\n"
            "2022'den beri Kreuzgrund'daki şube sayesinde yollar kısa kalıyor.",
        ),
        "history": [
            (
                "neighbourhood_centre",
                "2020-01-01",
                t(
                    "Start als Pilotprojekt",
                    "Started as the pilot project",
                    "البداية كمشروع تجريبي",
                    "Început ca proiect-pilot",
                    "Начало работы как пилотный проект",
                    "Pilot proje olarak başladı",
                ),
            ),
        ],
        "sites": [
            {
                "name": "Quartierszentrum Böckingen",
                "quarter": "boeckingen",  # demo: where the site lies
                "is_main": True,
                "street": "Ludwigsburger Straße 18",
                "postcode": "74080",
                "lat": "49.138120",
                "lon": "9.190540",
                "hours": HOURS_MAIN,
                "spec": HOURS_MAIN_SPEC,
                "directions": bus("Böckingen Rathaus", "2, 6"),
                "access": ("yes", "yes", "no"),
            },
            {
                "name": "Außenstelle Kreuzgrund",
                "quarter": "kreuzgrund",  # demo: where the site lies
                "is_main": False,
                "opened_on": "2022-09-01",
                "street": "Kreuzgrundweg 5",
                "postcode": "74080",
                "lat": "49.129010",
                "lon": "9.178320",
                "hours": HOURS_BRANCH,
                "spec": HOURS_BRANCH_SPEC,
                "directions": bus("Kreuzgrund", "6"),
                "access": ("yes", "unknown", "unknown"),
            },
        ],
    },
    {
        "slug": "heilbronner-sueden",
        "name": "Quartierszentrum Heilbronner Süden",
        "status": "operating",
        "stage": "neighbourhood_centre",
        "opened_on": "2021-03-01",
        "provider": "Stadt Heilbronn",
        "summary": t(
            "Für die Südstadt und die Hoover-Siedlung: Beratung, Treffs und Angebote für Kinder "
            "und Jugendliche an zwei Standorten.",
            "For Südstadt and the Hoover-Siedlung: advice, meet-ups and activities for children "
            "and young people at two sites.",
            "لـ Südstadt وHoover-Siedlung: استشارة ولقاءات وأنشطة للأطفال واليافعين في موقعين.",
            "Pentru Südstadt și Hoover-Siedlung: consiliere, întâlniri și activități pentru copii "
            "și tineri în două locații.",
            "Для Südstadt и Hoover-Siedlung: консультации, встречи и занятия для детей и "
            "молодёжи в двух местах.",
            "Südstadt ve Hoover-Siedlung için: iki yerde danışmanlık, buluşmalar ve çocuklar ile "
            "gençler için etkinlikler.",
        ),
        "description": t(
            "Das Quartierszentrum Heilbronner Süden ist aus einem Familienzentrum entstanden. "
            "Im Jahr 2022 kam die Außenstelle im neuen Wohngebiet Herbert-Hoover dazu, wo viele "
            "junge Familien leben.",
            "Quartierszentrum Heilbronner Süden grew out of a family centre. In 2022 it opened a "
            "branch in the new Herbert-Hoover residential area, where many young families live.",
            "نشأ Quartierszentrum Heilbronner Süden من مركز للأسرة. وفي عام 2022 افتتح فرعًا في "
            "منطقة Herbert-Hoover السكنية الجديدة التي تسكنها عائلات شابة كثيرة.",
            "Quartierszentrum Heilbronner Süden a luat naștere dintr-un centru pentru familii. În "
            "2022 a deschis un sediu secundar în noul cartier Herbert-Hoover, unde locuiesc multe "
            "familii tinere.",
            "Quartierszentrum Heilbronner Süden вырос из семейного центра. В 2022 году открылся "
            "филиал в новом жилом районе Herbert-Hoover, где живёт много молодых семей.",
            "Quartierszentrum Heilbronner Süden bir aile merkezinden doğdu. 2022'de birçok genç "
            "ailenin yaşadığı yeni Herbert-Hoover yerleşim alanında bir şube açtı.",
        ),
        "history": [
            ("family_centre", "2012-09-01", None),
            ("neighbourhood_centre", "2021-03-01", None),
        ],
        "sites": [
            {
                "name": "Quartierszentrum Heilbronner Süden",
                "quarter": "innenstadt-sued",  # demo: where the site lies
                "is_main": True,
                "street": "Wilhelmstraße 40",
                "postcode": "74074",
                "lat": "49.131460",
                "lon": "9.222180",
                "hours": HOURS_MAIN,
                "spec": HOURS_MAIN_SPEC,
                "directions": bus("Südstraße", "1, 4"),
                "access": ("yes", "yes", "yes"),
            },
            {
                "name": "Außenstelle Hoover-Siedlung",
                "quarter": "hoover-siedlung",  # demo: where the site lies
                "is_main": False,
                "opened_on": "2022-05-01",
                "street": "Ruth-Bader-Straße 3",
                "postcode": "74074",
                "lat": "49.123870",
                "lon": "9.236540",
                "hours": HOURS_BRANCH,
                "spec": HOURS_BRANCH_SPEC,
                "directions": bus("Hoover-Siedlung", "4"),
                "access": ("yes", "yes", "unknown"),
            },
        ],
    },
    {
        "slug": "augaertle",
        "name": "Quartierszentrum Augärtle",
        "status": "operating",
        "stage": "neighbourhood_centre",
        "opened_on": "2024-04-01",
        "provider": "Stadt Heilbronn",
        "summary": t(
            "Vom Jugend- und Familienzentrum zum Quartierszentrum: seit April 2024 offen für alle "
            "im Augärtle und in der nördlichen Innenstadt.",
            "From youth and family centre to neighbourhood centre: since April 2024 open to "
            "everyone in Augärtle and the northern city centre.",
            "من مركز الشباب والأسرة إلى مركز الحيّ: منذ أبريل/نيسان 2024 مفتوح للجميع في "
            "Augärtle وشمال وسط المدينة.",
            "De la centru pentru tineret și familii la centru de cartier: din aprilie 2024 deschis "
            "tuturor din Augärtle și din nordul centrului orașului.",
            "От центра для молодёжи и семей к соседскому центру: с апреля 2024 года открыт для "
            "всех в Augärtle и северной части центра города.",
            "Gençlik ve aile merkezinden mahalle merkezine: Nisan 2024'ten beri Augärtle ve şehir "
            "merkezinin kuzeyindeki herkese açık.",
        ),
        "description": t(
            "Das frühere Jugend- und Familienzentrum Augärtle hat sich zum Quartierszentrum "
            "erweitert. Bewährte Angebote für Kinder, Jugendliche und Familien bleiben; neu "
            "kommen Treffs für Erwachsene und Seniorinnen und Senioren dazu.",
            "The former Jugend- und Familienzentrum Augärtle has grown into a neighbourhood "
            "centre. Well-loved activities for children, young people and families stay; new "
            "meet-ups for adults and older people are added.",
            "توسّع مركز الشباب والأسرة Augärtle السابق ليصبح مركز حيّ. تستمر الأنشطة المعروفة "
            "للأطفال واليافعين والأسر، وتُضاف لقاءات جديدة للبالغين وكبار السن.",
            "Fostul Jugend- und Familienzentrum Augärtle a devenit centru de cartier. Activitățile "
            "îndrăgite pentru copii, tineri și familii rămân; se adaugă întâlniri noi pentru "
            "adulți și seniori.",
            "Бывший Jugend- und Familienzentrum Augärtle превратился в соседский центр. Любимые "
            "занятия для детей, молодёжи и семей остаются, добавляются новые встречи для "
            "взрослых и людей старшего возраста.",
            "Eski Jugend- und Familienzentrum Augärtle bir mahalle merkezine dönüştü. Çocuklar, "
            "gençler ve aileler için sevilen etkinlikler sürüyor; yetişkinler ve yaşlılar için "
            "yeni buluşmalar ekleniyor.",
        ),
        "history": [
            ("youth_family_centre", "2019-01-01", None),
            (
                "neighbourhood_centre",
                "2024-04-01",
                t(
                    "Erweiterung zum Quartierszentrum",
                    "Expanded into a neighbourhood centre",
                    "التوسّع ليصبح مركز حيّ",
                    "Extindere în centru de cartier",
                    "Преобразование в соседский центр",
                    "Mahalle merkezine dönüştü",
                ),
            ),
        ],
        "sites": [
            {
                "name": "Quartierszentrum Augärtle",
                "quarter": "augaertle",  # demo: where the site lies
                "is_main": True,
                "street": "Paulinenstraße 27",
                "postcode": "74076",
                "lat": "49.149620",
                "lon": "9.215930",
                "hours": HOURS_MAIN,
                "spec": HOURS_MAIN_SPEC,
                "directions": bus("Augärtle", "5, 10"),
                "access": ("no", "no", "unknown"),
            },
        ],
    },
    {
        "slug": "nordstadt",
        "name": "Quartierszentrum Nordstadt-Mehrgenerationenhaus",
        "status": "operating",
        "stage": "neighbourhood_centre",
        "opened_on": "2021-10-01",
        "provider": "Stadt Heilbronn",
        "summary": t(
            "Ein Haus für alle Generationen in der Nordstadt: Sprachcafé, Hausaufgabenhilfe und "
            "offene Treffs.",
            "A house for all generations in Nordstadt: language café, homework help and drop-in "
            "meet-ups.",
            "بيت لجميع الأجيال في Nordstadt: مقهى اللغة والمساعدة في الواجبات المدرسية ولقاءات "
            "مفتوحة.",
            "O casă pentru toate generațiile în Nordstadt: cafenea lingvistică, ajutor la teme și "
            "întâlniri deschise.",
            "Дом для всех поколений в Nordstadt: языковое кафе, помощь с домашними заданиями и "
            "встречи без записи.",
            "Nordstadt'ta tüm kuşaklar için bir ev: Dil Kafe, ödev desteği ve açık buluşmalar.",
        ),
        "description": t(
            "Im Mehrgenerationenhaus in der Nordstadt begegnen sich Jung und Alt. Das "
            "Quartiersmanagement vernetzt Schulen, Vereine und Initiativen im Stadtteil.",
            "In the multi-generation centre in Nordstadt, young and old meet. The neighbourhood "
            "management connects schools, clubs and initiatives in the district.",
            "في مركز لكل الأجيال في Nordstadt يلتقي الصغار والكبار. وتربط إدارة الحيّ بين "
            "المدارس والجمعيات والمبادرات في الحيّ.",
            "În centrul pentru toate generațiile din Nordstadt se întâlnesc tineri și vârstnici. "
            "Managementul de cartier conectează școli, asociații și inițiative din cartier.",
            "В центре для всех поколений в Nordstadt встречаются молодые и пожилые. Менеджмент "
            "района объединяет школы, клубы и инициативы района.",
            "Nordstadt'taki tüm kuşaklar için buluşma merkezinde gençler ve yaşlılar bir araya "
            "gelir. Mahalle yönetimi semtteki okulları, dernekleri ve girişimleri buluşturur.",
        ),
        "history": [
            ("family_centre", "2010-01-01", None),
            ("neighbourhood_centre", "2021-10-01", None),
        ],
        "sites": [
            {
                "name": "Mehrgenerationenhaus Nordstadt",
                "quarter": "nordstadt",  # demo: where the site lies
                "is_main": True,
                "street": "Dammstraße 60",
                "postcode": "74076",
                "lat": "49.153780",
                "lon": "9.219470",
                "hours": HOURS_MAIN,
                "spec": HOURS_MAIN_SPEC,
                "directions": bus("Dammstraße", "3, 5"),
                "access": ("yes", "yes", "yes"),
            },
        ],
    },
]

PLANNED_SUMMARY = t(
    "Geplantes Quartierszentrum (Vision Quartierszentren 2030).",
    "Planned neighbourhood centre (Vision Quartierszentren 2030).",
    "مركز حيّ مخطط له (Vision Quartierszentren 2030).",
    "Centru de cartier planificat (Vision Quartierszentren 2030).",
    "Планируемый соседский центр (Vision Quartierszentren 2030).",
    "Planlanan mahalle merkezi (Vision Quartierszentren 2030).",
)

for _slug, _name, _year in [
    ("neckargartach", "Quartierszentrum Neckargartach", 2026),
    ("sontheim", "Quartierszentrum Sontheim", 2027),
    ("biberach", "Quartierszentrum Biberach", 2028),
]:
    CENTRES.append(
        {
            "slug": _slug,
            "name": _name,
            "status": "planned",
            "stage": "neighbourhood_centre",
            "opened_on": f"{_year}-01-01",
            "provider": "",
            "summary": PLANNED_SUMMARY,
            "description": None,
            "history": [],
            "sites": [],
        }
    )


def _quarter(name, slug, centre, de, en, ar, ro, ru, tr):
    return {"name": name, "slug": slug, "centre": centre, "description": t(de, en, ar, ro, ru, tr)}


QUARTERS = [
    _quarter(
        "Böckingen",
        "boeckingen",
        "boeckingen",
        "Größter Stadtteil Heilbronns westlich des Neckars.",
        "Heilbronn's largest district, west of the Neckar.",
        "أكبر أحياء هايلبرون، غرب نهر نيكار.",
        "Cel mai mare cartier al orașului Heilbronn, la vest de Neckar.",
        "Самый большой район Хайльбронна, к западу от Неккара.",
        "Heilbronn'un Neckar'ın batısındaki en büyük semti.",
    ),
    _quarter(
        "Kreuzgrund",
        "kreuzgrund",
        "boeckingen",
        "Wohngebiet im Süden von Böckingen mit eigener Außenstelle.",
        "Residential area in the south of Böckingen with its own branch.",
        "منطقة سكنية في جنوب Böckingen لها فرعها الخاص.",
        "Zonă rezidențială în sudul Böckingen, cu propriul sediu secundar.",
        "Жилой район на юге Böckingen со своим филиалом.",
        "Böckingen'in güneyinde kendi şubesi olan yerleşim alanı.",
    ),
    _quarter(
        "Südstadt",
        "suedstadt",
        "heilbronner-sueden",
        "Lebendiges Viertel südlich der Innenstadt.",
        "Lively neighbourhood south of the city centre.",
        "حيّ نابض بالحياة جنوب وسط المدينة.",
        "Cartier animat la sud de centrul orașului.",
        "Оживлённый район к югу от центра города.",
        "Şehir merkezinin güneyinde hareketli bir mahalle.",
    ),
    _quarter(
        "Hoover-Siedlung",
        "hoover-siedlung",
        "heilbronner-sueden",
        "Neues Wohngebiet auf dem früheren Kasernengelände Herbert-Hoover.",
        "New residential area on the former Herbert-Hoover barracks site.",
        "منطقة سكنية جديدة على أرض ثكنة Herbert-Hoover السابقة.",
        "Zonă rezidențială nouă pe fostul teren al cazărmii Herbert-Hoover.",
        "Новый жилой район на месте бывших казарм Herbert-Hoover.",
        "Eski Herbert-Hoover kışlası alanında yeni yerleşim bölgesi.",
    ),
    _quarter(
        "Innenstadt-Süd",
        "innenstadt-sued",
        "heilbronner-sueden",
        "Der südliche Teil der Innenstadt rund um die Wilhelmstraße.",
        "The southern part of the city centre around Wilhelmstraße.",
        "الجزء الجنوبي من وسط المدينة حول Wilhelmstraße.",
        "Partea de sud a centrului orașului, în jurul Wilhelmstraße.",
        "Южная часть центра города вокруг Wilhelmstraße.",
        "Wilhelmstraße çevresinde şehir merkezinin güney kısmı.",
    ),
    _quarter(
        "Augärtle",
        "augaertle",
        "augaertle",
        "Quartier im Norden der Innenstadt zwischen Neckar und Bahnlinie.",
        "Neighbourhood north of the city centre between the Neckar and the railway.",
        "حيّ شمال وسط المدينة بين نهر نيكار وخط السكك الحديدية.",
        "Cartier la nord de centrul orașului, între Neckar și calea ferată.",
        "Район к северу от центра между Неккаром и железной дорогой.",
        "Şehir merkezinin kuzeyinde, Neckar ile demiryolu arasında bir mahalle.",
    ),
    _quarter(
        "Innenstadt-Nord",
        "innenstadt-nord",
        "augaertle",
        "Der nördliche Teil der Innenstadt.",
        "The northern part of the city centre.",
        "الجزء الشمالي من وسط المدينة.",
        "Partea de nord a centrului orașului.",
        "Северная часть центра города.",
        "Şehir merkezinin kuzey kısmı.",
    ),
    _quarter(
        "Nordstadt",
        "nordstadt",
        "nordstadt",
        "Vielfältiger Stadtteil mit Mehrgenerationenhaus.",
        "Diverse district with a multi-generation centre.",
        "حيّ متنوع فيه مركز لكل الأجيال.",
        "Cartier divers, cu un centru pentru toate generațiile.",
        "Разнообразный район с центром для всех поколений.",
        "Tüm kuşaklar için buluşma merkezi olan çok renkli bir semt.",
    ),
    _quarter(
        "Industriegebiet Nord",
        "industriegebiet-nord",
        "nordstadt",
        "Gewerbegebiet mit Wohninseln am Neckarkanal.",
        "Industrial area with small residential pockets on the Neckar canal.",
        "منطقة صناعية فيها تجمعات سكنية صغيرة على قناة نيكار.",
        "Zonă industrială cu mici zone rezidențiale pe canalul Neckar.",
        "Промышленная зона с небольшими жилыми кварталами у канала Неккара.",
        "Neckar kanalı kıyısında küçük yerleşim alanları olan sanayi bölgesi.",
    ),
    _quarter(
        "Neckargartach",
        "neckargartach",
        "neckargartach",
        "Stadtteil im Nordwesten; ein Quartierszentrum ist geplant.",
        "District in the north-west; a neighbourhood centre is planned.",
        "حيّ في الشمال الغربي؛ من المخطط إنشاء مركز حيّ فيه.",
        "Cartier în nord-vest; este planificat un centru de cartier.",
        "Район на северо-западе; здесь планируется соседский центр.",
        "Kuzeybatıda bir semt; bir mahalle merkezi planlanıyor.",
    ),
    _quarter(
        "Sontheim",
        "sontheim",
        "sontheim",
        "Stadtteil im Süden am Neckar; ein Quartierszentrum ist geplant.",
        "District in the south on the Neckar; a neighbourhood centre is planned.",
        "حيّ في الجنوب على نهر نيكار؛ من المخطط إنشاء مركز حيّ فيه.",
        "Cartier în sud, pe Neckar; este planificat un centru de cartier.",
        "Район на юге у Неккара; здесь планируется соседский центр.",
        "Güneyde Neckar kıyısında bir semt; bir mahalle merkezi planlanıyor.",
    ),
    _quarter(
        "Biberach",
        "biberach",
        "biberach",
        "Stadtteil im Westen; ein Quartierszentrum ist geplant.",
        "District in the west; a neighbourhood centre is planned.",
        "حيّ في الغرب؛ من المخطط إنشاء مركز حيّ فيه.",
        "Cartier în vest; este planificat un centru de cartier.",
        "Район на западе; здесь планируется соседский центр.",
        "Batıda bir semt; bir mahalle merkezi planlanıyor.",
    ),
    _quarter(
        "Frankenbach",
        "frankenbach",
        None,
        "Stadtteil im Westen; bis zur Vision 2030 hilft das Amt für Familie, Jugend und "
        "Senioren weiter.",
        "District in the west; until Vision 2030 the Amt für Familie, Jugend und Senioren "
        "will help you.",
        "حيّ في الغرب؛ حتى تحقيق Vision 2030 تساعدكم دائرة Amt für Familie, Jugend und Senioren.",
        "Cartier în vest; până la Vision 2030 vă ajută Amt für Familie, Jugend und Senioren.",
        "Район на западе; до реализации Vision 2030 вам поможет Amt für Familie, Jugend und "
        "Senioren.",
        "Batıda bir semt; Vision 2030'a kadar Amt für Familie, Jugend und Senioren size "
        "yardımcı olur.",
    ),
]


def position_paper(place):
    return {
        "title": t(
            f"Eckpunktepapier {place}",
            f"Key principles paper {place}",
            f"ورقة المبادئ الأساسية {place}",
            f"Document cu principiile de bază {place}",
            f"Основные положения {place}",
            f"{place} temel ilkeler belgesi",
        ),
        "summary": t(
            "<p>Die <strong>Schwerpunkte</strong> des Zentrums und die geplanten Maßnahmen:</p>"
            "<ul><li>Angebote sichtbar machen</li><li>Ehrenamt stärken</li>"
            "<li>Kinder und Jugendliche beteiligen</li></ul>",
            "<p>The centre's <strong>focus topics</strong> and planned measures:</p>"
            "<ul><li>Making activities visible</li><li>Strengthening volunteering</li>"
            "<li>Involving children and young people</li></ul>",
            "<p><strong>أولويات</strong> المركز والإجراءات المخطط لها:</p>"
            "<ul><li>إبراز الأنشطة</li><li>تعزيز العمل التطوعي</li>"
            "<li>إشراك الأطفال واليافعين</li></ul>",
            "<p><strong>Temele principale</strong> ale centrului și măsurile planificate:</p>"
            "<ul><li>Vizibilitatea activităților</li><li>Sprijinirea voluntariatului</li>"
            "<li>Implicarea copiilor și tinerilor</li></ul>",
            "<p><strong>Основные темы</strong> центра и запланированные меры:</p>"
            "<ul><li>Сделать мероприятия заметными</li><li>Поддержать волонтёрскую работу</li>"
            "<li>Вовлекать детей и молодёжь</li></ul>",
            "<p>Merkezin <strong>öncelikli konuları</strong> ve planlanan önlemler:</p>"
            "<ul><li>Etkinlikleri görünür kılmak</li><li>Gönüllü çalışmayı güçlendirmek</li>"
            "<li>Çocukları ve gençleri katmak</li></ul>",
        ),
    }


def annual_report(place, year):
    return {
        "title": t(
            f"Jahresbericht {year} {place}",
            f"Annual report {year} {place}",
            f"التقرير السنوي لعام {year} – {place}",
            f"Raportul anual {year} {place}",
            f"Годовой отчёт за {year} год – {place}",
            f"{year} Yılı Faaliyet Raporu {place}",
        ),
        "summary": t(
            f"<p>Was {year} gelungen ist: neue Treffs, mehr Ehrenamtliche und ein "
            "Stadtteilfest mit vielen Partnern vor Ort.</p>",
            f"<p>What went well in {year}: new meet-ups, more volunteers and a neighbourhood "
            "festival with many local partners.</p>",
            f"<p>ما تحقق في عام {year}: لقاءات جديدة، ومتطوعون أكثر، واحتفال في الحيّ مع "
            "العديد من الجهات الفاعلة المحلية.</p>",
            f"<p>Ce a reușit în {year}: întâlniri noi, mai mulți voluntari și o sărbătoare a "
            "cartierului cu mulți parteneri locali.</p>",
            f"<p>Что удалось в {year} году: новые встречи, больше волонтёров и праздник района "
            "со многими местными партнёрами.</p>",
            f"<p>{year} yılında başarılanlar: yeni buluşmalar, daha fazla gönüllü ve birçok "
            "yerel paydaşla bir mahalle şenliği.</p>",
        ),
    }
