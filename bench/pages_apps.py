"""Activity and survey pages for the benchmark, registered with bench.pages."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation

from bench import BENCH_CSRF
from bench import pages as base


def _get(label, path, staff=False):
    return {"label": label, "path": path, "method": "GET", "staff": staff}


def offer_pages():
    from centers.models import Quarter
    from offers.models import Offer

    offer = Offer.objects.published().order_by("pk").first()
    quarter = Quarter.objects.order_by("pk").first()
    with translation.override("de"):
        return [
            _get(
                "offer list with filters",
                reverse("offers:list") + "?" + urlencode({"quarter": quarter.slug, "free": "on"}),
            ),
            _get("offer page", reverse("offers:detail", kwargs={"slug": offer.slug})),
            _get(
                "iCal feed (quarter)",
                reverse("offers:ical", kwargs={"kind": "quartier", "slug": quarter.slug}),
            ),
        ]


def survey_pages():
    from survey import services
    from survey.forms import QuestionnaireForm
    from survey.models import Channel, Response, Survey

    survey = Survey.objects.get(is_current=True)
    quarters = services.load_quarters()
    template = Response.objects.filter(survey=survey, channel=Channel.ONLINE).first()
    form_data = QuestionnaireForm.data_from(template, quarters)
    body = urlencode(
        [(name, value) for name, values in form_data.items() for value in values]
        + [("csrfmiddlewaretoken", BENCH_CSRF), ("action", "submit")]
    )
    with translation.override("de"):
        questionnaire = reverse("survey:questionnaire", kwargs={"slug": survey.slug})
        return [
            _get("survey page", questionnaire),
            {
                "label": "survey submission",
                "path": questionnaire,
                "method": "POST",
                "staff": False,
                "body": body,
                "type": "application/x-www-form-urlencoded",
                "cookie": f"csrftoken={BENCH_CSRF}",
                "expect": 302,
            },
            _get(
                "results dashboard (staff)",
                reverse("survey:dashboard", kwargs={"slug": survey.slug}),
                staff=True,
            ),
        ]


base._EXTENSIONS += [offer_pages, survey_pages]
