"""A resident fills in the whole survey on a phone in Arabic and in Turkish, with one mistake."""

import pytest

from survey.models import Response
from survey.services import load_quarters

ERROR_SUMMARY = {
    "ar": ("يُرجى تصحيح البيانات المشار إليها.", "يُرجى اختيار إجابة."),
    "tr": ("Lütfen işaretli alanları düzeltin.", "Lütfen bir yanıt seçin."),
}


def _label(page, text):
    return page.locator("label", has_text=text).first


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["ar", "tr"])
def test_a_resident_corrects_a_mistake_and_submits_on_a_phone(
    live_server, page, screenshot_dir, language
):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    before = Response.objects.filter(language=language, channel="online").count()
    page.goto(f"{live_server.url}/{language}/befragung/quartiersarbeit/fragebogen/")
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")

    # Q1 (the neighbourhood, required) is left out on purpose; everything else is answered.
    page.check("#Q2-1")  # "yes, I have been there" reveals Q3 (skip logic)
    assert page.locator("#q-Q3").is_visible()
    for row in range(1, 5):
        page.check(f"#Q3_{row}-4")
    page.check("#Q4-5")
    page.check("#Q5-2")
    page.check("#Q5-6")  # other, please specify
    page.fill("#Q5_other-input", "Moschee" if language == "ar" else "Cami derneği")
    page.check("#Q6-1")
    page.check("#Q6-5")
    page.fill("#Q7", "مكان للقاء الشباب" if language == "ar" else "Gençler için buluşma yeri")
    page.check("#Q8-1")
    page.fill("#Q9", "دروس طبخ" if language == "ar" else "Yemek kursu")
    page.check("#Q10-3")
    page.check("#Q11-1")
    page.fill("#Q12", "٤" if language == "ar" else "4")
    page.click("button[value=submit]")

    summary = page.locator("#error-summary")
    heading, message = ERROR_SUMMARY[language]
    assert heading in summary.inner_text()
    assert message in summary.inner_text()
    # Everything typed is still there.
    assert page.is_checked("#Q2-1") and page.is_checked("#Q5-6") and page.is_checked("#Q3_4-4")
    assert page.input_value("#Q5_other-input") in {"Moschee", "Cami derneği"}
    assert page.input_value("#Q12") in {"٤", "4"}
    page.screenshot(path=str(screenshot_dir / f"survey-error-{language}.jpg"), full_page=False)

    summary.locator("a").first.click()
    page.check("#Q1-2")
    page.screenshot(path=str(screenshot_dir / f"survey-corrected-{language}.jpg"), full_page=False)
    page.click("button[value=submit]")

    assert page.locator("h1").inner_text().strip() in {
        "شكرًا لمشاركتكم!",
        "Katılımınız için teşekkür ederiz!",
    }
    page.screenshot(path=str(screenshot_dir / f"survey-thanks-{language}.jpg"), full_page=False)
    assert Response.objects.filter(language=language, channel="online").count() == before + 1
    stored = Response.objects.filter(language=language, channel="online").latest("pk")
    answers = {a.question.code: a for a in stored.answers.select_related("question", "quarter")}
    assert answers["Q1"].quarter == load_quarters()[1]
    assert answers["Q12"].value == 4
    assert "Q9" in answers


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_printed_questionnaire_renders_for_a_look(
    live_server, browser, screenshot_dir, language
):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(f"{live_server.url}/{language}/befragung/quartiersarbeit/papierfragebogen/")
    assert page.locator(".paper-box").count() > 40
    assert not page.locator(".site-header").first.is_visible()
    page.screenshot(path=str(screenshot_dir / f"survey-paper-{language}.jpg"), full_page=True)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    context.close()
