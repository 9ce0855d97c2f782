"""The questionnaire and the submission cost few queries, and stay safe and durable (issue 18).

A questionnaire once shown costs no query; a response is one INSERT into each table (all answers
in one), no look-up before or after; a cross-site submission is refused by its origin (no CSRF
cookie); the resident is told "thank you" only once the response is committed.
"""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from survey import services, views
from survey.models import Answer, Choice, Response
from tests.survey.factories import answers_for, make_full_survey, valid_post

pytestmark = pytest.mark.django_db

CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT")


@pytest.fixture
def full():
    return make_full_survey()


def _url(survey):
    with translation.override("de"):
        return reverse("survey:questionnaire", kwargs={"slug": survey.slug})


def _resident(**headers):
    """A resident's browser, checked as in production; it names the page a form comes from as
    every current browser does (``Origin``), unless the test says otherwise."""
    return Client(enforce_csrf_checks=True, **({"HTTP_ORIGIN": "http://testserver"} | headers))


def _shown(client, survey):
    html = client.get(_url(survey)).content.decode()
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def _statements(captured):
    return [
        query["sql"]
        for query in captured.captured_queries
        if not query["sql"].upper().startswith(CONTROL)
    ]


def test_the_questionnaire_costs_no_query_once_shown(full, django_assert_num_queries):
    with CaptureQueriesContext(connection) as first:
        assert Client().get(_url(full["survey"])).status_code == 200
    assert len(first.captured_queries) <= 8  # survey, questions, options, rows, quarters
    with django_assert_num_queries(0):
        response = Client().get(_url(full["survey"]))
    assert response.status_code == 200
    assert not response.cookies  # no CSRF cookie: the questionnaire sets no cookie at all


def test_an_editors_change_is_shown_at_once(full, client):
    survey = full["survey"]
    client.get(_url(survey))
    survey.title_de = "Neuer Titel der Befragung"
    survey.save()
    assert "Neuer Titel der Befragung" in Client().get(_url(survey)).content.decode()


def test_a_response_is_one_write_and_nothing_else(full, settings):
    """PostgreSQL: one statement holding both INSERTs, which commits by itself (no BEGIN, no
    COMMIT round trip). SQLite: one INSERT per table in one transaction."""
    client = _resident()
    token = _shown(client, full["survey"])
    data = valid_post(full, token=token, Q6="Mehr Bänke")
    for limit in (None, "30/h"):  # the rate limit counts in the cache, never in the database
        settings.SURVEY_RATE_LIMIT = limit
        Response.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            response = client.post(_url(full["survey"]), data)
        assert response.status_code == 302
        statements = _statements(captured)
        if connection.vendor == "postgresql":
            assert len(statements) == 1, statements
            assert statements[0].startswith('WITH new AS (INSERT INTO "survey_response"')
            assert 'INSERT INTO "survey_answer"' in statements[0]
        else:
            assert len(statements) == 2, statements
            assert statements[0].startswith('INSERT INTO "survey_response"')
            assert statements[1].startswith('INSERT INTO "survey_answer"')
        stored = Response.objects.get()
        assert stored.submission_token == token
        assert Answer.objects.filter(response=stored).count() >= len(full["questions"])


def test_the_same_form_sent_twice_is_stored_once(full):
    client = _resident()
    token = _shown(client, full["survey"])
    data = valid_post(full, token=token)
    assert client.post(_url(full["survey"]), data).status_code == 302
    assert client.post(_url(full["survey"]), data).status_code == 302
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},  # a form on another website
        {"HTTP_ORIGIN": "null"},  # … sent from a sandboxed frame or with no-referrer
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {"HTTP_ORIGIN": "https://testserver"},  # another scheme is another site
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_REFERER": "http://testserver/"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},  # a sibling subdomain
        {"HTTP_REFERER": "https://evil.example/form.html"},
        {},  # a request that names no origin at all
    ],
    ids=["origin", "null", "lookalike", "scheme", "fetch-site", "sibling", "referer", "none"],
)
def test_a_submission_from_another_website_is_refused_and_the_answers_come_back(full, headers):
    """A forged cross-site submission from a resident's browser names the foreign page (the
    browser, not the attacker, writes these headers): refused, nothing stored; what was posted
    comes back on the portal's own page to be checked and sent from there."""
    client = Client(enforce_csrf_checks=True, **headers)
    token = _shown(client, full["survey"])
    data = valid_post(full, token=token, Q6="Mehr Bänke")
    forged = client.post(_url(full["survey"]), data)
    assert forged.status_code == 403
    assert Response.objects.count() == 0
    html = forged.content.decode()
    assert "Ihr Browser hat nicht bestätigt, dass sie von dieser Website kommen" in html
    assert ">Mehr Bänke</textarea>" in html
    assert f'value="{full["yes"].pk}" checked' in html
    # Sent again from the portal's own page, it is stored without retyping anything.
    again = re.search(r'name="token" value="([^"]+)"', html).group(1)
    own = _resident().post(_url(full["survey"]), valid_post(full, token=again, Q6="Mehr Bänke"))
    assert own.status_code == 302
    assert Response.objects.get().answers.filter(text="Mehr Bänke").exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_SEC_FETCH_SITE": "same-origin"},  # a browser that sends no Origin here
        {"HTTP_REFERER": "http://testserver/de/befragung/"},  # an old browser
    ],
    ids=["origin", "fetch-site", "referer"],
)
def test_a_submission_from_the_portals_own_page_is_stored(full, headers):
    client = Client(enforce_csrf_checks=True, **headers)
    token = _shown(client, full["survey"])
    assert client.post(_url(full["survey"]), valid_post(full, token=token)).status_code == 302
    assert Response.objects.count() == 1


def test_behind_the_https_proxy_the_portals_own_origin_is_https(full, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxied = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "testserver"}
    client = Client(enforce_csrf_checks=True, **proxied)
    token = _shown(client, full["survey"])
    plain = client.post(_url(full["survey"]), valid_post(full), HTTP_ORIGIN="http://testserver")
    assert plain.status_code == 403
    own = client.post(
        _url(full["survey"]), valid_post(full, token=token), HTTP_ORIGIN="https://testserver"
    )
    assert own.status_code == 302


def test_trusted_origins_count_as_the_portals_own_as_for_django(full, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://befragung.example.org", "https://*.heilbronn.de"]
    for number, origin in enumerate(
        ["https://befragung.example.org", "https://quartier.heilbronn.de"]
    ):
        client = _resident(HTTP_ORIGIN=origin)
        response = client.post(_url(full["survey"]), valid_post(full, token=f"t{number}"))
        assert response.status_code == 302, origin
    for origin in ["https://heilbronn.de.evil.example", "http://quartier.heilbronn.de"]:
        response = _resident(HTTP_ORIGIN=origin).post(_url(full["survey"]), valid_post(full))
        assert response.status_code == 403, origin
    assert Response.objects.count() == 2


def test_an_unknown_host_in_the_request_is_refused_not_an_error(full):
    client = Client(enforce_csrf_checks=True, HTTP_ORIGIN="http://evil.example")
    response = client.post(_url(full["survey"]), valid_post(full), HTTP_HOST="evil.example")
    assert response.status_code in (400, 403)
    assert Response.objects.count() == 0


def test_a_code_to_continue_is_taken_only_from_the_portals_own_page(full):
    from survey.models import Draft

    draft_code = Draft.create_for(full["survey"], {"Q6": ["Später weiter"]})
    with translation.override("de"):
        url = reverse("survey:resume", kwargs={"slug": full["survey"].slug})
    foreign = Client(enforce_csrf_checks=True, HTTP_ORIGIN="https://evil.example")
    refused = foreign.post(url, {"code": draft_code})
    assert refused.status_code == 403
    assert f'value="{draft_code}"' in refused.content.decode()  # the typed code stays
    assert Draft.objects.exists()
    own = _resident().post(url, {"code": draft_code})
    assert own.status_code == 200 and "Später weiter" in own.content.decode()
    assert not own.cookies
    full["survey"].closes_at = timezone.now() - timedelta(minutes=1)
    full["survey"].save()
    closed = foreign.post(url, {"code": draft_code})
    assert closed.status_code == 403 and 'name="code"' not in closed.content.decode()


@pytest.mark.django_db(transaction=True)
def test_thank_you_is_said_only_once_the_response_is_committed(full):
    """No acknowledgement before the row is committed: when the redirect to the thank-you page
    is made, no transaction is open and the response is in the database."""
    client = _resident()
    token = _shown(client, full["survey"])
    seen = {}
    original = views.HttpResponseRedirect

    def acknowledging(*args, **kwargs):
        seen["in_transaction"] = connection.in_atomic_block
        seen["autocommit"] = connection.get_autocommit()
        seen["stored"] = Response.objects.filter(submission_token=token).exists()
        return original(*args, **kwargs)

    data = valid_post(full, token=token)
    with mock.patch.object(views, "HttpResponseRedirect", acknowledging):
        response = client.post(_url(full["survey"]), data)
    assert response.status_code == 302
    assert seen == {"in_transaction": False, "autocommit": True, "stored": True}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"


def test_the_dashboard_counts_neighbourhoods_from_its_aggregate_as_the_query_would(full):
    from survey import services

    for index, quarter in enumerate(full["quarters"] * 3):
        data = valid_post(full, Q1=str(quarter.pk), token=f"t{index}")
        assert Client().post(_url(full["survey"]), data).status_code == 302
    data = valid_post(full, Q1="dk", token="outside")
    assert Client().post(_url(full["survey"]), data).status_code == 302
    survey, quarters = full["survey"], services.load_quarters()
    responses = services.filtered_responses(survey)
    _total, _results, counts = services._aggregate(
        survey, services.load_questions(survey), quarters, responses
    )
    expected = services.breakdowns(responses)["quarter"]
    assert services._by_quarter(counts, quarters) == [tuple(row) for row in expected]
    assert [n for _name, n in expected] == [3, 3]


def test_a_new_online_response_shows_on_the_cached_dashboard_at_once(full, client, admin_user):
    client.force_login(admin_user)
    url = reverse("survey:dashboard", kwargs={"slug": full["survey"].slug})
    assert client.get(url).context["total"] == 0
    assert client.get(url).context["total"] == 0  # from the dashboard cache
    assert Client().post(_url(full["survey"]), valid_post(full)).status_code == 302
    assert client.get(url).context["total"] == 1


def _rows(answers):
    return sorted(
        (
            a.question_id,
            a.choice_id,
            a.row_id,
            a.quarter_id,
            a.value,
            a.dont_know,
            a.text,
            a.missing,
        )
        for a in answers
    )


def test_every_answer_is_stored_as_the_form_read_it(full):
    from tests.survey.factories import answers_for

    data = valid_post(full, Q6="Mehr Bänke, \"gern\" – 'bald' %s", Q4="dk", Q3_other="Ein Chor")
    answers = answers_for(full, data)
    assert len(answers) >= 8
    assert Client().post(_url(full["survey"]), data).status_code == 302
    assert _rows(Response.objects.get().answers.all()) == _rows(answers)


def test_a_paper_form_keeps_its_missing_value_codes(full):
    from survey import services
    from survey.models import Missing

    question = full["questions"][1]
    answers = [
        Answer(question=question, choice=full["yes"], missing=Missing.SEVERAL),
        Answer(question=question, choice=full["no"], missing=Missing.SEVERAL),
        Answer(question=full["questions"][6], missing=Missing.UNREADABLE),
    ]
    response, created = services.store_response(
        full["survey"], answers, language="de", channel="paper", source="Bürgeramt", batch="1"
    )
    assert created
    stored = sorted(response.answers.values_list("missing", flat=True))
    assert stored == sorted([Missing.SEVERAL, Missing.SEVERAL, Missing.UNREADABLE])


def test_the_questionnaires_fields_are_built_once_per_content_version_and_language(full):
    from survey import services
    from survey.forms import QuestionnaireForm

    survey = full["survey"]

    def form():
        return QuestionnaireForm(
            questions=services.load_questions(survey), quarters=services.load_quarters()
        )

    with translation.override("de"):
        first, second = form(), form()
        assert first.fields["Q2"] is second.fields["Q2"]
        assert first.fields["token"] is second.fields["token"]  # nothing changes a field
    with translation.override("ar"):
        assert form().fields["Q2"] is not first.fields["Q2"]
    full["yes"].label_de = "Ja, gern"
    full["yes"].save()  # an editor's save: new lists, new fields
    with translation.override("de"):
        changed = form().fields["Q2"]
    assert changed is not first.fields["Q2"]
    assert "Ja, gern" in [option.label for option in changed.options]


def test_an_answer_built_with_of_is_the_answer_the_model_would_build(full):
    question, row = full["questions"][4], full["questions"][4].rows.first()
    for values in ({"choice": full["other"], "text": "Chor"}, {"row": row, "dont_know": True}, {}):
        quick, usual = Answer.of(question, **values), Answer(question=question, **values)
        for field in Answer._meta.concrete_fields:
            assert getattr(quick, field.attname) == getattr(usual, field.attname), field.name
        assert quick._state.adding and quick.question is question
        for name, value in values.items():
            assert getattr(quick, name) == value


def _stored_columns(response):
    """Every column of a stored response and its answers but ids and the one-time token."""
    row = Response.all_objects.filter(pk=response.pk).values().get()
    del row["id"], row["submission_token"]
    answers = sorted(
        (
            tuple(sorted((k, v) for k, v in answer.items() if k not in {"id", "response_id"}))
            for answer in Answer.objects.filter(response=response).values()
        ),
        key=repr,
    )
    return row, answers


def test_the_one_write_stores_what_a_model_save_stores(full):
    """The resident's one-statement write and the model save (taken for a resumed draft and
    for paper forms) leave the same columns behind, answers included."""
    from survey import services
    from survey.models import Draft
    from tests.survey.factories import answers_for

    data = valid_post(
        full, Q6="«Mehr Bänke» – بنوك أكثر\n\"gern\" 'bald' %s \\ 😀", Q4="dk", Q3_other="Chor"
    )
    quick, created = services.store_response(
        full["survey"], answers_for(full, data), language="ar", token="quick"
    )
    assert created and quick.pk and not quick._state.adding
    code = Draft.create_for(full["survey"], {"Q6": ["x"]})
    saved, created = services.store_response(
        full["survey"], answers_for(full, data), language="ar", token="saved", draft_code=code
    )
    assert created and not Draft.objects.exists()
    assert _stored_columns(quick) == _stored_columns(saved)
    assert "😀" in Answer.objects.get(response=quick, question__code="Q6").text


def test_a_repeated_token_in_an_open_transaction_leaves_it_usable(full):
    """Inside a caller's transaction the failed write is undone alone (a savepoint): the
    first response is found and the transaction goes on."""
    from django.db import transaction

    from survey import services
    from tests.survey.factories import answers_for

    answers = answers_for(full, valid_post(full))
    with transaction.atomic():
        first, created = services.store_response(full["survey"], answers, language="de", token="t")
        again, created_again = services.store_response(
            full["survey"], answers_for(full, valid_post(full)), language="de", token="t"
        )
        assert created and not created_again and again.pk == first.pk
        assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_unlogged_and_outside_a_transaction_the_write_stores_what_a_model_save_stores(full):
    """As in production (no query log, no transaction open): on SQLite the write runs on the
    driver's own cursor, on PostgreSQL on psycopg's kept one; the same columns either way."""
    from survey import models as survey_models
    from survey import services
    from survey.models import Draft
    from tests.survey.factories import answers_for

    assert not connection.queries_logged and not connection.in_atomic_block
    data = valid_post(full, Q6="«Mehr Bänke» – بنوك أكثر 😀", Q4="dk", Q3_other="Chor")
    spy = mock.patch.object(
        survey_models, "_insert_on_sqlite", wraps=survey_models._insert_on_sqlite
    )
    with spy as on_sqlite:
        quick, created = services.store_response(
            full["survey"], answers_for(full, data), language="ar", token="quick"
        )
    assert created and on_sqlite.called == (connection.vendor == "sqlite")
    code = Draft.create_for(full["survey"], {"Q6": ["x"]})
    saved, _created = services.store_response(
        full["survey"], answers_for(full, data), language="ar", token="saved", draft_code=code
    )
    assert _stored_columns(quick) == _stored_columns(saved)


@pytest.mark.django_db(transaction=True)
def test_unlogged_a_repeated_token_stores_nothing_more(full):
    from survey import services
    from tests.survey.factories import answers_for

    first, created = services.store_response(
        full["survey"], answers_for(full, valid_post(full)), language="de", token="twice"
    )
    again, created_again = services.store_response(
        full["survey"],
        answers_for(full, valid_post(full, Q6="anders")),
        language="de",
        token="twice",
    )
    assert created and not created_again and again.pk == first.pk
    assert Response.objects.count() == 1
    assert Answer.objects.count() == Answer.objects.filter(response=first).count()
    assert not Answer.objects.filter(text="anders").exists()


@pytest.mark.django_db(transaction=True)
def test_unlogged_a_failed_write_leaves_nothing_and_the_next_one_is_stored(full):
    """An answer the database refuses (here: one without a question) undoes the whole
    response; the connection, and on SQLite the writers' lock, are free for the next one."""
    import fcntl
    import os

    from django.db import IntegrityError

    from survey import services
    from tests.survey.factories import answers_for

    answers = answers_for(full, valid_post(full))
    answers[-1].question_id = None
    with pytest.raises(IntegrityError):
        services.store_response(full["survey"], answers, language="de", token="refused")
    assert not Response.objects.exists() and not Answer.objects.exists()
    if connection.vendor == "sqlite":
        assert not connection.connection.in_transaction
        name = connection.settings_dict["NAME"]
        if not str(name).startswith("file:") and str(name) != ":memory:":
            lock = os.open(f"{name}-writer.lock", os.O_RDWR | os.O_CREAT)
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # nobody holds it
            finally:
                os.close(lock)
    stored, created = services.store_response(
        full["survey"], answers_for(full, valid_post(full)), language="de", token="next"
    )
    assert created and Response.objects.get().pk == stored.pk


def test_a_response_without_any_answer_is_stored_too(full):
    from survey import services

    response, created = services.store_response(full["survey"], [], language="tr", token="none")
    assert created
    assert Response.objects.get(pk=response.pk).language == "tr"
    assert not Answer.objects.filter(response=response).exists()


def test_sqlite_writers_take_turns_on_a_file_lock(tmp_path):
    """A second writer of the same SQLite file waits on the lock (in the kernel, woken the
    moment the first one is done) instead of polling SQLite's lock with growing sleeps."""
    import fcntl
    import os
    from types import SimpleNamespace

    from survey.models import _serialised_writes

    database = SimpleNamespace(vendor="sqlite", settings_dict={"NAME": tmp_path / "db.sqlite3"})
    other = os.open(tmp_path / "db.sqlite3-writer.lock", os.O_RDWR | os.O_CREAT)
    try:
        with _serialised_writes(database), pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again
        fcntl.flock(other, fcntl.LOCK_UN)
        for name in (":memory:", "file:memorydb_default?mode=memory&cache=shared"):
            with _serialised_writes(SimpleNamespace(vendor="sqlite", settings_dict={"NAME": name})):
                pass
    finally:
        os.close(other)


def _drop_the_connection():
    """The database ends this connection's server process (as a restart does), while Django
    still holds it as kept between requests."""
    import psycopg
    from django.db import close_old_connections

    connection.ensure_connection()
    dropped = connection.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")  # the connection is in use, as after an earlier request
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [dropped])
    connection.close_at = None  # kept between requests, as in production (CONN_MAX_AGE)
    close_old_connections()  # what every request starts with
    return dropped


def _needs_kept_postgresql_connections():
    if connection.vendor != "postgresql" or not connection.settings_dict["CONN_HEALTH_CHECKS"]:
        pytest.skip("persistent PostgreSQL connections")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("token", ["restart", None])
def test_a_response_sent_after_a_database_restart_is_stored(full, token):
    """A connection the database dropped since the last request (a restart) is replaced and
    the resident's response is stored instead of failing: with a one-time token by sending the
    statement again on a new connection (no health check's round trip on every submission),
    without one (it could be stored twice) by Django's health check first."""
    from survey import services
    from tests.survey.factories import answers_for

    _needs_kept_postgresql_connections()
    answers = answers_for(full, valid_post(full))
    dropped = _drop_the_connection()
    with CaptureQueriesContext(connection) as queries:
        response, created = services.store_response(
            full["survey"], answers, language="de", token=token
        )
    assert created and connection.connection.info.backend_pid != dropped
    assert Response.objects.filter(pk=response.pk).exists()
    assert Response.objects.count() == 1
    assert len(queries) == (2 if token else 1)  # the failed run and the one on a new connection


@pytest.mark.django_db(transaction=True)
def test_unlogged_the_statement_runs_on_psycopgs_kept_cursor_and_survives_a_restart(full):
    """As in production (no query log): the statement runs on a psycopg cursor kept with its
    connection; after a restart the statement runs on a new connection with a new cursor."""
    from survey import models as survey_models
    from survey import services
    from tests.survey.factories import answers_for

    _needs_kept_postgresql_connections()
    assert not connection.queries_logged
    answers = answers_for(full, valid_post(full))
    services.store_response(full["survey"], answers, language="de", token="first")
    kept = connection._kept_insert_cursor
    services.store_response(full["survey"], answers, language="de", token="second")
    assert connection._kept_insert_cursor is kept
    dropped = _drop_the_connection()
    response, created = services.store_response(
        full["survey"], answers, language="de", token="third"
    )
    assert created and connection.connection.info.backend_pid != dropped
    assert connection._kept_insert_cursor is not kept
    assert survey_models._kept_cursor(connection).connection is connection.connection
    assert Response.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_response_committed_just_before_the_connection_broke_is_not_stored_twice(full):
    """The statement committed, then the connection broke before its answer came back: sent
    again on a new connection, it meets its own token and writes nothing; the resident is told
    "thank you" for the one response."""
    from django.db import OperationalError

    from survey import models as survey_models
    from survey import services
    from tests.survey.factories import answers_for

    _needs_kept_postgresql_connections()
    runs = []
    real = survey_models._fetch_id

    def commits_then_breaks(conn, sql, params):
        runs.append(sql)
        row_id = real(conn, sql, params)
        if len(runs) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return row_id

    answers = answers_for(full, valid_post(full))
    with (
        mock.patch.object(survey_models, "_fetch_id", commits_then_breaks),
        mock.patch.object(survey_models, "_lost", return_value=True),
    ):
        response, created = services.store_response(
            full["survey"], answers, language="de", token="once"
        )
    assert len(runs) == 2 and not created
    assert Response.objects.get().pk == response.pk
    assert Answer.objects.filter(response=response).count() == len(answers)


@pytest.mark.django_db(transaction=True)
def test_a_statement_that_fails_on_a_working_connection_is_not_sent_again(full):
    from django.db import OperationalError

    from survey import models as survey_models
    from survey import services
    from tests.survey.factories import answers_for

    _needs_kept_postgresql_connections()
    runs = []

    def fails(conn, sql, params):
        runs.append(sql)
        raise OperationalError("canceling statement due to statement timeout")

    connection.ensure_connection()
    answers = answers_for(full, valid_post(full))
    with mock.patch.object(survey_models, "_fetch_id", fails), pytest.raises(OperationalError):
        services.store_response(full["survey"], answers, language="de", token="timeout")
    assert len(runs) == 1 and not Response.objects.exists()


def _index_definitions(table):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table]
            )
        else:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name = %s", [table])
        return {name: (sql or "") for name, sql in cursor.fetchall()}


def test_answers_write_entries_only_where_a_look_up_needs_them():
    """The neighbourhood is indexed where set (a neighbourhood's responses); options and matrix
    items are not: each of a response's answers would change another page of such an index,
    half of what a submission writes, for nothing but deleting an option (tested below)."""
    definitions = _index_definitions(Answer._meta.db_table)
    on_quarter = [
        sql for sql in definitions.values() if re.search(r'\(\s*"?quarter_id"?\s*\)', sql)
    ]
    assert on_quarter
    assert all(re.search(r'WHERE\s+\(?"?quarter_id"?\s+IS NOT NULL', sql) for sql in on_quarter)
    indexes = [sql for sql in definitions.values() if "INDEX" in sql.upper().split("(")[0]]
    for column in ("choice_id", "row_id"):
        assert not any(column in sql for sql in indexes), column


def test_an_online_response_writes_only_the_response_tables_full_indexes():
    """A resident's response has no serial number and no clerk: the indexes for those hold
    paper forms only, so an online response writes four index entries (its id, survey, day
    and token), not eight; no LIKE index stands beside the token."""
    definitions = _index_definitions(Response._meta.db_table)
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Response._meta.db_table)
    indexes = {
        name: tuple(found["columns"])
        for name, found in constraints.items()
        if found["index"] or found["unique"] or found["primary_key"]
    }
    partial = {name for name in indexes if " WHERE " in definitions.get(name, "").upper()}
    full = {columns for name, columns in indexes.items() if name not in partial}
    assert full == {("id",), ("survey_id",), ("submitted_on",), ("submission_token",)}
    paper_only = sorted(indexes[name] for name in partial)
    assert paper_only == [("entered_by_id",), ("survey_id", "serial")]
    assert not any("pattern_ops" in sql for sql in definitions.values())


def test_an_option_of_a_survey_not_started_yet_is_deleted_without_touching_other_answers(full):
    stored, _created = services.store_response(
        full["survey"], answers_for(full, valid_post(full)), language="de", token="kept"
    )
    draft = make_full_survey(slug="entwurf", status="draft")
    option = draft["no"]
    option.delete()
    assert not Choice.objects.filter(pk=option.pk).exists()
    assert stored.answers.count() == len(answers_for(full, valid_post(full)))


def test_a_responses_answers_go_to_one_place_of_every_full_index():
    """Each index holding every answer leads with the response (new responses, new numbers,
    the index's end), so a submission's dozen answers change a page or two of it instead of one
    page per question; looking answers up by question within responses is still one index."""
    definitions = _index_definitions(Answer._meta.db_table)
    full_indexes = [
        sql
        for sql in definitions.values()
        if sql.upper().startswith("CREATE INDEX") and "WHERE" not in sql.upper()
    ]
    assert full_indexes
    for sql in full_indexes:
        assert re.search(r'\(\s*"?response_id"?\s*,\s*"?question_id"?\s*\)', sql), sql


def test_every_page_of_the_questionnaire_is_never_cached(full):
    """Each holds a visitor's one-time token or their answers: no browser or proxy keeps it."""
    client = _resident()
    pages = [
        client.get(_url(full["survey"])),
        client.post(_url(full["survey"]), {"Q6": "Mehr Bänke"}),  # required answers missing
        Client(enforce_csrf_checks=True).post(_url(full["survey"]), valid_post(full)),  # refused
    ]
    assert [page.status_code for page in pages] == [200, 200, 403]
    for page in pages:
        assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    stored = client.post(
        _url(full["survey"]), valid_post(full, token=_shown(client, full["survey"]))
    )
    assert stored.status_code == 302 and Response.objects.count() == 1
