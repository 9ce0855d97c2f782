"""The resident survey: questionnaires, online and paper responses, resume drafts."""

import contextlib
import functools
import hashlib
import json
import os
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, connections, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "de"]


def _digest(text):
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


class TranslationTracked(models.Model):
    """Remembers, per field and language, which German text a translation was made from.

    A translation is "outdated" when the German source changed after the translation was last
    edited: more precise than comparing one updated_at for the whole object.
    """

    TRACKED_FIELDS = ()

    translation_state = models.JSONField(_("translation state"), default=dict, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        previous = None
        if self.pk:
            previous = type(self).objects.filter(pk=self.pk).values(*self._all_tracked()).first()
        for field in self.TRACKED_FIELDS:
            source = _digest(getattr(self, f"{field}_de"))
            state = self.translation_state.setdefault(field, {})
            for language in TRANSLATED_LANGUAGES:
                name = f"{field}_{language}"
                value = getattr(self, name)
                if previous is None or previous.get(name) != value or language not in state:
                    state[language] = source
        super().save(*args, **kwargs)

    def _all_tracked(self):
        return [
            f"{field}_{code}" for field in self.TRACKED_FIELDS for code, _n in settings.LANGUAGES
        ]

    def translation_gaps(self):
        """[(field, language, "missing"|"outdated")] for the texts editors still have to do."""
        gaps = []
        for field in self.TRACKED_FIELDS:
            source_text = getattr(self, f"{field}_de")
            if not source_text:
                continue
            source = _digest(source_text)
            for language in TRANSLATED_LANGUAGES:
                if not getattr(self, f"{field}_{language}"):
                    gaps.append((field, language, "missing"))
                elif self.translation_state.get(field, {}).get(language) != source:
                    gaps.append((field, language, "outdated"))
        return gaps


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class SurveyQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=SurveyStatus.PUBLISHED)

    def current(self):
        return self.visible().filter(is_current=True).first()

    def current_pk(self):
        return self.visible().filter(is_current=True).values_list("pk", flat=True).first()


class Survey(TranslationTracked):
    TRACKED_FIELDS = ("title", "introduction", "privacy_notice", "thank_you_text", "results_text")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    introduction = models.TextField(_("introduction"), blank=True)
    privacy_notice = models.TextField(
        _("privacy notice"),
        blank=True,
        help_text=_("In plain words: what is stored, for how long."),
    )
    thank_you_text = models.TextField(_("thank-you text"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(
        _("status"), max_length=12, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    is_current = models.BooleanField(
        _("current survey"), default=False, help_text=_("The survey /meinQuartier leads to.")
    )
    wave = models.PositiveSmallIntegerField(
        _("wave"),
        default=1,
        help_text=_("Which round of this survey; printed in the code on every paper page."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated duration (minutes)"), default=10
    )
    results_published = models.BooleanField(
        _("results published"),
        default=False,
        help_text=_("Shows the aggregated results publicly once the survey has closed."),
    )
    results_text = models.TextField(_("summary of the results"), blank=True)
    sender = models.ForeignKey(
        "contacts.ContactPerson",
        verbose_name=_("sender of the paper questionnaire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Whose role and phone number the paper questionnaire prints. Empty: the first "
            "contact person of the city office."
        ),
    )
    return_centres = models.ManyToManyField(
        "centers.Centre",
        verbose_name=_("where paper questionnaires are handed in"),
        blank=True,
        related_name="+",
        help_text=_(
            "Printed with the address and opening hours of their main site. Empty: every "
            "published centre in operation."
        ),
    )
    paper_entry_until = models.DateTimeField(
        _("paper entry until"),
        null=True,
        blank=True,
        help_text=_(
            "Paper questionnaires can be entered, corrected and deleted until then. "
            "Empty: until the results are published. Publishing the results always ends it."
        ),
    )
    retention_days = models.PositiveIntegerField(
        _("retention (days after closing)"),
        default=730,
        help_text=_("After this, `manage.py purge_survey_responses` anonymises the responses."),
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_survey",
                violation_error_message=_(
                    "Only one survey can be the current one. Use the action “Make this the "
                    "current survey” to switch."
                ),
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_opening",
                violation_error_message=_("The survey must close after it opens."),
            ),
        ]
        permissions = [
            ("enter_paper_responses", _("Can enter paper responses")),
            ("export_responses", _("Can export responses")),
            ("view_free_texts", _("Can read free-text answers")),
            ("code_free_texts", _("Can tag free-text answers with categories")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.status == SurveyStatus.PUBLISHED:
            # Test answers given in the preview never mix with real ones.
            Response.all_objects.filter(survey=self, is_test=True).delete()

    def get_absolute_url(self):
        return reverse("survey:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.is_current and self.status != SurveyStatus.PUBLISHED:
            raise ValidationError(
                {"is_current": _("A draft survey cannot be the current one. Publish it first.")}
            )

    @property
    def structure_locked(self):
        """Once a survey has opened (or holds real answers), its questions, options, codes and
        conditions stay as they are, so every answer keeps its meaning; texts stay editable."""
        if self.pk is None:
            return False
        if self.status == SurveyStatus.PUBLISHED and timezone.now() >= self.opens_at:
            return True
        return Response.objects.filter(survey=self).exists()

    @property
    def year(self):
        return timezone.localtime(self.opens_at).year

    def earlier_waves(self):
        """Surveys opened before this one that share at least one question code."""
        codes = self.questions.values("code")
        return (
            Survey.objects.filter(opens_at__lt=self.opens_at, questions__code__in=codes)
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-opens_at")
        )

    def previous_published_wave(self):
        """The wave the public results compare with: the latest earlier one with results."""
        return (
            self.earlier_waves()
            .filter(status=SurveyStatus.PUBLISHED, results_published=True)
            .first()
        )

    def next_phase_change(self):
        """When the survey next opens or closes; None once it has closed."""
        now = timezone.now()
        return next((moment for moment in (self.opens_at, self.closes_at) if moment > now), None)

    @property
    def phase(self):
        now = timezone.now()
        if now < self.opens_at:
            return "upcoming"
        if now >= self.closes_at:
            return "closed"
        return "open"

    @property
    def is_open(self):
        return self.status == SurveyStatus.PUBLISHED and self.phase == "open"

    @property
    def shows_results(self):
        return self.results_published and self.phase == "closed"

    @property
    def entry_open(self):
        """Whether paper forms may still be entered, corrected or deleted."""
        if self.results_published:
            return False
        return self.paper_entry_until is None or timezone.now() < self.paper_entry_until

    @property
    def retention_ends_at(self):
        return self.closes_at + timedelta(days=self.retention_days)


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale")
    MATRIX = "matrix", _("Matrix (several items on one scale)")
    TEXT = "text", _("Free text")
    NUMBER = "number", _("Number")
    QUARTER = "quarter", _("Neighbourhood of residence")


CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}

LOCKED_MESSAGE = _(
    "This survey has already opened: questions, answer options and their codes can no longer "
    "be added, removed or changed. Texts and translations can still be edited."
)


class StructureLocked(models.Model):
    """Questions, options and matrix items of an opened survey keep their structure.

    ``STRUCTURE_FIELDS`` are what an answer's meaning depends on; everything else (texts,
    translations, positions) stays editable.
    """

    STRUCTURE_FIELDS = ()

    class Meta:
        abstract = True

    def locked_survey(self):
        raise NotImplementedError

    def structure_is_locked(self):
        survey = self.locked_survey()
        return survey is not None and survey.structure_locked

    def clean_structure(self):
        if not self.structure_is_locked():
            return
        if self._state.adding or self.pk is None:
            raise ValidationError(LOCKED_MESSAGE)
        stored = type(self).objects.filter(pk=self.pk).values(*self.STRUCTURE_FIELDS).first()
        if stored is None:
            raise ValidationError(LOCKED_MESSAGE)
        changed = [name for name in self.STRUCTURE_FIELDS if getattr(self, name) != stored[name]]
        if changed:
            raise ValidationError({name.removesuffix("_id"): LOCKED_MESSAGE for name in changed})

    def delete(self, *args, **kwargs):
        if self.structure_is_locked():
            raise ValidationError(LOCKED_MESSAGE)
        return super().delete(*args, **kwargs)


class Question(StructureLocked, TranslationTracked):
    TRACKED_FIELDS = ("text", "help_text", "scale_min_label", "scale_max_label", "section")
    STRUCTURE_FIELDS = (
        "survey_id",
        "code",
        "kind",
        "required",
        "max_choices",
        "scale_min",
        "scale_max",
        "allow_dont_know",
        "number_min",
        "number_max",
        "show_if_choice_id",
    )

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.CharField(
        _("code"), max_length=12, help_text=_("Stable code printed on paper and used in exports.")
    )
    section = models.CharField(
        _("theme heading"), max_length=200, blank=True, help_text=_("Shown above this question.")
    )
    kind = models.CharField(_("type"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=400)
    help_text = models.CharField(_("help text"), max_length=400, blank=True)
    required = models.BooleanField(_("required"), default=False)
    max_choices = models.PositiveSmallIntegerField(
        _("maximum number of answers"), null=True, blank=True
    )
    max_length = models.PositiveIntegerField(_("maximum length (characters)"), default=1000)
    scale_min = models.SmallIntegerField(_("scale from"), default=1)
    scale_max = models.SmallIntegerField(_("scale to"), default=5)
    scale_min_label = models.CharField(_("label of the lowest value"), max_length=80, blank=True)
    scale_max_label = models.CharField(_("label of the highest value"), max_length=80, blank=True)
    allow_dont_know = models.BooleanField(_("offer “don't know”"), default=False)
    number_min = models.IntegerField(_("smallest number"), null=True, blank=True)
    number_max = models.IntegerField(_("largest number"), null=True, blank=True)
    show_if_choice = models.ForeignKey(
        "Choice",
        verbose_name=_("show only if this answer was given"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("An answer option of an earlier question (skip logic)."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="question_code_unique"),
        ]

    def __str__(self):
        return f"{self.code} {self.text}"

    def locked_survey(self):
        return self.survey if self.survey_id else None

    def clean(self):
        self.clean_structure()
        choice = self.show_if_choice
        if choice is None:
            return
        parent = choice.question
        earlier = (parent.position, parent.pk) < (self.position, self.pk or float("inf"))
        if parent.survey_id != self.survey_id or not earlier:
            raise ValidationError(
                {"show_if_choice": _("Choose an answer option of an earlier question.")}
            )

    @property
    def scale_values(self):
        return list(range(self.scale_min, self.scale_max + 1))

    @property
    def has_choices(self):
        return self.kind in CHOICE_KINDS


class Choice(StructureLocked, TranslationTracked):
    TRACKED_FIELDS = ("label",)
    STRUCTURE_FIELDS = ("question_id", "code", "is_other")

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.PositiveSmallIntegerField(_("code"), help_text=_("Number printed on paper."))
    label = models.CharField(_("label"), max_length=200)
    is_other = models.BooleanField(
        _("“other, please specify”"), default=False, help_text=_("Adds a text field.")
    )

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["question", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="choice_code_unique"),
        ]

    def __str__(self):
        return f"{self.question.code}.{self.code} {self.label}"

    def locked_survey(self):
        return self.question.survey if self.question_id else None

    def clean(self):
        self.clean_structure()


class MatrixRow(StructureLocked, TranslationTracked):
    TRACKED_FIELDS = ("label",)
    STRUCTURE_FIELDS = ("question_id", "code")

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.PositiveSmallIntegerField(_("code"))
    label = models.CharField(_("item"), max_length=200)

    class Meta:
        verbose_name = _("matrix item")
        verbose_name_plural = _("matrix items")
        ordering = ["question", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="matrix_row_code_unique"),
        ]

    def __str__(self):
        return f"{self.question.code}.{self.code} {self.label}"

    def locked_survey(self):
        return self.question.survey if self.question_id else None

    def clean(self):
        self.clean_structure()


class Missing(models.IntegerChoices):
    """Why a question has no ordinary answer: one code per reason, the same in every export.

    "Not shown" and "not answered" are never stored: a question skipped by its condition, or one
    left blank, simply has no answer row; the exports write these codes for it. A stored answer
    with ``missing`` set keeps what was ticked (all the ticks of an over-ticked question), so
    nothing the resident marked is lost.
    """

    NOT_SHOWN = -1, _("not shown (skipped by an earlier answer)")
    NOT_ANSWERED = -2, _("not answered")
    SEVERAL = -3, _("several ticked")
    UNREADABLE = -4, _("unreadable")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper")


class AllResponses(models.Manager):
    """Test answers too: for deleting them, and for the preview's count."""

    def insert(self, response, answers):
        """Writes a new `response` and its `answers` as one atomic write and sets its ``pk``;
        each answer's ``pk`` stays unset. No signal is sent: for a resident's online response no
        receiver has anything to do (no history, no page to refresh, the dashboard counts new
        ids by itself). A repeated unique value raises IntegrityError and writes nothing.

        On PostgreSQL it is one statement, which commits by itself outside a transaction: no
        BEGIN and COMMIT round trips, no model save and no per-value adaptation of the answers
        (they travel as one JSON text), a fifth of the CPU of save() plus Answer.objects.insert
        (issue 18). Elsewhere it is two INSERTs in one transaction; on SQLite, when nobody logs
        or wraps queries and no transaction is open, on the driver's own cursor
        (_insert_on_sqlite).
        """
        connection = connections[self.db]
        fields = _written_fields(Response)
        values = [_db_value(field, response, connection) for field in fields]
        if connection.vendor == "sqlite" and _unobserved(connection):
            response.pk = _insert_on_sqlite(connection, values, answers)
            _belong_to(response, answers)
        elif connection.vendor != "postgresql":
            with _serialised_writes(connection), transaction.atomic(using=self.db):
                response.pk = _insert_returning_id(connection, fields, values)
                _belong_to(response, answers)
                Answer.objects.using(self.db).insert(answers)
        else:
            with _savepoint_inside_a_transaction(connection):
                response.pk = _insert_with_answers(
                    connection, fields, values, answers, once=response.submission_token is not None
                )
            _belong_to(response, answers)
        response._state.adding, response._state.db = False, self.db
        return response


def _belong_to(response, answers):
    """``answer.response = response`` for each, as the relation's descriptor would do it,
    without its checks."""
    for answer in answers:
        answer.response_id = response.pk
        answer._state.fields_cache["response"] = response


class RealResponses(AllResponses):
    """Test answers from the preview are never counted, shown or exported."""

    def get_queryset(self):
        return super().get_queryset().filter(is_test=False)


class Response(models.Model):
    """One completed questionnaire. Deliberately no IP, user agent, cookie or account."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    submitted_on = models.DateField(_("submitted on"), db_index=True)
    # Only the one-time token of the form, so a double click stores one response (unique:
    # Meta.constraints).
    submission_token = models.CharField(
        _("submission token"), max_length=64, null=True, blank=True, editable=False
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # Meta.indexes: only where set
    )
    entered_at = models.DateTimeField(_("entered at"), null=True, blank=True)
    source = models.CharField(_("office or centre"), max_length=160, blank=True)
    batch = models.CharField(_("batch number"), max_length=40, blank=True)
    serial = models.CharField(
        _("serial number"),
        max_length=12,
        blank=True,
        help_text=_("Printed at the top of every page of the paper questionnaire."),
    )
    is_test = models.BooleanField(
        _("test response"),
        default=False,
        editable=False,
        help_text=_("Given in the preview; deleted when the survey is published."),
    )

    objects = RealResponses()
    all_objects = AllResponses()

    class Meta:
        verbose_name = _("response")
        base_manager_name = "all_objects"
        verbose_name_plural = _("responses")
        ordering = ["-submitted_on", "-pk"]
        # A resident's response has no serial number and was entered by nobody: those two are
        # indexed only where set (paper forms), so an online submission writes four index
        # entries, not eight (issue 18). A constraint, not unique=True, for the token: Django
        # adds a LIKE index beside a unique text column on PostgreSQL, which no look-up uses.
        constraints = [
            models.UniqueConstraint(fields=["submission_token"], name="response_token_unique"),
        ]
        indexes = [
            models.Index(
                fields=["survey", "serial"],
                condition=~models.Q(serial=""),
                name="survey_response_serial",
            ),
            models.Index(
                fields=["entered_by"],
                condition=models.Q(entered_by__isnull=False),
                name="survey_response_entered_by",
            ),
        ]

    def __str__(self):
        return f"{self.survey} #{self.pk}"

    @classmethod
    def of(cls, **values):
        """An unsaved response, the same as ``Response(**values)`` at a fraction of the CPU."""
        return _unsaved(cls, **values)


# Values the database drivers take as they are; anything else (an enum member, a date) is
# prepared by its field as Django would.
_PLAIN_VALUES = (int, str, bool, type(None))


class AnswerQuerySet(models.QuerySet):
    def insert(self, answers):
        """Writes the answers in one INSERT, without reading their ids back and without
        bulk_create's preparation of each value through the query compiler, which cost about as
        much CPU as the rest of a submission (issue 18). Like bulk_create, no signals are sent;
        unlike it, each answer's ``pk`` stays unset.
        """
        if not answers:
            return
        connection = connections[self.db]
        fields = _written_fields(Answer)
        # Only the model's own table and column names go into the statement's text.
        table = connection.ops.quote_name(Answer._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                sql = f"INSERT INTO {table} ({columns}) {_answers_from_json(connection, fields)}"
                cursor.execute(sql, [_answers_json(connection, fields, answers)])
                return
            rows = [[_db_value(field, one, connection) for field in fields] for one in answers]
            row = "(" + ", ".join(["%s"] * len(fields)) + ")"
            size = connection.ops.bulk_batch_size(fields, answers)
            for start in range(0, len(rows), size):
                batch = rows[start : start + size]
                values = ", ".join([row] * len(batch))
                sql = f"INSERT INTO {table} ({columns}) VALUES {values}"  # noqa: S608
                cursor.execute(sql, [value for values in batch for value in values])


@functools.cache
def _written_fields(model):
    """The columns an INSERT of `model` writes: all but the id, which the database assigns."""
    return tuple(field for field in model._meta.concrete_fields if not field.primary_key)


@functools.cache
def _answer_fields_after_response():
    """An answer's written fields but its response's id, which the statements that store a
    response with its answers put first."""
    return tuple(field for field in _written_fields(Answer) if field.attname != "response_id")


def _answers_json(connection, fields, answers):
    """PostgreSQL: the answers' `fields` as one JSON text of rows keyed by column. One text
    parameter instead of a value (or an array) per column: psycopg adapts it at once."""
    layout = [(field.column, field.attname, field) for field in fields]
    rows = []
    for answer in answers:
        row = {}
        for column, attname, field in layout:
            value = getattr(answer, attname)
            if type(value) not in _PLAIN_VALUES:
                value = field.get_db_prep_save(value, connection)
            row[column] = value
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False)


def _answers_from_json(connection, fields, table_alias=""):
    """PostgreSQL: SELECT of the answers' `fields` from the JSON parameter of _answers_json,
    read into the answer table's row type (so every value gets its column's type)."""
    quote = connection.ops.quote_name
    table = quote(Answer._meta.db_table)
    picked = ", ".join(f"given.{quote(field.column)}" for field in fields)
    prefix = f"{table_alias}.id, " if table_alias else ""
    source = f"{table_alias}, " if table_alias else ""
    return (
        f"SELECT {prefix}{picked} FROM {source}"  # noqa: S608
        f"json_populate_recordset(NULL::{table}, %s) AS given"
    )


def _insert_returning_id(connection, fields, values):
    """INSERT of one row of Response's `fields`; its new id (SQLite 3.35+ and PostgreSQL)."""
    quote = connection.ops.quote_name
    table = quote(Response._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    places = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({places}) RETURNING {quote('id')}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.fetchone()[0]


def _insert_with_answers(connection, fields, values, answers, once=False):
    """PostgreSQL: the response and its answers in one statement (a data-modifying WITH).

    `once`: the response carries a one-time token, so the statement cannot store it twice. Then
    the connection is not asked first whether it still works (Django's health check, a round
    trip to the database on every submission): a connection the database dropped since the last
    request (a restart) fails the statement, which then runs once more on a new connection. Had
    the first run committed before the drop, the second meets the token and writes nothing.
    """
    made = _statements.get(connection.vendor)
    if made is None:
        made = _statements[connection.vendor] = _response_with_answers_statement(connection)
    sql, answer_fields = made
    params = [*values, _answers_json(connection, answer_fields, answers)]
    if not once or connection.in_atomic_block:
        connection.close_if_health_check_failed()
        return _fetch_id(connection, sql, params)
    try:
        return _fetch_id(connection, sql, params)
    except (OperationalError, InterfaceError):
        if not _lost(connection):
            raise
        connection.close()
        return _fetch_id(connection, sql, params)


def _unobserved(connection):
    """Nobody logs or wraps this connection's queries and no transaction is open that a failed
    statement could break: a write may go to the driver's own cursor."""
    return not (
        connection.queries_logged or connection.execute_wrappers or connection.in_atomic_block
    )


def _insert_on_sqlite(connection, values, answers):
    """SQLite: the response (`values` of its written fields) and its answers in one write
    transaction on the driver's own cursor; the new response's id.

    The writers' file lock is held only from BEGIN to COMMIT, and nothing is prepared while it
    is held: under load the other workers wait for exactly this stretch (Django's transaction,
    its translation of each statement's placeholders and each answer's values, made inside it,
    doubled it; issue 18). Errors are Django's, as from its own cursors; a failed write leaves
    nothing behind.
    """
    made = _statements.get("sqlite")
    if made is None:
        made = _statements["sqlite"] = _sqlite_statements(connection)
    sql, answer_sql, answer_fields = made
    rows = [[_db_value(field, answer, connection) for field in answer_fields] for answer in answers]
    connection.ensure_connection()
    driver = connection.connection
    with connection.wrap_database_errors, _serialised_writes(connection):
        cursor = driver.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")
            pk = cursor.execute(sql, values).fetchone()[0]
            if rows:
                cursor.executemany(answer_sql, [(pk, *row) for row in rows])
            cursor.execute("COMMIT")
        except BaseException:
            if driver.in_transaction:
                driver.rollback()
            raise
        finally:
            cursor.close()
    return pk


def _sqlite_statements(connection):
    """The statements of _insert_on_sqlite in SQLite's own placeholders, and the answer fields
    the second one reads after the response's id."""
    answer_fields = _answer_fields_after_response()
    fields = _written_fields(Response)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    answer_columns = ", ".join(quote(field.column) for field in answer_fields)
    # Only the models' own table and column names go into the statements' text.
    sql = (
        f"INSERT INTO {quote(Response._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES ({', '.join('?' * len(fields))}) RETURNING id"
    )
    answer_sql = (
        f"INSERT INTO {quote(Answer._meta.db_table)} (response_id, {answer_columns}) "  # noqa: S608
        f"VALUES (?, {', '.join('?' * len(answer_fields))})"
    )
    return sql, answer_sql, answer_fields


def _fetch_id(connection, sql, params):
    connection.ensure_connection()
    if not _unobserved(connection):
        with _prepared_cursor(connection) as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]
    # Nobody logs or wraps queries and no transaction can be broken: psycopg's own cursor, kept
    # with its connection (a new cursor builds its adapters anew), with Django's translation of
    # database errors.
    cursor = _kept_cursor(connection)
    with connection.wrap_database_errors:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _kept_cursor(connection):
    from django.db.backends.postgresql.base import ServerBindingCursor

    kept = getattr(connection, "_kept_insert_cursor", None)
    if kept is None or kept.connection is not connection.connection or kept.closed:
        kept = connection._kept_insert_cursor = ServerBindingCursor(connection.connection)
    return kept


def _lost(connection):
    """The connection itself is gone (not a statement that failed on a working one)."""
    raw = connection.connection
    return raw is None or raw.closed or raw.broken


# The statements made once per process, by database vendor (table and column names only).
_statements = {}


def _response_with_answers_statement(connection):
    """The statement of _insert_with_answers and the answer fields it reads."""
    answer_fields = _answer_fields_after_response()
    fields = _written_fields(Response)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    answer_columns = ", ".join(quote(field.column) for field in answer_fields)
    places = ", ".join(["%s"] * len(fields))
    # Only the models' own table and column names go into the statement's text.
    sql = (
        f"WITH new AS (INSERT INTO {quote(Response._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES ({places}) RETURNING id), "
        f"answers AS (INSERT INTO {quote(Answer._meta.db_table)} (response_id, {answer_columns}) "
        f"{_answers_from_json(connection, answer_fields, 'new')}) "
        "SELECT id FROM new"
    )
    return sql, answer_fields


def _prepared_cursor(connection):
    """PostgreSQL: a cursor that binds parameters on the server, so that psycopg prepares a
    statement this connection runs again and again (after its fifth run): no parsing and
    planning per run. Django's own cursors bind on the client (its default), which cannot."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    with connection.wrap_database_errors:
        # Wrapped as Django wraps every cursor, so queries are logged and errors translated.
        return connection._prepare_cursor(ServerBindingCursor(connection.connection))


def _savepoint_inside_a_transaction(connection):
    """Inside a transaction a failed statement must not spoil it: a savepoint. Outside one, the
    single statement is its own transaction and commits before it returns."""
    if connection.in_atomic_block:
        return transaction.atomic(using=connection.alias)
    return contextlib.nullcontext()


@contextlib.contextmanager
def _serialised_writes(connection):
    """SQLite lets one process write at a time and makes the others poll for the lock, sleeping
    1, 2, 5 … ms between tries: under load the waits, not the writes, set the pace. A lock on a
    file beside the database makes the next writer wait in the kernel and go on the moment the
    previous one committed. Held only around a write transaction; released by the kernel if
    the process dies."""
    import fcntl  # Unix only, as gunicorn

    path = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite" or not isinstance(path, (str, os.PathLike)):
        yield
        return
    path = os.fspath(path)
    if path == ":memory:" or path.startswith("file:"):
        yield
        return
    descriptor = os.open(f"{path}-writer.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


@functools.cache
def _defaults(model):
    """Each column's default by attribute name (``question_id``, ``text`` …)."""
    return {field.attname: field.get_default() for field in model._meta.concrete_fields}


@functools.cache
def _relations(model):
    """The model's foreign keys: name -> attribute name (``choice`` -> ``choice_id``)."""
    return {field.name: field.attname for field in model._meta.concrete_fields if field.is_relation}


def _unsaved(model, **values):
    """An unsaved instance, the same as ``model(**values)`` at a fraction of the CPU:
    Model.__init__ with keywords checks every field against them, and a submission makes a
    response and fifteen or more answers (issue 18). For models with no callable default and no
    receiver of pre_init or post_init (none here has one)."""
    instance = model.__new__(model)
    instance._state = models.base.ModelState()
    attributes = instance.__dict__
    attributes.update(_defaults(model))
    relations = _relations(model)
    for name, value in values.items():
        relation = relations.get(name)
        if relation is None:
            attributes[name] = value
        else:  # what the relation's descriptor does, without its checks
            attributes[relation] = None if value is None else value.pk
            instance._state.fields_cache[name] = value
    return instance


def _db_value(field, answer, connection):
    value = getattr(answer, field.attname)
    if type(value) in _PLAIN_VALUES:
        return value
    return field.get_db_prep_save(value, connection)


class Answer(models.Model):
    response = models.ForeignKey(
        Response,
        verbose_name=_("response"),
        on_delete=models.CASCADE,
        related_name="answers",
        db_index=False,  # the (response, question) index below serves it
    )
    # Not indexed by question first: a response's answers would each go to another part of such
    # an index, a dozen more pages written with every commit (issue 18). Every look-up by
    # question is one within responses (evaluation, corrections), which the (response,
    # question) index serves; deleting a question (only before its survey starts) reads the
    # table.
    #
    # The question, option, matrix item and neighbourhood are not checked by the database
    # (db_constraint=False), only by the application: the form takes them from the survey's own
    # questions, whose structure is locked once it starts, and deleting one goes through
    # Django's collector, which deletes (or, for a neighbourhood, clears) its answers first
    # (tests/survey/test_answer_integrity.py). PostgreSQL's check of each answer locked the
    # question and option rows every concurrent submission shares: a third of the database's
    # CPU per stored response (issue 18).
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="answers",
        db_index=False,
        db_constraint=False,
    )
    # Of these three only the neighbourhood has an index of its own, where set (Meta.indexes).
    choice = models.ForeignKey(
        Choice,
        verbose_name=_("answer option"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        db_constraint=False,
    )
    row = models.ForeignKey(
        MatrixRow,
        verbose_name=_("matrix item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        db_constraint=False,
    )
    quarter = models.ForeignKey(
        "centers.Quarter",
        verbose_name=_("neighbourhood"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        db_constraint=False,
    )
    value = models.IntegerField(_("value"), null=True, blank=True)
    dont_know = models.BooleanField(_("don't know"), default=False)
    text = models.TextField(_("text"), blank=True)
    missing = models.SmallIntegerField(
        _("missing value"),
        choices=[
            (Missing.SEVERAL, Missing.SEVERAL.label),
            (Missing.UNREADABLE, Missing.UNREADABLE.label),
        ],
        null=True,
        blank=True,
        help_text=_("Set when the paper form was over-ticked or unreadable; not counted."),
    )

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(fields=["response", "question"], name="survey_answer_of_response"),
            # The respondent's neighbourhood beside each free text (services._text_rows): one
            # entry per response instead of all its answers.
            models.Index(
                fields=["response", "quarter"],
                condition=models.Q(quarter__isnull=False),
                name="survey_answer_home",
            ),
            # A neighbourhood's responses (a quarter manager's scope). Options and matrix items
            # have no index: each of a response's answers would change another page of it
            # (half the pages a submission writes), for nothing but deleting an option, which
            # the locked structure of a started survey refuses anyway.
            models.Index(
                fields=["quarter"],
                condition=models.Q(quarter__isnull=False),
                name="survey_answer_quarter",
            ),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.choice_id or self.value or self.text[:30]}"

    @classmethod
    def of(cls, question, **values):
        """An unsaved answer to ``question``, the same as ``Answer(question=question, **values)``
        at a fraction of the CPU."""
        return _unsaved(cls, question=question, **values)


class Excerpt(TranslationTracked):
    """A reviewed free-text answer (or a summary of several) shown on the public results page."""

    TRACKED_FIELDS = ("text",)

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="excerpts"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("reviewed excerpt"))

    class Meta:
        verbose_name = _("reviewed excerpt")
        verbose_name_plural = _("reviewed excerpts")
        ordering = ["question", "position", "pk"]

    def __str__(self):
        return self.text[:60]


class ResponseChange(models.Model):
    """Who entered, corrected or deleted a paper response, when, why, and what changed.

    ``changes`` lists, per question (or response field) that changed, the old and the new
    answers as codes: [{"question": "Q2", "old": ["1"], "new": ["2"]}, ...].
    """

    response_id_ref = models.PositiveBigIntegerField(_("response number"))
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=12)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)
    changes = models.JSONField(_("old and new values"), default=list, blank=True)

    class Meta:
        verbose_name = _("change of a response")
        verbose_name_plural = _("changes of responses")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.action} #{self.response_id_ref}"


class TextCategory(models.Model):
    """A category evaluators give free-text answers of one question (coding)."""

    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="text_categories",
    )
    code = models.PositiveSmallIntegerField(_("code"), help_text=_("Used in the exports."))
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("free-text category")
        verbose_name_plural = _("free-text categories")
        ordering = ["question", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "code"],
                name="text_category_code_unique",
                violation_error_message=_("This question already has a category with this code."),
            ),
            models.UniqueConstraint(
                fields=["question", "name"],
                name="text_category_name_unique",
                violation_error_message=_("This question already has a category with this name."),
            ),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.name}"

    def save(self, *args, **kwargs):
        if not self.code:
            last = TextCategory.objects.filter(question_id=self.question_id).aggregate(
                models.Max("code")
            )["code__max"]
            self.code = (last or 0) + 1
        super().save(*args, **kwargs)


class TextTag(models.Model):
    """One category given to one free-text answer."""

    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="tags"
    )
    category = models.ForeignKey(
        TextCategory, verbose_name=_("category"), on_delete=models.CASCADE, related_name="tags"
    )
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    tagged_at = models.DateTimeField(_("tagged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("category of a free text")
        verbose_name_plural = _("categories of free texts")
        constraints = [
            models.UniqueConstraint(fields=["answer", "category"], name="text_tag_unique"),
        ]

    def __str__(self):
        return f"{self.category} #{self.answer_id}"


class ExportLog(models.Model):
    """Every download of responses or tables: who, when, what."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    kind = models.CharField(_("file"), max_length=40)
    options = models.CharField(_("options"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"


RESUME_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def hash_resume_code(code):
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(f"{settings.SECRET_KEY}:{normalised}".encode()).hexdigest()


class DraftQuerySet(models.QuerySet):
    def active(self):
        return self.filter(expires_at__gt=timezone.now())


class Draft(models.Model):
    """Answers saved for later, found again by a code only the resident knows (stored hashed)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="drafts")
    code_hash = models.CharField(max_length=64, unique=True)
    data = models.JSONField(default=dict)
    expires_at = models.DateTimeField()

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved draft")
        verbose_name_plural = _("saved drafts")

    def __str__(self):
        return f"{self.survey} ({self.expires_at:%Y-%m-%d})"

    @classmethod
    def create_for(cls, survey, data, replaces=""):
        if replaces:
            cls.objects.filter(survey=survey, code_hash=hash_resume_code(replaces)).delete()
        code = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(12))
        cls.objects.create(
            survey=survey, code_hash=hash_resume_code(code), data=data, expires_at=survey.closes_at
        )
        return "-".join(code[i : i + 4] for i in range(0, 12, 4))

    @classmethod
    def find(cls, survey, code):
        return cls.objects.active().filter(survey=survey, code_hash=hash_resume_code(code)).first()
