"""Activity, actor, survey and staff pages for the benchmark, registered with bench.pages."""

import itertools
import random
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation

from bench import pages as base
from bench.pages import page

# A few staff members at once, not a crowd: one connection per worker.
STAFF_CONNECTIONS = 2


def offer_pages():
    from centers.models import Quarter
    from network.models import Actor
    from offers.models import Offer

    offer = Offer.objects.published().filter(actor__isnull=False).order_by("pk").first()
    quarter = Quarter.objects.order_by("pk").first()
    actor = Actor.objects.published().filter(offers__isnull=False).order_by("pk").first()
    with translation.override("de"):
        pages = [
            page("offer list", reverse("offers:list")),
            page(
                "offer list, filtered",
                reverse("offers:list") + "?" + urlencode({"quarter": quarter.slug, "free": "on"}),
            ),
            page("offer page", reverse("offers:detail", kwargs={"slug": offer.slug})),
            page("this week", reverse("offers:this-week")),
            page("weekly plan", reverse("offers:weekly-plan", kwargs={"slug": quarter.slug})),
            page(
                "iCal feed (quarter)",
                reverse("offers:ical", kwargs={"kind": "quartier", "slug": quarter.slug}),
            ),
        ]
        if actor is not None:
            pages.append(page("actor page", reverse("network:actor-detail", args=[actor.slug])))
        pages.append(
            page(
                "admin offer list (staff)",
                reverse("admin:offers_offer_changelist"),
                "staff",
                connections=STAFF_CONNECTIONS,
            )
        )
        return pages


def offer_filters(limit):
    """Valid filter combinations in a shuffled, repeatable order."""
    from centers.models import Quarter
    from offers.models import Category, TargetGroup

    quarters = [""] + list(Quarter.objects.values_list("slug", flat=True))
    groups = [""] + list(TargetGroup.objects.values_list("slug", flat=True))
    categories = [""] + list(Category.objects.values_list("slug", flat=True))
    weekdays = ["", *range(7)]
    combos = list(itertools.product(quarters, groups, categories, weekdays, ["", "on"]))
    random.Random(18).shuffle(combos)
    with translation.override("de"):
        base_path = reverse("offers:list")
    paths = []
    for quarter, group, category, weekday, free in combos[:limit]:
        query = {
            "quarter": quarter,
            "target_group": group,
            "category": category,
            "weekday": weekday,
            "free": free,
        }
        paths.append(base_path + "?" + urlencode({k: v for k, v in query.items() if v != ""}))
    return paths


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
        + [("action", "submit")]
    )
    with translation.override("de"):
        questionnaire = reverse("survey:questionnaire", kwargs={"slug": survey.slug})
        return [
            page("survey landing", reverse("survey:landing")),
            page("questionnaire", questionnaire, "questionnaire"),
            page(
                "survey submission",
                questionnaire,
                "submission",
                method="POST",
                body=body,
                type="application/x-www-form-urlencoded",
                origin=True,  # as a browser names the page it sends the form from
                one_time_token=True,
                expect=302,
            ),
            page(
                "survey dashboard (staff)",
                reverse("survey:dashboard", kwargs={"slug": survey.slug}),
                "staff",
                connections=STAFF_CONNECTIONS,
            ),
        ]


base._EXTENSIONS += [offer_pages, survey_pages]
base._FILTERS += [offer_filters]
