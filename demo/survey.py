# ruff: noqa: E501 -- long translated demo sentences read better unbroken
"""Demo content: the "Befragung zur Quartiersarbeit" in six languages, with generated responses.

Idempotent: a second run changes nothing (on the same day; the open demo survey's window moves
with today so that a new user can always fill it in).
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from centers.models import Quarter
from demo.marks import mark
from demo.models import DemoObject
from survey import services
from survey.forms import QuestionnaireForm
from survey.models import Choice, MatrixRow, Question, QuestionKind, Response, Survey, SurveyStatus

LANGS = ("de", "en", "ar", "ro", "ru", "tr")


def T(*texts):
    return dict(zip(LANGS, texts, strict=True))


TITLE = T(
    "Befragung zur Quartiersarbeit",
    "Survey on community work in the neighbourhoods",
    "استطلاع حول العمل المجتمعي في الأحياء",
    "Sondaj privind activitatea comunitară din cartiere",
    "Опрос о работе с жителями районов",
    "Mahalle çalışmaları anketi",
)
INTRODUCTION = T(
    "Die Stadt Heilbronn prüft ihre bisherige Arbeit in der Quartiersentwicklung und möchte dabei "
    "auf Sie hören: Wie erleben Sie die Quartiersarbeit? Welche Angebote fehlen in Ihrem "
    "Quartier? Könnten Sie sich vorstellen, selbst etwas in Ihrer Nachbarschaft anzubieten? Alle "
    "Heilbronnerinnen und Heilbronner sind herzlich eingeladen mitzumachen.",
    "The City of Heilbronn is reviewing its work in neighbourhood development and wants to hear "
    "from you: how do you experience the community work in your neighbourhood? Which activities are "
    "missing where you live? Could you imagine offering something in your neighbourhood yourself? "
    "All people of Heilbronn are warmly invited to take part.",
    "تراجع بلدية هايلبرون عملها في مجال تنمية الأحياء وتريد أن تسمع رأيكم: كيف ترون العمل المجتمعي "
    "في الحيّ؟ ما الأنشطة التي تنقص في الحيّ الذي تسكنون فيه؟ هل يمكنكم تصوّر تقديم نشاط بأنفسكم "
    "في الحيّ؟ ندعو جميع سكان هايلبرون بكل سرور إلى المشاركة.",
    "Primăria Heilbronn analizează activitatea de până acum în dezvoltarea cartierelor și dorește "
    "să afle părerea dumneavoastră: cum vedeți activitatea comunitară din cartier? Ce activități "
    "lipsesc în cartierul dumneavoastră? V-ați putea imagina să propuneți chiar dumneavoastră o "
    "activitate în cartier? Toți locuitorii din Heilbronn sunt invitați cu drag să participe.",
    "Администрация города Хайльбронн оценивает свою работу по развитию районов и хочет "
    "узнать ваше мнение: как вы оцениваете работу с жителями в вашем районе? Каких мероприятий вам не хватает? "
    "Могли бы вы сами предложить что-то для соседей? Приглашаем к участию всех жителей Хайльбронна.",
    "Heilbronn Belediyesi mahalle gelişimi alanındaki çalışmalarını değerlendiriyor ve sizin "
    "görüşünüzü almak istiyor: Mahalle çalışmalarını nasıl buluyorsunuz? Oturduğunuz mahallede "
    "hangi etkinlikler eksik? Mahallenizde kendiniz bir etkinlik sunmayı düşünür müydünüz? Tüm "
    "Heilbronn sakinlerini ankete katılmaya davet ediyoruz.",
)
PRIVACY = T(
    "Die Teilnahme ist freiwillig und anonym. Wir speichern nur Ihre Antworten, die Sprache und "
    "das Datum – keine IP-Adresse und keinen Namen. Die Antworten werden nur vom Amt für "
    "Familie, Jugend und Senioren ausgewertet und zwei Jahre nach dem Ende der Befragung gelöscht.",
    "Taking part is voluntary and anonymous. We only store your answers, the language and the "
    "date – no IP address and no name. Only the Amt für Familie, Jugend und Senioren "
    "(Office for Families, Youth and Senior Citizens) evaluates the answers, and they are deleted "
    "two years after the survey ends.",
    "المشاركة طوعية ودون الكشف عن الهوية. نحفظ إجاباتكم واللغة والتاريخ فقط، دون عنوان IP ودون "
    "اسم. تقوم دائرة Amt für Familie, Jugend und Senioren (دائرة شؤون "
    "الأسرة والشباب وكبار السن) وحدها بتقييم الإجابات، وتُحذف بعد سنتين من انتهاء الاستطلاع.",
    "Participarea este voluntară și anonimă. Salvăm doar răspunsurile dumneavoastră, limba și "
    "data – fără adresă IP și fără nume. Răspunsurile sunt evaluate numai de Amt für "
    "Familie, Jugend und Senioren (Direcția pentru Familie, Tineret și Vârstnici) și sunt șterse "
    "la doi ani după încheierea sondajului.",
    "Участие добровольное и анонимное. Мы сохраняем только ваши ответы, язык и дату — без "
    "IP-адреса и без имени. Ответы анализирует только Amt für Familie, Jugend und "
    "Senioren (Управление по делам семьи, молодёжи и пожилых людей); через два года после "
    "окончания опроса они удаляются.",
    "Katılım gönüllü ve anonimdir. Yalnızca yanıtlarınızı, dili ve tarihi kaydediyoruz; IP adresi "
    "veya isim kaydetmiyoruz. Yanıtları yalnızca Amt für Familie, Jugend und Senioren (Aile, "
    "Gençlik ve Yaşlılar Dairesi) değerlendirir ve anket bittikten iki yıl sonra silinir.",
)
THANKS = T(
    "Ihre Antworten helfen uns, Angebote zu schaffen, die zu den Menschen vor Ort passen. Die "
    "Ergebnisse veröffentlichen wir nach dem Ende der Befragung auf dieser Seite.",
    "Your answers help us create activities that suit the people who live here. We will publish "
    "the results on this page after the survey ends.",
    "تساعدنا إجاباتكم على إعداد أنشطة تناسب سكان الحيّ. سننشر النتائج على هذه الصفحة بعد انتهاء "
    "الاستطلاع.",
    "Răspunsurile dumneavoastră ne ajută să organizăm activități potrivite pentru oamenii din "
    "cartier. Vom publica rezultatele pe această pagină după încheierea sondajului.",
    "Ваши ответы помогут нам организовать мероприятия, которые подходят жителям. Результаты мы "
    "опубликуем на этой странице после окончания опроса.",
    "Yanıtlarınız, mahalle sakinlerine uygun etkinlikler düzenlememize yardımcı oluyor. Sonuçları "
    "anket bittikten sonra bu sayfada yayımlayacağız.",
)
RESULTS_TEXT = T(
    "Vielen Dank an alle, die mitgemacht haben. Am häufigsten gewünscht wurden mehr Angebote für "
    "Jugendliche und für ältere Menschen. Viele können sich vorstellen, selbst etwas anzubieten – "
    "die Quartierszentren melden sich bei den Akteuren vor Ort.",
    "Thank you to everyone who took part. The most frequent wishes were more activities for young "
    "people and for older people. Many people could imagine offering something themselves – the "
    "neighbourhood centres are getting in touch with local partners.",
    "شكرًا لكل من شارك. كانت أكثر الرغبات تكرارًا المزيد من الأنشطة لليافعين ولكبار السن. كثيرون "
    "يمكنهم تصوّر تقديم نشاط بأنفسهم، وتتواصل مراكز الأحياء مع الجهات الفاعلة المحلية.",
    "Mulțumim tuturor celor care au participat. Cele mai frecvente dorințe au fost mai multe "
    "activități pentru tineri și pentru seniori. Mulți și-ar putea imagina să propună ei înșiși o "
    "activitate – centrele de cartier iau legătura cu partenerii locali.",
    "Спасибо всем, кто принял участие. Чаще всего жители хотели больше мероприятий для молодёжи и "
    "для людей старшего возраста. Многие готовы сами что-то предложить — соседские центры "
    "связываются с местными партнёрами.",
    "Katılan herkese teşekkür ederiz. En sık dile getirilen istek, gençler ve yaşlı bireyler için "
    "daha fazla etkinlikti. Birçok kişi kendisi de bir etkinlik sunmayı düşünüyor; mahalle "
    "merkezleri yerel paydaşlarla iletişime geçiyor.",
)

S_EXPERIENCE = T(
    "Ihre Erfahrungen mit der Quartiersarbeit",
    "Your experience of the community work in the neighbourhood",
    "تجربتكم مع العمل المجتمعي في الحيّ",
    "Experiența dumneavoastră cu activitatea comunitară din cartier",
    "Ваш опыт работы с жителями района",
    "Mahalle çalışmalarıyla ilgili deneyimleriniz",
)
S_MISSING = T(
    "Fehlende Angebote in Ihrem Quartier",
    "Missing activities in your neighbourhood",
    "الأنشطة الناقصة في الحيّ",
    "Activități care lipsesc în cartierul dumneavoastră",
    "Каких мероприятий не хватает в вашем районе",
    "Mahallenizde eksik olan etkinlikler",
)
S_OWN = T(
    "Eigene Angebote",
    "Your own activities",
    "أنشطتكم الخاصة",
    "Activități propuse de dumneavoastră",
    "Ваши собственные мероприятия",
    "Kendi etkinlikleriniz",
)
S_PERSON = T(
    "Angaben zu Ihrer Person",
    "About you",
    "معلومات عنكم",
    "Date despre dumneavoastră",
    "О вас",
    "Sizinle ilgili bilgiler",
)
OTHER = T(
    "Sonstiges (bitte angeben)",
    "Other (please specify)",
    "أخرى (يُرجى التحديد)",
    "Altele (vă rugăm să precizați)",
    "Другое (укажите, пожалуйста)",
    "Diğer (lütfen belirtin)",
)
NO_ANSWER = T(
    "Keine Angabe",
    "Prefer not to say",
    "أفضّل عدم الإجابة",
    "Prefer să nu răspund",
    "Предпочитаю не отвечать",
    "Belirtmek istemiyorum",
)
YES = T("Ja", "Yes", "نعم", "Da", "Да", "Evet")
NO = T("Nein", "No", "لا", "Nu", "Нет", "Hayır")

# code, kind, section, text, options: dict(required, choices=[(label, is_other)], rows, ...)
QUESTIONS = [
    (
        "Q1",
        QuestionKind.QUARTER,
        S_EXPERIENCE,
        T(
            "In welchem Quartier wohnen Sie?",
            "Which neighbourhood do you live in?",
            "في أيّ حيّ تسكنون؟",
            "În ce cartier locuiți?",
            "В каком районе вы живёте?",
            "Hangi mahallede oturuyorsunuz?",
        ),
        {"required": True},
    ),
    (
        "Q2",
        QuestionKind.SINGLE,
        None,
        T(
            "Kennen Sie das Quartierszentrum in Ihrem Quartier?",
            "Do you know the neighbourhood centre in your neighbourhood?",
            "هل تعرفون مركز الحيّ في الحيّ الذي تسكنون فيه؟",
            "Cunoașteți centrul de cartier din cartierul dumneavoastră?",
            "Знаете ли вы соседский центр в вашем районе?",
            "Mahallenizdeki mahalle merkezini biliyor musunuz?",
        ),
        {
            "required": True,
            "choices": [
                T(
                    "Ja, ich war schon dort",
                    "Yes, I have been there",
                    "نعم، زرته من قبل",
                    "Da, am fost deja acolo",
                    "Да, мне доводилось там бывать",
                    "Evet, oraya gittim",
                ),
                T(
                    "Ja, aber ich war noch nicht dort",
                    "Yes, but I have not been there yet",
                    "نعم، لكنني لم أزره بعد",
                    "Da, dar nu am fost încă acolo",
                    "Да, но ещё не доводилось там бывать",
                    "Evet, ama henüz gitmedim",
                ),
                T(
                    "Nein, ich kenne es nicht",
                    "No, I do not know it",
                    "لا، لا أعرفه",
                    "Nu, nu îl cunosc",
                    "Нет, не знаю",
                    "Hayır, bilmiyorum",
                ),
            ],
        },
    ),
    (
        "Q3",
        QuestionKind.MATRIX,
        None,
        T(
            "Wie zufrieden sind Sie mit dem Quartierszentrum?",
            "How satisfied are you with the neighbourhood centre?",
            "ما مدى رضاكم عن مركز الحيّ؟",
            "Cât de mulțumiți sunteți de centrul de cartier?",
            "Насколько вы довольны соседским центром?",
            "Mahalle merkezinden ne kadar memnunsunuz?",
        ),
        {
            "show_if": ("Q2", 1),
            "allow_dont_know": True,
            "scale": (
                T(
                    "gar nicht zufrieden",
                    "not at all satisfied",
                    "غير مُرضٍ إطلاقًا",
                    "deloc mulțumiți",
                    "совсем не устраивает",
                    "hiç memnun değilim",
                ),
                T(
                    "sehr zufrieden",
                    "very satisfied",
                    "مُرضٍ جدًا",
                    "foarte mulțumiți",
                    "полностью устраивает",
                    "çok memnunum",
                ),
            ),
            "rows": [
                T(
                    "Angebote",
                    "Activities",
                    "الأنشطة",
                    "Activități",
                    "Мероприятия",
                    "Etkinlikler",
                ),
                T(
                    "Öffnungszeiten",
                    "Opening hours",
                    "ساعات العمل",
                    "Program de funcționare",
                    "Часы работы",
                    "Çalışma saatleri",
                ),
                T(
                    "Beratung",
                    "Advice",
                    "الاستشارة",
                    "Consiliere",
                    "Консультации",
                    "Danışmanlık",
                ),
                T(
                    "Erreichbarkeit",
                    "Ease of getting there",
                    "سهولة الوصول",
                    "Ușurința de a ajunge acolo",
                    "Удобство дороги до центра",
                    "Ulaşım kolaylığı",
                ),
            ],
        },
    ),
    (
        "Q4",
        QuestionKind.SCALE,
        None,
        T(
            "Wie gut fühlen Sie sich durch die Quartiersarbeit in Ihrem Quartier unterstützt?",
            "How well does the community work in your neighbourhood support you?",
            "إلى أيّ مدى يدعمكم العمل المجتمعي في الحيّ؟",
            "Cât de bine vă sprijină activitatea comunitară din cartierul dumneavoastră?",
            "Насколько работа с жителями района помогает вам?",
            "Mahallenizdeki mahalle çalışmaları sizi ne kadar destekliyor?",
        ),
        {
            "required": True,
            "allow_dont_know": True,
            "scale": (
                T("gar nicht", "not at all", "إطلاقًا", "deloc", "совсем не помогает", "hiç"),
                T("sehr gut", "very well", "جيدًا جدًا", "foarte bine", "очень помогает", "çok iyi"),
            ),
        },
    ),
    (
        "Q5",
        QuestionKind.MULTIPLE,
        None,
        T(
            "Wie haben Sie vom Quartierszentrum erfahren?",
            "How did you hear about the neighbourhood centre?",
            "كيف عرفتم بمركز الحيّ؟",
            "Cum ați aflat de centrul de cartier?",
            "Как вы узнали о соседском центре?",
            "Mahalle merkezini nereden duydunuz?",
        ),
        {
            "choices": [
                T(
                    "Familie, Freunde, Nachbarschaft",
                    "Family, friends, neighbours",
                    "العائلة أو الأصدقاء أو الجيران",
                    "Familie, prieteni, vecini",
                    "Семья, друзья, соседи",
                    "Aile, arkadaşlar, komşular",
                ),
                T(
                    "Flyer oder Plakat",
                    "Flyer or poster",
                    "منشور أو ملصق",
                    "Pliant sau afiș",
                    "Листовка или плакат",
                    "El ilanı veya afiş",
                ),
                T(
                    "Internet oder soziale Medien",
                    "Internet or social media",
                    "الإنترنت أو وسائل التواصل الاجتماعي",
                    "Internet sau rețele sociale",
                    "Интернет или социальные сети",
                    "İnternet veya sosyal medya",
                ),
                T(
                    "Schule oder Kita",
                    "School or nursery",
                    "المدرسة أو الروضة",
                    "Școală sau grădiniță",
                    "Школа или детский сад",
                    "Okul veya kreş",
                ),
                T(
                    "Bürgeramt",
                    "Bürgeramt (citizens' office)",
                    "Bürgeramt (مكتب خدمة المواطنين)",
                    "Bürgeramt (birou de servicii pentru cetățeni)",
                    "Bürgeramt (бюро обслуживания граждан)",
                    "Bürgeramt (vatandaş hizmetleri bürosu)",
                ),
                OTHER,
            ],
        },
    ),
    (
        "Q6",
        QuestionKind.MULTIPLE,
        S_MISSING,
        T(
            "Welche Angebote fehlen in Ihrem Quartier?",
            "Which activities are missing in your neighbourhood?",
            "ما الأنشطة التي تنقص في الحيّ الذي تسكنون فيه؟",
            "Ce activități lipsesc în cartierul dumneavoastră?",
            "Каких мероприятий не хватает в вашем районе?",
            "Mahallenizde hangi etkinlikler eksik?",
        ),
        {
            "max_choices": 3,
            "choices": [
                T(
                    "Angebote für Kinder",
                    "Activities for children",
                    "أنشطة للأطفال",
                    "Activități pentru copii",
                    "Занятия для детей",
                    "Çocuklar için etkinlikler",
                ),
                T(
                    "Angebote für Jugendliche",
                    "Activities for young people",
                    "أنشطة لليافعين",
                    "Activități pentru tineri",
                    "Мероприятия для молодёжи",
                    "Gençler için etkinlikler",
                ),
                T(
                    "Eltern-Kind-Gruppen",
                    "Parent and child groups",
                    "مجموعات الأهل والأطفال",
                    "Grupuri pentru părinți și copii",
                    "Группы для родителей с детьми",
                    "Ebeveyn-çocuk grupları",
                ),
                T(
                    "Seniorentreffs",
                    "Get-togethers for older people",
                    "لقاءات كبار السن",
                    "Întâlniri pentru seniori",
                    "Встречи для людей старшего возраста",
                    "Yaşlılar için buluşmalar",
                ),
                T(
                    "Sprachcafé",
                    "Language café",
                    "مقهى اللغة",
                    "Cafenea lingvistică",
                    "Языковое кафе (разговорный клуб)",
                    "Dil Kafe",
                ),
                T("Beratung", "Advice", "الاستشارة", "Consiliere", "Консультации", "Danışmanlık"),
                T(
                    "Spiel- und Sportangebote",
                    "Play and sports activities",
                    "أنشطة اللعب والرياضة",
                    "Activități de joacă și sport",
                    "Игровые и спортивные занятия",
                    "Oyun ve spor etkinlikleri",
                ),
                OTHER,
            ],
        },
    ),
    (
        "Q7",
        QuestionKind.TEXT,
        None,
        T(
            "Was genau fehlt Ihnen in Ihrem Quartier?",
            "What exactly is missing in your neighbourhood?",
            "ما الذي ينقصكم بالتحديد في الحيّ؟",
            "Ce anume vă lipsește în cartierul dumneavoastră?",
            "Чего именно вам не хватает в вашем районе?",
            "Mahallenizde tam olarak neyin eksikliğini hissediyorsunuz?",
        ),
        {"max_length": 1000},
    ),
    (
        "Q8",
        QuestionKind.SINGLE,
        S_OWN,
        T(
            "Könnten Sie sich vorstellen, selbst ein Angebot in Ihrem Quartier zu machen oder "
            "mitzugestalten?",
            "Could you imagine running or helping to shape an activity in your neighbourhood "
            "yourself?",
            "هل يمكنكم تصوّر تقديم نشاط في الحيّ بأنفسكم أو المشاركة في إعداده؟",
            "V-ați putea imagina să organizați sau să contribuiți la o activitate în cartierul "
            "dumneavoastră?",
            "Могли бы вы сами провести мероприятие в вашем районе или помочь его организовать?",
            "Mahallenizde kendiniz bir etkinlik sunmayı veya bir etkinliğin düzenlenmesine katkıda "
            "bulunmayı düşünür müsünüz?",
        ),
        {
            "required": True,
            "choices": [
                YES,
                T("Vielleicht", "Maybe", "ربما", "Poate", "Возможно", "Belki"),
                NO,
            ],
        },
    ),
    (
        "Q9",
        QuestionKind.TEXT,
        None,
        T(
            "Was würden Sie gerne anbieten?",
            "What would you like to offer?",
            "ما النشاط الذي تودّون تقديمه؟",
            "Ce ați dori să propuneți?",
            "Что бы вы хотели предложить?",
            "Ne sunmak isterdiniz?",
        ),
        {"show_if": ("Q8", 1), "max_length": 500},
    ),
    (
        "Q10",
        QuestionKind.SINGLE,
        S_PERSON,
        T(
            "Wie alt sind Sie?",
            "How old are you?",
            "كم عمركم؟",
            "Ce vârstă aveți?",
            "Сколько вам лет?",
            "Kaç yaşındasınız?",
        ),
        {
            "choices": [
                T(
                    "unter 18 Jahre",
                    "under 18",
                    "أقل من 18 سنة",
                    "sub 18 ani",
                    "до 18 лет",
                    "18 yaşın altında",
                ),
                T("18–29 Jahre", "18–29", "18–29 سنة", "18–29 de ani", "18–29 лет", "18–29 yaş"),
                T("30–49 Jahre", "30–49", "30–49 سنة", "30–49 de ani", "30–49 лет", "30–49 yaş"),
                T("50–64 Jahre", "50–64", "50–64 سنة", "50–64 de ani", "50–64 года", "50–64 yaş"),
                T(
                    "65 Jahre und älter",
                    "65 or older",
                    "65 سنة فأكثر",
                    "65 de ani sau mai mult",
                    "65 лет и старше",
                    "65 yaş ve üzeri",
                ),
                NO_ANSWER,
            ],
        },
    ),
    (
        "Q11",
        QuestionKind.SINGLE,
        None,
        T(
            "Leben Kinder unter 18 Jahren in Ihrem Haushalt?",
            "Do children under 18 live in your household?",
            "هل يعيش أطفال دون 18 سنة في أسرتكم؟",
            "Locuiesc copii sub 18 ani în gospodăria dumneavoastră?",
            "Живут ли в вашей семье дети до 18 лет?",
            "Hanenizde 18 yaşından küçük çocuk yaşıyor mu?",
        ),
        {"choices": [YES, NO, NO_ANSWER]},
    ),
    (
        "Q12",
        QuestionKind.NUMBER,
        None,
        T(
            "Wie viele Personen leben in Ihrem Haushalt, Sie eingeschlossen?",
            "How many people live in your household, including you?",
            "كم عدد الأشخاص الذين يعيشون في أسرتكم، بما فيهم أنتم؟",
            "Câte persoane locuiesc în gospodăria dumneavoastră, inclusiv dumneavoastră?",
            "Сколько человек живёт в вашей семье, включая вас?",
            "Siz dahil hanenizde kaç kişi yaşıyor?",
        ),
        {"number": (1, 20)},
    ),
]


def _translated(prefix, texts):
    return {f"{prefix}_{code}": text for code, text in texts.items()}


def _survey(slug, opens_at, closes_at, **extra):
    # Each wave carries its year in the title, so the two are never confused.
    year = timezone.localtime(opens_at).year
    titles = {code: services.wave_title(title, year) for code, title in TITLE.items()}
    fields = {
        **_translated("title", titles),
        **_translated("introduction", INTRODUCTION),
        **_translated("privacy_notice", PRIVACY),
        **_translated("thank_you_text", THANKS),
        "title": titles["de"],
        "opens_at": opens_at,
        "closes_at": closes_at,
        "status": SurveyStatus.PUBLISHED,
        "estimated_minutes": 10,
        **extra,
    }
    survey = Survey.objects.filter(slug=slug).first()
    if survey is None:
        return mark(Survey.objects.create(slug=slug, **fields)), True
    changed = {name: value for name, value in fields.items() if getattr(survey, name) != value}
    if changed:
        Survey.objects.filter(pk=survey.pk).update(**changed)
        survey.refresh_from_db()
    return survey, False


def _questions(survey):
    if survey.questions.exists():
        return
    by_code = {}
    for position, (code, kind, section, text, options) in enumerate(QUESTIONS, start=1):
        fields = {**_translated("text", text)}
        if section:
            fields.update(_translated("section", section))
        if "scale" in options:
            low, high = options["scale"]
            fields.update(_translated("scale_min_label", low))
            fields.update(_translated("scale_max_label", high))
        if "number" in options:
            fields["number_min"], fields["number_max"] = options["number"]
        if "show_if" in options:
            parent, choice_code = options["show_if"]
            fields["show_if_choice"] = by_code[parent].choices.get(code=choice_code)
        question = Question.objects.create(
            survey=survey,
            position=position,
            code=code,
            kind=kind,
            required=options.get("required", False),
            max_choices=options.get("max_choices"),
            max_length=options.get("max_length", 1000),
            allow_dont_know=options.get("allow_dont_know", False),
            **fields,
        )
        for index, label in enumerate(options.get("choices", []), start=1):
            Choice.objects.create(
                question=question,
                position=index,
                code=index,
                is_other=label is OTHER,
                **_translated("label", label),
            )
        for index, label in enumerate(options.get("rows", []), start=1):
            MatrixRow.objects.create(
                question=question, position=index, code=index, **_translated("label", label)
            )
        by_code[code] = question


WISHES = [
    "Ein offener Treff für Jugendliche am Abend",
    "Mehr Bänke und ein Spielplatz in der Nähe",
    "Ein Sprachcafé am Samstag",
    "Hausaufgabenhilfe für Grundschulkinder",
    "Ein Seniorentreff mit Mittagessen",
    "More activities for teenagers in the evening",
    "نشاط للأمهات مع أطفال صغار",
    "Курсы немецкого языка для взрослых",
    "Gençler için spor etkinlikleri",
    "Activități pentru copii în vacanță",
]
OWN_OFFERS = [
    "Ich könnte einmal im Monat mit Kindern backen.",
    "Fahrradreparatur für Nachbarn",
    "أستطيع المساعدة في الترجمة إلى العربية",
    "Могу вести шахматный кружок",
    "Türkçe-Almanca konuşma grubu",
]


def _generate(survey, count, days, seed):
    if survey.responses.exists():
        return 0
    rng = random.Random(seed)
    questions = services.load_questions(survey)
    quarters = services.load_quarters()
    weights = {"de": 50, "en": 6, "ar": 14, "ro": 8, "ru": 10, "tr": 12}
    languages = rng.choices(list(weights), weights=list(weights.values()), k=count)
    for index in range(count):
        data = _random_answers(rng, questions, quarters)
        form = QuestionnaireForm(MultiValueDict(data), questions=questions, quarters=quarters)
        form.is_valid()  # a random answer may miss a condition; its valid answers are stored
        response, _created = services.store_response(
            survey,
            form.answers,
            language=languages[index],
            channel="paper" if rng.random() < 0.25 else "online",
        )
        day = days[0] + timedelta(days=rng.randrange((days[1] - days[0]).days + 1))
        paper = response.channel == "paper"
        Response.objects.filter(pk=response.pk).update(
            submitted_on=day,
            source=rng.choice(
                ["Bürgeramt Böckingen", "Quartierszentrum Nordstadt", "Bürgeramt Innenstadt"]
            )
            if paper
            else "",
            batch=f"{day:%m%d}-{rng.randint(1, 3)}" if paper else "",
        )
    return count


def _random_answers(rng, questions, quarters):
    data = {}
    for question in questions:
        if not question.required and rng.random() < 0.15:
            continue
        choices = list(question.choices.all())
        if question.kind == QuestionKind.QUARTER and quarters:
            data[question.code] = [str(rng.choice(quarters).pk)]
        elif question.kind == QuestionKind.SINGLE:
            data[question.code] = [str(rng.choice(choices).pk)]
        elif question.kind == QuestionKind.MULTIPLE:
            picked = rng.sample(choices, rng.randint(1, question.max_choices or 2))
            data[question.code] = [str(choice.pk) for choice in picked]
            if any(choice.is_other for choice in picked):
                data[services.other_name(question)] = [rng.choice(WISHES)]
        elif question.kind == QuestionKind.SCALE:
            data[question.code] = [str(rng.choice([2, 3, 4, 4, 5, 5]))]
        elif question.kind == QuestionKind.MATRIX:
            for row in question.rows.all():
                data[services.row_name(question, row)] = [str(rng.choice([1, 3, 4, 4, 5, "dk"]))]
        elif question.kind == QuestionKind.TEXT:
            pool = OWN_OFFERS if question.code == "Q9" else WISHES
            if rng.random() < 0.5:
                data[question.code] = [rng.choice(pool)]
        elif question.kind == QuestionKind.NUMBER:
            data[question.code] = [str(rng.randint(1, 6))]
    return data


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load():
    today = timezone.localdate()
    if not Quarter.objects.exists():
        from centers.models import Quarter as QuarterModel

        for name, slug in [
            ("Böckingen", "boeckingen"),
            ("Nordstadt", "nordstadt"),
            ("Augärtle", "augaertle"),
        ]:
            mark(QuarterModel.objects.get_or_create(slug=slug, defaults={"name": name})[0])
    demo_surveys = DemoObject.objects.of(Survey).values("object_id")
    real_current = Survey.objects.filter(is_current=True).exclude(pk__in=demo_surveys).exists()
    if not real_current:
        Survey.objects.filter(is_current=True).exclude(slug="quartiersarbeit").update(
            is_current=False
        )
    current, created_current = _survey(
        "quartiersarbeit",
        _at(today - timedelta(days=7), 0),
        _at(today + timedelta(days=60), 23),
        # A real survey stays the current one; the demo never takes its place.
        is_current=not real_current,
        wave=2,
    )
    historic, created_historic = _survey(
        "quartiersarbeit-2024",
        _at(date(2024, 2, 12), 0),
        _at(date(2024, 3, 13), 23),
        is_current=False,
        wave=1,
        results_published=True,
        **_translated("results_text", RESULTS_TEXT),
    )
    for survey in (current, historic):
        _questions(survey)
    _excerpts(historic)
    made = _generate(current, 240, (today - timedelta(days=7), today), seed=2025)
    made += _generate(historic, 360, (date(2024, 2, 12), date(2024, 3, 13)), seed=2024)
    if not (created_current or created_historic or made):
        return ""
    return f"2 surveys, {made} generated responses"


EXCERPTS = [
    (
        "Q7",
        T(
            "Ein offener Treff für Jugendliche am Abend, auch am Wochenende.",
            "A drop-in for young people in the evening, at weekends too.",
            "لقاء مفتوح لليافعين في المساء، وفي عطلة نهاية الأسبوع أيضًا.",
            "O întâlnire deschisă pentru tineri seara, și în weekend.",
            "Встреча без записи для молодёжи по вечерам, в том числе в выходные.",
            "Gençler için akşamları, hafta sonu da açık buluşma.",
        ),
    ),
    (
        "Q9",
        T(
            "Ich könnte einmal im Monat mit Kindern backen.",
            "I could bake with children once a month.",
            "أستطيع أن أخبز مع الأطفال مرة في الشهر.",
            "Aș putea face prăjituri cu copiii o dată pe lună.",
            "Могу раз в месяц печь вместе с детьми.",
            "Ayda bir çocuklarla pasta yapabilirim.",
        ),
    ),
]


def _excerpts(survey):
    from survey.models import Excerpt

    if Excerpt.objects.filter(question__survey=survey).exists():
        return
    for position, (code, text) in enumerate(EXCERPTS, start=1):
        Excerpt.objects.create(
            question=survey.questions.get(code=code), position=position, **_translated("text", text)
        )
