"""The editor's task list on the admin home page, scoped to a quarter manager's centres."""

from django.urls import reverse
from django.utils import timezone

from heilbronn_quartier.permissions import OFFER_CENTRE_PATH, model_admin_fields, scope_queryset


def translation_gaps(queryset, fields):
    """Objects with a German text in one of `fields` but an empty translation in some language."""
    from django.conf import settings
    from django.db.models import Q

    languages = [code for code, _name in settings.LANGUAGES if code != "de"]
    condition = Q()
    for field in fields:
        for language in languages:
            condition |= ~Q(**{f"{field}_de": ""}) & (
                Q(**{f"{field}_{language}": ""}) | Q(**{f"{field}_{language}__isnull": True})
            )
    return queryset.filter(condition)


def editor_tasks(user):
    from centers.models import Centre, Document, DocumentKind
    from offers.models import Offer
    from survey.models import Response, Survey

    if not (user.is_active and user.is_staff):
        return {}
    tasks = {}
    last_year = timezone.localdate().year - 1
    if user.has_perm("offers.change_offer"):
        offers = scope_queryset(user, Offer.objects.all(), OFFER_CENTRE_PATH)
        proposals = offers.filter(is_proposal=True).exclude(publication_status="published")
        stale = offers.published().stale()
        changelist = reverse("admin:offers_offer_changelist")
        tasks["proposals"] = {
            "count": proposals.count(),
            "url": f"{changelist}?is_proposal__exact=1&publication_status__exact=draft",
        }
        tasks["review"] = {
            "count": offers.filter(publication_status="review").count(),
            "url": f"{changelist}?publication_status__exact=review",
        }
        tasks["stale"] = {"count": stale.count(), "url": f"{changelist}?checked=stale"}
        missing = translation_gaps(offers, model_admin_fields(Offer))
        tasks["translations"] = {
            "count": missing.count(),
            "url": f"{changelist}?translations=missing",
        }
    if user.has_perm("centers.change_centre"):
        centres = scope_queryset(user, Centre.objects.all(), "")
        documents = Document.objects.filter(centre__in=centres)
        tasks["centre_translations"] = {
            "count": translation_gaps(centres, model_admin_fields(Centre)).count(),
            "url": reverse("admin:centers_centre_changelist") + "?translations=missing",
        }
        tasks["document_translations"] = {
            "count": translation_gaps(
                Document.objects.filter(centre__in=centres), model_admin_fields(Document)
            ).count(),
            "url": reverse("admin:centers_document_changelist") + "?translations=missing",
        }
        reports = documents.filter(kind=DocumentKind.ANNUAL_REPORT, year=last_year)
        with_report = reports.values("centre")
        with_paper = documents.filter(kind=DocumentKind.POSITION_PAPER).values("centre")
        tasks["no_report"] = [
            (centre, reverse("admin:centers_centre_change", args=[centre.pk]))
            for centre in centres.exclude(pk__in=with_report).order_by("name")
        ]
        tasks["no_position_paper"] = [
            (centre, reverse("admin:centers_centre_change", args=[centre.pk]))
            for centre in centres.exclude(pk__in=with_paper).order_by("name")
        ]
        tasks["report_year"] = last_year
    if user.has_perm("survey.view_response") or user.has_perm("survey.enter_paper_responses"):
        survey = Survey.objects.filter(is_current=True).first()
        if survey is not None:
            tasks["survey"] = {
                "survey": survey,
                "responses": Response.objects.filter(survey=survey).count(),
                "dashboard": reverse("survey:dashboard", kwargs={"slug": survey.slug})
                if user.has_perm("survey.view_response")
                else "",
                "paper": reverse("survey:paper-entry", kwargs={"slug": survey.slug})
                if user.has_perm("survey.enter_paper_responses")
                else "",
            }
    return tasks
