"""This app's part of the editors' task list on the admin home page."""

from django.urls import reverse

from staff.tasks import register_tasks
from survey.models import Response, Survey


@register_tasks
def survey_tasks(user):
    tasks = {}
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
