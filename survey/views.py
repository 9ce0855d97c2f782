import functools
import hashlib
import json
import logging
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.datastructures import MultiValueDict
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_safe

from portal.cache import local_fragment
from portal.cached_pages import keeping, public_row, render_kept
from portal.lib import clients
from portal.lib.html import collapse_whitespace
from portal.lib.origin import own_page_only
from staff.decorators import staff_view
from survey import evaluation, printing, services
from survey.forms import (
    ChangeReasonForm,
    CrossTableForm,
    DashboardFilterForm,
    ExportOptionsForm,
    FreeTextFilterForm,
    PaperEntryForm,
    QuestionnaireForm,
    ResumeForm,
    TaggingForm,
    TextCategoryForm,
)
from survey.models import Channel, Draft, Response, Survey

HONEYPOT = "website"


def _visible_survey(slug):
    return get_object_or_404(Survey.objects.visible(), slug=slug)


def _questionnaire_form(survey, data=None):
    return QuestionnaireForm(
        data, questions=services.load_questions(survey), quarters=services.load_quarters()
    )


# The surveys this worker has shown, per content version. Every questionnaire and every
# submission needs its survey; between editors' saves (which bump the version) it is the same
# object, so it costs no query (issue 18). When the database goes away between showing the
# questionnaire and the POST, the answers still come back (issue 17). Only surveys that exist are
# kept, so made-up addresses cannot grow this.
_shown = {}


def _survey_even_during_an_outage(slug):
    from portal.cache import current_version

    version = current_version()
    kept = _shown.get(slug)
    if kept is not None and kept[0] == version:
        return kept[1]
    survey = _visible_survey(slug)
    _shown[slug] = (version, survey)
    return survey


@require_safe
def landing(request):
    if keeping():
        # Which survey is current changes only with an editor's save (a new content version).
        pk = local_fragment("current-survey", lambda: (Survey.objects.current_pk(), None), False)
        survey = None
    else:
        survey = Survey.objects.current()
        pk = survey and survey.pk
    if pk is None:
        return render(request, "survey/survey_landing.html")
    return _render_detail(request, pk, survey)


@require_safe
def detail(request, slug):
    pk, survey = public_row(Survey.objects.visible, slug, "surveys")
    if pk is None:
        raise Http404
    return _render_detail(request, pk, survey)


def _render_detail(request, pk, survey=None):
    """The survey's page, its own part kept until the survey opens or closes (or an editor's
    save): the same for every visitor, like the pages of portal.cached_pages."""

    def context():
        return {"survey": survey or Survey.objects.get(pk=pk)}

    def valid_until(context):
        return context["survey"].next_phase_change()

    name = f"survey-page:{pk}"
    return render_kept(request, "survey/survey_detail.html", name, context, valid_until)


logger = logging.getLogger(__name__)

_SUBMISSION_HOLE = "@@submission-token@@"


def _blank_questionnaire(request, survey):
    """The empty questionnaire, rendered once per language and content version.

    Only the one-time submission token differs between visitors; it is filled into the kept
    page for each request. The page is kept as the encoded pieces around the token: a visitor's
    page is then one join, not a search through 27 KB of text and its encoding. No CSRF token
    and no cookie: the questionnaire takes answers only from this site's own page
    (portal.lib.origin).
    """
    from django.core.cache import caches

    from portal.cache import current_version

    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:16]
    # A name of its own: pieces kept by the code before (with a CSRF token's hole, in a shared
    # Redis) are never read.
    key = f"questionnaire-page:{survey.pk}:{get_language()}:{address}:{current_version()}"
    pieces = caches["pages"].get(key)
    if pieces is None:
        response = _render_questionnaire(
            request, survey, _questionnaire_form(survey), token=_SUBMISSION_HOLE
        )
        pieces = tuple(
            piece.encode()
            for piece in collapse_whitespace(response.content.decode()).split(_SUBMISSION_HOLE)
        )
        caches["pages"].set(key, pieces, 3600)
    return HttpResponse(secrets.token_urlsafe(24).encode().join(pieces))


def _not_from_this_site(request, slug):
    """Answers posted from elsewhere than the portal's own questionnaire (a form on another
    website, or a browser that names no origin) are not stored; they come back to be checked
    and sent from here."""
    survey = _survey_even_during_an_outage(slug)
    if not survey.is_open:
        return render(request, "survey/survey_closed.html", {"survey": survey}, status=403)
    notice = _(
        "Your answers have not been sent yet: your browser did not confirm that they come from "
        "this website. They are all still here: please check them and send them again."
    )
    form = _questionnaire_form(survey, request.POST)
    return _render_questionnaire(request, survey, form, status=403, notice=notice)


def _render_questionnaire(
    request, survey, form, status=200, notice=None, token=None, preview=False
):
    """The questionnaire with everything the form holds; errors only once it was validated."""
    context = {
        "survey": survey,
        "form": form,
        "summary": form.error_summary(),
        "token": token or secrets.token_urlsafe(24),
        "notice": notice,
        "honeypot": HONEYPOT,
        "preview": preview,
    }
    return render(request, "survey/questionnaire_form.html", context, status=status)


SUBMIT, SAVE = "survey-submit", "survey-save"


def _pages_never_cached(view):
    """never_cache for every page the view shows (each holds a visitor's one-time token or their
    answers); its redirect to the thank-you page, after a POST, no cache keeps anyway."""

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not response.has_header("Location"):
            add_never_cache_headers(response)
        return response

    return checked


@_pages_never_cached
@own_page_only(_not_from_this_site)
@sensitive_post_parameters()
def questionnaire(request, slug):
    survey = _survey_even_during_an_outage(slug)
    if not survey.is_open:
        status = 403 if request.method == "POST" else 200
        context = {"survey": survey}
        if request.method == "POST":
            # Answers sent after closing are not stored; what was written comes back to copy.
            context["typed"] = _questionnaire_form(survey, request.POST).typed_texts()
        return render(request, "survey/survey_closed.html", context, status=status)
    if request.method != "POST":
        return _blank_questionnaire(request, survey)
    form = _questionnaire_form(survey, request.POST)
    if request.POST.get(HONEYPOT):
        return redirect("survey:thanks", slug=survey.slug)
    if request.POST.get("action") == "save":
        return _save_for_later(request, survey, form)
    # Only stored responses count: a mistake corrected and sent again costs nothing.
    if clients.is_limited(request, SUBMIT, settings.SURVEY_RATE_LIMIT):
        notice = _("Too many answers were sent from your connection. Please try again later.")
        return _render_questionnaire(request, survey, form, status=429, notice=notice)
    if not form.is_valid():
        return _render_questionnaire(request, survey, form)
    try:
        _response, created = services.store_response(
            survey,
            form.answers,
            language=get_language(),
            token=form.cleaned_data["token"],
            draft_code=form.cleaned_data.get("draft"),
        )
    except DatabaseError as error:
        # Never acknowledged when not stored: the answers come back, ready to be sent again.
        # Only the error's type is logged: a message could quote the answers.
        logger.warning("A survey response could not be stored (%s)", type(error).__name__)
        notice = _("Your answers could not be saved. Please send them again in a moment.")
        return _render_questionnaire(request, survey, form, status=503, notice=notice)
    if created:
        clients.record(request, SUBMIT, settings.SURVEY_RATE_LIMIT)
    return HttpResponseRedirect(_thanks_url(survey.slug, get_language(), get_script_prefix()))


@functools.lru_cache(maxsize=64)
def _thanks_url(slug, language, prefix):
    """Where a stored response goes, made once per survey, language and script prefix."""
    with translation.override(language):
        return reverse("survey:thanks", kwargs={"slug": slug})


def _save_for_later(request, survey, form):
    """A draft under a new code (replacing the one it was resumed from), limited in number per
    client and in size."""
    if clients.is_limited(request, SAVE, settings.SURVEY_SAVE_RATE_LIMIT):
        notice = _(
            "Answers were saved for later too often from your connection. Please try again later."
        )
        return _render_questionnaire(request, survey, form, status=429, notice=notice)
    data = form.draft_data()
    if len(json.dumps(data)) > settings.SURVEY_DRAFT_MAX_BYTES:
        notice = _(
            "These answers are too long to be saved for later. "
            "Please shorten them or send them now."
        )
        return _render_questionnaire(request, survey, form, status=413, notice=notice)
    code = Draft.create_for(survey, data, replaces=form.draft_code())
    clients.record(request, SAVE, settings.SURVEY_SAVE_RATE_LIMIT)
    return render(request, "survey/draft_saved.html", {"survey": survey, "code": code})


@require_safe
def thanks(request, slug):
    return render(request, "survey/thanks.html", {"survey": _visible_survey(slug)})


def _resume_not_from_this_site(request, slug):
    survey = _visible_survey(slug)
    if not survey.is_open:
        return render(request, "survey/survey_closed.html", {"survey": survey}, status=403)
    form = ResumeForm(initial={"code": request.POST.get("code", "")})
    notice = _(
        "Your browser did not confirm that the code comes from this website: please send it again."
    )
    context = {"survey": survey, "form": form, "notice": notice}
    return render(request, "survey/resume_form.html", context, status=403)


@never_cache
@own_page_only(_resume_not_from_this_site)
@sensitive_post_parameters()
def resume(request, slug):
    survey = _visible_survey(slug)
    if not survey.is_open:
        return render(request, "survey/survey_closed.html", {"survey": survey})
    form = ResumeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        draft = Draft.find(survey, form.cleaned_data["code"])
        if draft:
            notice = _("Welcome back. Your saved answers are filled in below.")
            # The code goes along, so the draft is deleted once the answers are sent.
            data = MultiValueDict(draft.data)
            data["draft"] = form.cleaned_data["code"]
            form = _questionnaire_form(survey, data)
            return _render_questionnaire(request, survey, form, notice=notice)
        form.add_error("code", _("We could not find answers saved under this code."))
    return render(request, "survey/resume_form.html", {"survey": survey, "form": form})


def csrf_failure(request, reason=""):
    return render(request, "survey/csrf_failure.html", status=403)


@require_safe
@never_cache  # every print gets new serial numbers: never served from the page cache
def paper(request, slug):
    """The printable questionnaire; ``?copies=20`` prints a pile, each with its serial number."""
    survey = _visible_survey(slug)
    form = PaperEntryForm(
        questions=services.load_questions(survey), quarters=services.load_quarters()
    )
    details = printing.return_details(survey)
    pages = printing.paginate(form.items, tail=printing.tail_weight(details["return_points"]))
    try:
        copies = min(max(int(request.GET.get("copies", 1)), 1), printing.MAX_COPIES)
    except ValueError:
        copies = 1
    language = get_language()
    printed = []
    for _copy in range(copies):
        serial = printing.new_serial()
        printed.append(
            {
                "serial": serial,
                "pages": [
                    {
                        "number": number,
                        "total": len(pages),
                        "items": items,
                        "qr": printing.qr_svg(
                            printing.qr_payload(survey, language, number, len(pages), serial)
                        ),
                    }
                    for number, items in enumerate(pages, start=1)
                ],
            }
        )
    context = {"survey": survey, "copies": printed, **details}
    return render(request, "survey/survey_paper.html", context)


@require_safe
def results(request, slug):
    survey = _visible_survey(slug)
    if not survey.shows_results:
        raise Http404
    questions = services.load_questions(survey)
    quarters = services.load_quarters()
    responses = services.filtered_responses(survey)
    total, aggregated = services.aggregate(survey, questions, quarters, responses)
    excerpts = {}
    for excerpt in survey_excerpts(survey):
        excerpts.setdefault(excerpt.question_id, []).append(excerpt)
    previous = survey.previous_published_wave()
    comparisons = _comparisons(survey, previous, questions, quarters) if previous else {}
    for item in aggregated:
        item["excerpts"] = excerpts.get(item["question"].pk, [])
        item["comparison"] = comparisons.get(item["question"].code)
    other_waves = Survey.objects.visible().filter(results_published=True).exclude(pk=survey.pk)
    context = {
        "survey": survey,
        "total": total,
        "results": aggregated,
        "min_cell": evaluation.min_cell(),
        "previous": previous,
        "other_waves": [wave for wave in other_waves if wave.shows_results],
    }
    return render(request, "survey/survey_results.html", context)


def _comparisons(survey, previous, questions, quarters):
    """Each question this wave shares with the previous one (by code), both waves side by side;
    small groups suppressed."""
    codes = set(previous.questions.values_list("code", flat=True))
    waves = [
        (survey, services.filtered_responses(survey)),
        (previous, services.filtered_responses(previous)),
    ]
    comparisons = {}
    for question in questions:
        if question.code in codes and question.kind in evaluation.TABLE_KINDS:
            table = evaluation.crosstab(waves, question.code, quarters_list=quarters)
            if table is not None:
                comparisons[question.code] = table
    return comparisons


def survey_excerpts(survey):
    from survey.models import Excerpt

    return Excerpt.objects.filter(question__survey=survey)


# --- Staff ----------------------------------------------------------------------------------


@never_cache
@sensitive_post_parameters()
@staff_view
@permission_required("survey.change_survey", raise_exception=True)
def preview(request, slug):
    """The questionnaire of any survey, drafts too, for the Redaktion to try out. What is sent
    here is stored as a test response: never counted or exported, deleted on publication."""
    survey = get_object_or_404(Survey, slug=slug)
    form = _questionnaire_form(survey, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.store_test_response(survey, form.answers, language=get_language())
        messages.success(
            request,
            _(
                "The test response has been saved. It is not counted and is deleted when the "
                "survey is published."
            ),
        )
        return redirect("survey:preview", slug=survey.slug)
    tests = Response.all_objects.filter(survey=survey, is_test=True).count()
    notice = _(
        "Preview and test mode. Answers sent here are test responses ({count} so far): they are "
        "kept apart from the results and deleted when the survey is published."
    ).format(count=tests)
    return _render_questionnaire(request, survey, form, notice=notice, preview=True)


def result_scope(user):
    """The neighbourhoods whose results a user may see: None for all (evaluation team,
    Redaktion), else the quarters of a quarter manager's centres."""
    from centers.models import Quarter
    from staff.permissions import centre_ids

    ids = centre_ids(user)
    if ids is None:
        return None
    return tuple(sorted(Quarter.objects.filter(centre__in=ids).values_list("pk", flat=True)))


def _small_hidden(n):
    return f"<{evaluation.min_cell()}" if evaluation.suppress(n) else n


@require_safe
@staff_view
@permission_required("survey.view_response", raise_exception=True)
def dashboard(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    quarters = services.load_quarters()
    scope = result_scope(request.user)
    choosable = [q for q in quarters if scope is None or q.pk in scope]
    form = DashboardFilterForm(request.GET or None, quarters=choosable)
    filters, search = form.filters()
    if scope is not None:
        filters["quarters"] = scope
    questions = services.load_questions(survey)
    show_texts = request.user.has_perm("survey.view_free_texts")
    data = services.dashboard_data(survey, questions, quarters, filters, search, texts=show_texts)
    context = {
        "survey": survey,
        "form": form,
        "total": data["total"],
        "results": data["results"],
        "breakdowns": _named(data["breakdowns"]),
        "texts": data["texts"],
        "text_count": data["text_count"],
        "show_texts": show_texts,
        "dashboard_texts": services.DASHBOARD_TEXTS,
        "scoped": scope is not None,
        "search": search,
        "min_cell": evaluation.min_cell(),
        "export_form": ExportOptionsForm(),
        "recent_paper": Response.objects.filter(survey=survey, channel=Channel.PAPER)
        .select_related("entered_by")
        .order_by("-pk")[:20]
        if scope is None
        else [],
    }
    return render(request, "survey/dashboard.html", context)


def _named(breakdowns):
    """Language and channel codes as words; groups too small to show as "<5"."""
    languages, channels = dict(settings.LANGUAGES), dict(Channel.choices)
    breakdowns["language"] = [
        (languages.get(code, code), _small_hidden(n)) for code, n in breakdowns["language"]
    ]
    breakdowns["channel"] = [
        (channels.get(code, code), _small_hidden(n)) for code, n in breakdowns["channel"]
    ]
    breakdowns["quarter"] = [(name, _small_hidden(n)) for name, n in breakdowns["quarter"]]
    breakdowns["day"] = [(day, _small_hidden(n)) for day, n in breakdowns["day"]]
    return breakdowns


def _waves(survey, form, scope):
    data = form.cleaned_data
    waves = [
        (
            survey,
            evaluation.responses_for(
                survey, date_from=data["date_from"], date_to=data["date_to"], quarters=scope
            ),
        )
    ]
    if data.get("compare"):
        earlier = survey.earlier_waves().filter(pk=data["compare"]).first()
        if earlier:
            waves.append((earlier, evaluation.responses_for(earlier, quarters=scope)))
    return waves


@require_safe
@staff_view
@permission_required("survey.view_response", raise_exception=True)
def crosstab(request, slug):
    """Any question by neighbourhood, age group, language or channel, against an earlier wave;
    downloadable as CSV or XLSX with the same suppressed cells."""
    survey = get_object_or_404(Survey, slug=slug)
    scope = result_scope(request.user)
    form = CrossTableForm(request.GET or None, survey=survey)
    table = None
    if form.is_bound and form.is_valid():
        quarters = [q for q in services.load_quarters() if scope is None or q.pk in scope]
        table = evaluation.crosstab(
            _waves(survey, form, scope),
            form.cleaned_data["question"],
            form.cleaned_data["by"],
            quarters_list=quarters,
        )
        download = request.GET.get("download")
        if table is not None and download in ("csv", "xlsx"):
            return _table_download(request, survey, table, download, form)
    context = {"survey": survey, "form": form, "table": table, "scoped": scope is not None}
    return render(request, "survey/crosstab.html", context)


def _table_download(request, survey, table, kind, form):
    rows = list(evaluation.table_rows(table))
    stamp = timezone.localdate().isoformat()
    name = f"{survey.slug}-{table.question.code}-{form.cleaned_data['by'] or 'gesamt'}-{stamp}"
    name = name.replace(":", "-")
    if kind == "csv":
        body, mime = services._csv(rows), "text/csv"
    else:
        body = services.xlsx_sheets([(table.question.code, rows)])
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    services.log_export(survey, request.user, f"table.{kind}", request.GET.urlencode())
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
@staff_view
@permission_required("survey.export_responses", raise_exception=True)
def export(request, slug, kind):
    """Every response: CSV/XLSX (codes, ``?values=labels`` for labels, ``?labels=1`` for label
    columns beside the codes), SPSS .sav, Stata .dta, an R script, the codebook (German CSV, or
    XLSX in German or English with the neighbourhood code list). Each download is logged."""
    from survey import exports

    survey = get_object_or_404(Survey, slug=slug)
    form = ExportOptionsForm(request.GET)
    options = form.options()
    questions = services.load_questions(survey)
    stamp = timezone.localdate().isoformat()
    # ?labels=1 adds the chosen answer's label beside each single-choice and neighbourhood code.
    labels, language = options["labels"], options["language"]
    base = f"{survey.slug}-{stamp}"
    if kind == "csv":
        if options["values"] == "labels":
            body = services._csv(exports.labelled_rows(survey, questions, language))
            base += f"-{_('labels')}"
        else:
            body = services.export_csv(survey, questions, labels)
        mime, name = "text/csv", f"{base}.csv"
    elif kind == "xlsx":
        if options["values"] == "labels":
            body = services.xlsx_sheets(
                [("Antworten", exports.labelled_rows(survey, questions, language))]
            )
            base += f"-{_('labels')}"
        else:
            body = services.export_xlsx(survey, questions, labels)
        mime, name = XLSX, f"{base}.xlsx"
    elif kind == "sav":
        body = exports.spss(survey, questions, language)
        mime, name = "application/x-spss-sav", f"{base}.sav"
    elif kind == "dta":
        body = exports.stata(survey, questions, language)
        mime, name = "application/x-stata-dta", f"{base}.dta"
    elif kind == "R":
        body = exports.r_script(survey, questions, f"{base}.csv", language)
        mime, name = "text/plain; charset=utf-8", f"{base}.R"
    elif kind == "codebook":
        body, mime, name = (
            services.codebook_csv(questions, labels),
            "text/csv",
            f"{survey.slug}-codebuch.csv",
        )
    elif kind == "codebook-xlsx":
        body = exports.codebook_xlsx(questions, language)
        suffix = "codebuch" if language == "de" else "codebook"
        mime, name = XLSX, f"{survey.slug}-{suffix}.xlsx"
    else:
        raise Http404
    services.log_export(survey, request.user, kind, request.GET.urlencode())
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view
@require_safe
def download(request, slug):
    """The export form's target: the file it names (XLSX when the choice is not valid)."""
    form = ExportOptionsForm(request.GET)
    form.is_valid()
    kind = form.cleaned_data.get("kind") or "xlsx"
    return export(request, slug, kind)


def _paper_form(request, survey, response=None):
    """The paper-entry form: posted, a stored response to correct, or a new blank one."""
    questions, quarters = services.load_questions(survey), services.load_quarters()
    if request.method == "POST":
        return PaperEntryForm(request.POST, questions=questions, quarters=quarters)
    if response:
        initial = PaperEntryForm.initial_from(response, quarters)
    else:
        keys = ("language", "source", "batch")
        initial = {"language": "de"} | {key: request.GET[key] for key in keys if key in request.GET}
    return PaperEntryForm(initial=initial, questions=questions, quarters=quarters)


def _render_paper_form(request, survey, form, response=None, reason_form=None):
    # Entering a pile of forms: after each save the cursor waits in the first question.
    form.focus_first = bool(request.GET.get("source")) or bool(form.errors)
    context = {
        "survey": survey,
        "form": form,
        "summary": form.error_summary(),
        "response": response,
        "reason_form": reason_form,
    }
    return render(request, "survey/paper_entry_form.html", context)


def _entry_closed(request, survey):
    return render(request, "survey/entry_closed.html", {"survey": survey}, status=403)


def _warn_missing(request, form):
    """A paper form is taken as filled in; the clerk sees what was stored with a code."""
    for _anchor, number, message in form.warnings:
        messages.warning(
            request, _("Question {number}: {message}").format(number=number, message=message)
        )


@never_cache
@sensitive_post_parameters()
@staff_view
@permission_required("survey.enter_paper_responses", raise_exception=True)
def paper_entry(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    if not survey.entry_open:
        return _entry_closed(request, survey)
    form = _paper_form(request, survey)
    if request.method != "POST" or not form.is_valid():
        return _render_paper_form(request, survey, form)
    meta = form.meta
    earlier = (
        Response.objects.filter(survey=survey, serial=meta["serial"]).first()
        if meta["serial"]
        else None
    )
    response, _created = services.store_response(
        survey,
        form.answers,
        channel=Channel.PAPER,
        entered_by=request.user,
        entered_at=timezone.now(),
        **meta,
    )
    messages.success(
        request, _("Paper questionnaire no. {number} has been saved.").format(number=response.pk)
    )
    _warn_missing(request, form)
    if earlier:
        messages.warning(
            request,
            _("A form with this serial number was entered before: no. {number}.").format(
                number=earlier.pk
            ),
        )
    query = urlencode({name: meta[name] for name in ("language", "source", "batch")})
    return redirect(reverse("survey:paper-entry", kwargs={"slug": survey.slug}) + f"?{query}")


def _changeable(request, pk):
    response = get_object_or_404(
        Response.objects.select_related("survey"), pk=pk, channel=Channel.PAPER
    )
    if not response.survey.entry_open:
        return response, _entry_closed(request, response.survey)
    if not services.may_change(request.user, response):
        raise PermissionDenied
    return response, None


@never_cache
@sensitive_post_parameters()
@staff_view
def response_edit(request, pk):
    response, refused = _changeable(request, pk)
    if refused:
        return refused
    form = _paper_form(request, response.survey, response)
    reason_form = ChangeReasonForm(request.POST if request.method == "POST" else None)
    valid = request.method == "POST" and form.is_valid() & reason_form.is_valid()
    if not valid:
        return _render_paper_form(request, response.survey, form, response, reason_form)
    services.correct_response(
        response,
        form.answers,
        user=request.user,
        reason=reason_form.cleaned_data["reason"],
        **form.meta,
    )
    messages.success(
        request,
        _("Paper questionnaire no. {number} has been corrected.").format(number=response.pk),
    )
    _warn_missing(request, form)
    return redirect("survey:dashboard", slug=response.survey.slug)


@staff_view
def response_delete(request, pk):
    response, refused = _changeable(request, pk)
    if refused:
        return refused
    form = ChangeReasonForm(request.POST or None, required=True)
    if request.method != "POST" or not form.is_valid():
        context = {"response": response, "form": form}
        return render(request, "survey/response_confirm_delete.html", context)
    survey = response.survey
    services.delete_response(response, user=request.user, reason=form.cleaned_data["reason"])
    messages.success(
        request, _("Paper questionnaire no. {number} has been deleted.").format(number=pk)
    )
    return redirect("survey:dashboard", slug=survey.slug)


@require_safe
@staff_view
@permission_required("survey.change_survey", raise_exception=True)
def translation_status(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    objects = [survey]
    for question in services.load_questions(survey):
        objects.append(question)
        objects.extend(question.choices.all())
        objects.extend(question.rows.all())
    gaps = [
        (obj, field, language, state)
        for obj in objects
        for field, language, state in obj.translation_gaps()
    ]
    return render(
        request,
        "survey/translation_status.html",
        {"survey": survey, "gaps": gaps, "languages": dict(settings.LANGUAGES)},
    )


# --- Free texts -------------------------------------------------------------------------------

FREE_TEXTS_PER_PAGE = 50


def _free_text_rows(survey, scope, filters):
    from django.db.models import OuterRef, Subquery

    from survey.models import Answer

    responses = services.filtered_responses(
        survey,
        quarter=filters.get("quarter"),
        language=filters.get("language"),
        quarters=scope,
    )
    quarter = Answer.objects.filter(response=OuterRef("response_id"), quarter__isnull=False).values(
        "quarter__name"
    )[:1]
    answers = (
        services.free_text_answers(responses, filters.get("search", ""))
        .select_related("response", "question", "choice")
        .prefetch_related("tags")
        .annotate(quarter_name=Subquery(quarter))
        .order_by("response_id", "question__position", "pk")
    )
    if filters.get("question"):
        answers = answers.filter(question__code=filters["question"])
    category = filters.get("category")
    if category == FreeTextFilterForm.UNTAGGED:
        answers = answers.filter(tags__isnull=True)
    elif category:
        answers = answers.filter(tags__category_id=category)
    return responses, answers


def _count_table(counts, keys, categories, names=None):
    names = names or {}
    return {
        "columns": [names.get(key, key) or _("No neighbourhood given") for key in keys],
        "rows": [
            (
                category,
                [_small_hidden(counts.get(category.pk, {}).get(key, 0)) for key in keys],
            )
            for category in categories
        ],
    }


@never_cache
@staff_view
@permission_required("survey.view_free_texts", raise_exception=True)
def free_texts(request, slug):
    """Every free text, paged, with response number, neighbourhood, language, date and channel;
    evaluators give them categories and count them by neighbourhood and language."""
    from django.core.paginator import Paginator
    from django.utils.translation import get_language_info

    from survey.models import TextCategory

    survey = get_object_or_404(Survey, slug=slug)
    scope = result_scope(request.user)
    questions = services.load_questions(survey)
    texts_questions = [
        q for q in questions if q.kind == "text" or any(c.is_other for c in q.choices.all())
    ]
    categories = list(
        TextCategory.objects.filter(question__survey=survey)
        .select_related("question")
        .order_by("question__position", "code")
    )
    quarters = [q for q in services.load_quarters() if scope is None or q.pk in scope]
    form = FreeTextFilterForm(
        request.GET or None, questions=texts_questions, quarters=quarters, categories=categories
    )
    filters = form.filters()
    responses, answers = _free_text_rows(survey, scope, filters)
    page = Paginator(answers, FREE_TEXTS_PER_PAGE).get_page(request.GET.get("page"))
    may_code = request.user.has_perm("survey.code_free_texts")
    tagging = TaggingForm(
        request.POST if request.method == "POST" and request.POST.get("action") == "tag" else None,
        answers=page.object_list,
        categories=categories,
    )
    category_form = TextCategoryForm(
        request.POST
        if request.method == "POST" and request.POST.get("action") == "category"
        else None,
        questions=texts_questions,
    )
    if request.method == "POST":
        if not may_code:
            raise PermissionDenied
        if tagging.is_bound and tagging.is_valid():
            changed = services.tag_texts(tagging.chosen(), user=request.user)
            messages.success(
                request,
                _("Categories saved for {count} free-text answers.").format(count=changed),
            )
            return redirect(request.get_full_path())
        if category_form.is_bound and category_form.is_valid():
            data = category_form.cleaned_data
            TextCategory.objects.create(question=data["question"], name=data["name"])
            messages.success(request, _("The category has been added."))
            return redirect(request.get_full_path())
    elif request.method != "GET":
        return HttpResponse(status=405)
    rows = []
    for answer in page.object_list:
        info = get_language_info(answer.response.language)
        rows.append(
            {
                "answer": answer,
                "dir": "rtl" if info["bidi"] else "ltr",
                "language_name": info["name_translated"],
                "field": tagging.field_for(answer),
            }
        )
    shown_categories = [
        c
        for c in categories
        if not filters.get("question") or c.question.code == filters["question"]
    ]
    languages = dict(settings.LANGUAGES)
    by_quarter = _count_table(
        *services.category_counts(responses, shown_categories, "quarter"), shown_categories
    )
    by_language = _count_table(
        *services.category_counts(responses, shown_categories, "language"),
        shown_categories,
        names=languages,
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "survey": survey,
        "form": form,
        "page": page,
        "rows": rows,
        "tagging": tagging,
        "category_form": category_form,
        "may_code": may_code,
        "by_quarter": by_quarter,
        "by_language": by_language,
        "categories": shown_categories,
        "query": query.urlencode(),
        "scoped": scope is not None,
        "min_cell": evaluation.min_cell(),
    }
    return render(request, "survey/free_texts.html", context)


@require_safe
@staff_view
@permission_required("survey.view_free_texts", raise_exception=True)
def response_detail(request, pk):
    """One whole response as the resident gave it (read only), for reading a free text in its
    context."""
    from django.utils.translation import get_language_info

    response = get_object_or_404(Response.objects.select_related("survey"), pk=pk)
    scope = result_scope(request.user)
    if scope is not None and not response.answers.filter(quarter_id__in=scope).exists():
        raise Http404
    answers = response.answers.select_related("question", "choice", "row", "quarter").order_by(
        "question__position", "row__position", "pk"
    )
    info = get_language_info(response.language)
    context = {
        "response": response,
        "survey": response.survey,
        "answers": answers,
        "dir": "rtl" if info["bidi"] else "ltr",
        "language_name": info["name_translated"],
    }
    return render(request, "survey/response_detail.html", context)
