"""This app's part of the editors' task list on the admin home page."""

from django.urls import reverse
from django.utils import timezone

from centers.models import Centre, Document, DocumentKind
from staff.permissions import model_admin_fields, scope_queryset
from staff.tasks import register_tasks, translation_gaps


@register_tasks
def centre_tasks(user):
    tasks = {}
    last_year = timezone.localdate().year - 1
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
    return tasks
