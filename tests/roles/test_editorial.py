"""Live and draft apart: every content type × role, through the admin, with real e-mail (SMTP).

Mails go out when the transaction commits. Each request here runs as if it committed: its
on-commit callbacks run when it returns (Django's captureOnCommitCallbacks), so the tests can
share the module's set-up data (tests/roles/conftest.py) and roll back instead of emptying the
database after each test."""

import email
import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from centers.models import Centre, Document, Site
from contacts.models import ContactPerson
from offers.models import Offer
from portal.models import PublicationStatus, SitePage
from staff.models import Revision, RevisionAction, RevisionState

pytestmark = pytest.mark.django_db


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        self.messages.append({"to": envelope.rcpt_tos, "subject": subject, "body": body})
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if address in m["to"]]


@pytest.fixture
def inbox(settings):
    """A real SMTP server on a free port; the portal sends through Django's SMTP backend."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = _Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """A browser whose every request commits: mails are sent before the response is read."""
    send = client.request

    def request(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return send(**kwargs)

    client.request = request
    return client


@pytest.fixture
def people(world):
    for user in world.users.values():
        user.email = f"{user.username}@heilbronn.example"
        user.save()
    # Legal pages: a quarter manager who may edit them but, as always, not publish.
    qm = world.users["qm"]
    qm.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="portal", codename__endswith="sitepage")
    )
    world.sitepage = SitePage.objects.create(key="privacy", body="<p>Alter Text</p>")
    own = world.own
    own.offer.publication_status = PublicationStatus.PUBLISHED
    own.offer.save()
    return world


def form_data(response):
    """What the browser would post back: every field of the form and its inlines, as shown."""
    data = {}

    def add(form):
        for bound in form:
            if bound.field.disabled:
                continue
            value = bound.value()
            widget = bound.field.widget
            input_type = getattr(widget, "input_type", None)
            if value is None or input_type == "file":
                continue
            if hasattr(widget, "widgets"):  # date and time in two boxes
                parts = widget.decompress(value) if not isinstance(value, list) else value
                for index, (sub, part) in enumerate(zip(widget.widgets, parts, strict=False)):
                    data[f"{bound.html_name}_{index}"] = sub.format_value(part) or ""
                continue
            if getattr(widget, "allow_multiple_selected", False):  # several checkboxes
                data[bound.html_name] = [str(v) for v in value]
                continue
            if isinstance(value, bool) or input_type == "checkbox":
                if value:
                    data[bound.html_name] = "on"
                continue
            if isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
                continue
            shown = widget.format_value(value)
            data[bound.html_name] = "" if shown is None else shown

    add(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for bound in formset.management_form:
            data[bound.html_name] = bound.value()
        for form in formset.initial_forms:
            add(form)
        data[formset.management_form["TOTAL_FORMS"].html_name] = len(formset.initial_forms)
    return data


# content type: (admin name, how to get the object, the field a quarter manager changes, model)
CONTENT = {
    "offer": ("offers_offer", lambda w: w.own.offer, "title_de", Offer),
    "centre": ("centers_centre", lambda w: w.own.centre, "summary_de", Centre),
    "site": ("centers_site", lambda w: w.own.site, "name", Site),
    "document": ("centers_document", lambda w: w.own.document, "title_de", Document),
    "contact": ("contacts_contactperson", lambda w: w.own.contact, "role_de", ContactPerson),
    "legal page": ("portal_sitepage", lambda w: w.sitepage, "body_de", SitePage),
}


def _edit(client, admin_name, obj, field, value):
    url = reverse(f"admin:{admin_name}_change", args=[obj.pk])
    data = form_data(client.get(url))
    data[field] = value
    return client.post(url, data)


def _decide(client, revision, button, comment=""):
    url = reverse("admin:staff_revision_change", args=[revision.pk])
    return client.post(url, {button: "1", "comment": comment})


NEW = "<p>Geänderter Text</p>"


@pytest.mark.parametrize("kind", CONTENT)
def test_a_quarter_managers_edit_of_live_content_waits_and_the_office_approves_it(
    client, people, inbox, kind
):
    admin_name, get, field, model = CONTENT[kind]
    obj = get(people)
    before = getattr(obj, field)
    client.force_login(people.users["qm"])

    response = _edit(client, admin_name, obj, field, NEW)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert getattr(model.objects.get(pk=obj.pk), field) == before  # live stays online
    revision = Revision.objects.get(state=RevisionState.PENDING)
    assert revision.submitted_by == people.users["qm"]
    assert revision.data["fields"][field] == NEW
    assert [m["subject"] for m in inbox.to("redaktion@heilbronn.example")] == [
        f"Zur Prüfung: {revision.object_repr}"
    ]
    assert inbox.to("qm-eigen@heilbronn.example") == []

    client.force_login(people.users["redaktion"])
    review = client.get(reverse("admin:staff_revision_change", args=[revision.pk]))
    assert "Geänderter Text" in review.content.decode()
    _decide(client, revision, "_approve")

    assert getattr(model.objects.get(pk=obj.pk), field) == NEW
    revision.refresh_from_db()
    assert revision.state == RevisionState.APPROVED
    mails = inbox.to("qm-eigen@heilbronn.example")
    assert [m["subject"] for m in mails] == [f"Veröffentlicht: {revision.object_repr}"]


@pytest.mark.parametrize("kind", CONTENT)
def test_a_returned_change_stays_offline_and_its_author_reads_the_comment(
    client, people, inbox, kind
):
    admin_name, get, field, model = CONTENT[kind]
    obj = get(people)
    before = getattr(obj, field)
    client.force_login(people.users["qm"])
    _edit(client, admin_name, obj, field, NEW)
    revision = Revision.objects.get()

    client.force_login(people.users["redaktion"])
    refused = _decide(client, revision, "_return", "")
    assert refused.status_code == 200  # a return needs a comment
    _decide(client, revision, "_return", "Bitte die Uhrzeit prüfen.")

    revision.refresh_from_db()
    assert revision.state == RevisionState.RETURNED
    assert getattr(model.objects.get(pk=obj.pk), field) == before
    (mail,) = inbox.to("qm-eigen@heilbronn.example")
    assert mail["subject"] == f"Zurückgegeben: {revision.object_repr}"
    assert "Bitte die Uhrzeit prüfen." in mail["body"]


@pytest.mark.parametrize("role", ["redaktion", "superuser"])
@pytest.mark.parametrize("kind", CONTENT)
def test_the_editorial_office_changes_live_content_at_once(client, people, inbox, kind, role):
    admin_name, get, field, model = CONTENT[kind]
    obj = get(people)
    client.force_login(people.users[role])
    response = _edit(client, admin_name, obj, field, NEW)
    assert response.status_code == 302
    assert getattr(model.objects.get(pk=obj.pk), field) == NEW
    assert not Revision.objects.exists()
    assert inbox.messages == []


@pytest.mark.parametrize("kind", ["offer", "site", "document", "contact", "legal page"])
def test_a_quarter_manager_deleting_live_content_only_asks_for_it(client, people, inbox, kind):
    admin_name, get, field, model = CONTENT[kind]
    obj = get(people)
    client.force_login(people.users["qm"])
    url = reverse(f"admin:{admin_name}_delete", args=[obj.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert model.objects.filter(pk=obj.pk).exists()
    revision = Revision.objects.get()
    assert revision.action == RevisionAction.DELETE
    assert inbox.to("redaktion@heilbronn.example")

    client.force_login(people.users["redaktion"])
    _decide(client, revision, "_approve")
    assert not model.objects.filter(pk=obj.pk).exists()


def test_the_delete_action_asks_for_live_entries_and_deletes_drafts(client, people):
    live, draft = people.own.offer, people.own.proposal
    client.force_login(people.users["qm"])
    client.post(
        reverse("admin:offers_offer_changelist"),
        {"action": "delete_selected", "_selected_action": [live.pk, draft.pk], "post": "yes"},
    )
    assert Offer.objects.filter(pk=live.pk).exists()
    assert not Offer.objects.filter(pk=draft.pk).exists()
    assert Revision.objects.get().action == RevisionAction.DELETE


def test_a_quarter_manager_unpublishing_asks_the_office(client, people):
    offer = people.own.offer
    client.force_login(people.users["qm"])
    _edit(client, "offers_offer", offer, "publication_status", PublicationStatus.DRAFT)
    offer.refresh_from_db()
    assert offer.publication_status == PublicationStatus.PUBLISHED
    assert Revision.objects.get().action == RevisionAction.UNPUBLISH


def test_a_changed_time_slot_waits_and_goes_live_on_approval(client, people):
    from tests.offers.factories import make_slot

    offer = people.own.offer
    slot = make_slot(offer, start_time="15:00", end_time="17:00", weekday=2)
    client.force_login(people.users["qm"])
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    data = form_data(client.get(url))
    data["schedules-0-start_time"] = "16:00"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    slot.refresh_from_db()
    assert slot.start_time.hour == 15
    revision = Revision.objects.get()

    client.force_login(people.users["redaktion"])
    page = client.get(reverse("admin:staff_revision_change", args=[revision.pk])).content.decode()
    assert "15:00" in page and "16:00" in page
    _decide(client, revision, "_approve")
    slot.refresh_from_db()
    assert slot.start_time.hour == 16


def test_a_quarter_managers_restore_of_a_live_offer_never_publishes_by_itself(client, people):
    offer = people.own.offer
    old = offer.history.order_by("history_id").first()
    offer.title_de = "Neuer Titel"
    offer.save()
    client.force_login(people.users["qm"])
    url = reverse("admin:offers_offer_simple_history", args=[offer.pk, old.history_id])
    response = client.post(url, form_data(client.get(url)))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title_de == "Neuer Titel"
    revision = Revision.objects.get()
    assert revision.action == RevisionAction.RESTORE

    client.force_login(people.users["redaktion"])
    _decide(client, revision, "_approve")
    offer.refresh_from_db()
    assert offer.title_de == old.title_de
    assert offer.history.first().history_change_reason.startswith(
        "Wiederhergestellt aus der Fassung vom"
    )


def test_a_quarter_manager_may_not_approve_even_by_posting(client, people):
    client.force_login(people.users["qm"])
    _edit(client, "offers_offer", people.own.offer, "title_de", "Neu")
    revision = Revision.objects.get()
    _decide(client, revision, "_approve")
    revision.refresh_from_db()
    assert revision.state == RevisionState.PENDING


def test_nobody_is_mailed_who_switched_notifications_off(client, people, inbox):
    profile = people.users["redaktion"].staff_profile
    profile.email_notifications = False
    profile.save()
    client.force_login(people.users["qm"])
    _edit(client, "offers_offer", people.own.offer, "title_de", "Neu")
    assert Revision.objects.exists()
    assert inbox.to("redaktion@heilbronn.example") == []


def test_mails_speak_the_recipients_admin_language(client, people, inbox):
    profile = people.users["redaktion"].staff_profile
    profile.language = "en"
    profile.save()
    client.force_login(people.users["qm"])
    _edit(client, "offers_offer", people.own.offer, "title_de", "Neu")
    (mail,) = inbox.to("redaktion@heilbronn.example")
    assert mail["subject"].startswith("For review:")


def test_drafts_are_edited_directly_by_quarter_managers(client, people):
    proposal = people.own.proposal
    client.force_login(people.users["qm"])
    url = reverse("admin:offers_offer_change", args=[proposal.pk])
    data = form_data(client.get(url)) | {"title_de": "Direkt", "centre": people.own.centre.pk}
    assert client.post(url, data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.title_de == "Direkt"
    assert not Revision.objects.exists()


def test_publish_until_before_publish_from_is_refused(client, people):
    offer = people.own.offer
    client.force_login(people.users["redaktion"])
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    data = form_data(client.get(url))
    now = timezone.localtime()
    data |= {
        "publish_from_0": (now + timedelta(days=5)).strftime("%d.%m.%Y"),
        "publish_from_1": "10:00",
        "publish_until_0": (now + timedelta(days=2)).strftime("%d.%m.%Y"),
        "publish_until_1": "10:00",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "publish_until" in response.context["adminform"].form.errors


def _home(client, user):
    client.force_login(user)
    return client.get(reverse("admin:index"))


def test_the_review_queue_lists_every_content_type_with_who_and_when(client, people):
    document = people.own.document
    document.publication_status = PublicationStatus.REVIEW
    document.save_as(people.users["qm"])
    client.force_login(people.users["qm"])
    _edit(client, "contacts_contactperson", people.own.contact, "role_de", "Leitung")

    home = _home(client, people.users["redaktion"])
    queue = home.context["tasks"]["editorial"]["queue"]
    assert {(item["name"], item["user"]) for item in queue} == {
        (str(document), people.users["qm"]),
        (str(people.own.contact), people.users["qm"]),
    }
    assert str(document) in home.content.decode()


def test_a_quarter_manager_sees_what_was_returned_to_them_with_the_comment(client, people):
    client.force_login(people.users["qm"])
    _edit(client, "offers_offer", people.own.offer, "title_de", "Neu")
    client.force_login(people.users["redaktion"])
    _decide(client, Revision.objects.get(), "_return", "Bitte mit Uhrzeit.")

    home = _home(client, people.users["qm"])
    (returned,) = home.context["tasks"]["editorial"]["returned"]
    assert returned["note"] == "Bitte mit Uhrzeit."
    assert "Bitte mit Uhrzeit." in home.content.decode()
    # The other quarter manager's home page knows nothing of it.
    assert _home(client, people.users["qm-foreign"]).context["tasks"]["editorial"]["returned"] == []


def test_my_drafts_and_the_scheduled_list(client, people):
    draft = people.own.proposal
    draft.title_de = "Mein Entwurf"
    draft.save_as(people.users["qm"])
    scheduled = people.own.document
    scheduled.publish_from = timezone.now() + timedelta(days=3)
    scheduled.save()

    lists = _home(client, people.users["qm"]).context["tasks"]["editorial"]
    assert [item["name"] for item in lists["drafts"]] == ["Mein Entwurf"]
    assert [item["name"] for item in lists["scheduled"]] == [str(scheduled)]
    assert _home(client, people.users["redaktion"]).context["tasks"]["editorial"]["drafts"] == []
    changelist = client.get(reverse("admin:centers_document_changelist")).content.decode()
    assert "Geplant ab" in changelist


def test_the_evaluation_role_gets_no_editorial_lists(client, people):
    assert "editorial" not in _home(client, people.users["auswertung"]).context["tasks"]


def test_a_draft_put_in_review_is_mailed_to_the_office_and_its_publication_to_the_author(
    client, people, inbox
):
    document = people.own.document
    document.publication_status = PublicationStatus.DRAFT
    document.save()
    client.force_login(people.users["qm"])
    client.post(
        reverse("admin:centers_document_changelist"),
        {"action": "submit_for_review", "_selected_action": [document.pk]},
    )
    (mail,) = inbox.to("redaktion@heilbronn.example")
    assert mail["subject"] == f"Zur Prüfung: {document}"

    client.force_login(people.users["redaktion"])
    client.post(
        reverse("admin:centers_document_changelist"),
        {"action": "publish_selected", "_selected_action": [document.pk]},
    )
    (mail,) = inbox.to("qm-eigen@heilbronn.example")
    assert mail["subject"] == f"Veröffentlicht: {document}"


# --- History: restore, recycle bin, empty saves ----------------------------------------------


def test_the_office_restoring_a_version_logs_where_it_came_from(client, people):
    offer = people.own.offer
    old = offer.history.order_by("history_id").first()
    offer.title_de = "Neuer Titel"
    offer.save()
    client.force_login(people.users["redaktion"])
    url = reverse("admin:offers_offer_simple_history", args=[offer.pk, old.history_id])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    offer.refresh_from_db()
    assert offer.title_de == old.title_de
    latest = offer.history.first()
    assert latest.history_user == people.users["redaktion"]
    assert latest.history_change_reason.startswith("Wiederhergestellt aus der Fassung vom")


def test_an_old_version_of_a_centre_opens_for_its_quarter_manager(client, people):
    centre = people.own.centre
    centre.summary_de = "Neu"
    centre.save()
    old = centre.history.order_by("history_id").first()
    client.force_login(people.users["qm"])
    url = reverse("admin:centers_centre_simple_history", args=[centre.pk, old.history_id])
    response = client.get(url)
    assert response.status_code == 200
    assert "slug" not in response.context["adminform"].form.fields


def test_saving_without_a_change_adds_no_history_row(client, people):
    offer = people.own.offer
    rows = offer.history.count()
    client.force_login(people.users["redaktion"])
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    assert offer.history.count() == rows
    _edit(client, "offers_offer", offer, "title_de", "Wirklich geändert")
    assert offer.history.count() == rows + 1


def test_a_deleted_offer_comes_back_from_the_recycle_bin_with_its_slots(client, people):
    from tests.offers.factories import make_slot

    offer = people.own.offer
    make_slot(offer, weekday=1)
    make_slot(offer, weekday=3)
    client.force_login(people.users["redaktion"])
    client.post(reverse("admin:offers_offer_delete", args=[offer.pk]), {"post": "yes"})
    assert not Offer.objects.filter(pk=offer.pk).exists()

    page = client.get(reverse("admin:recycle_bin"))
    assert offer.title in page.content.decode()
    record = Offer.history.get(id=offer.pk, history_type="-")
    response = client.post(
        reverse("admin:recycle_bin_restore", args=["offers", "offer", record.history_id])
    )
    assert response.status_code == 302
    restored = Offer.objects.get(pk=offer.pk)
    assert restored.title == offer.title
    assert sorted(slot.weekday for slot in restored.schedules.all()) == [1, 3]
    assert restored.history.first().history_change_reason.startswith(
        "Aus dem Papierkorb wiederhergestellt"
    )
    assert client.get(reverse("admin:recycle_bin")).context["sections"] == []


@pytest.mark.parametrize("kind", ["document", "contact"])
def test_deleted_documents_and_contacts_are_in_the_recycle_bin(client, people, kind):
    admin_name, get, field, model = CONTENT[kind]
    obj = get(people)
    client.force_login(people.users["redaktion"])
    client.post(reverse(f"admin:{admin_name}_delete", args=[obj.pk]), {"post": "yes"})
    record = model.history.get(id=obj.pk, history_type="-")
    app, name = admin_name.split("_", 1)
    client.post(reverse("admin:recycle_bin_restore", args=[app, name, record.history_id]))
    assert model.objects.filter(pk=obj.pk).exists()


def test_quarter_managers_have_no_recycle_bin(client, people):
    client.force_login(people.users["qm"])
    assert client.get(reverse("admin:recycle_bin")).status_code == 403


# --- Concurrent edits ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["offer", "document", "contact", "legal page"])
def test_a_save_based_on_an_outdated_version_is_refused_and_keeps_the_input(client, people, kind):
    admin_name, get, field, model = CONTENT[kind]
    obj = get(people)
    client.force_login(people.users["redaktion"])
    url = reverse(f"admin:{admin_name}_change", args=[obj.pk])
    form = client.get(url)
    assert 'name="_editorial_version"' in form.content.decode()
    mine = form_data(form) | {field: "<p>Meine Fassung</p>", "_editorial_version": ""}
    mine["_editorial_version"] = form.context["editorial_version"]

    # Meanwhile a colleague saves another version.
    other = model.objects.get(pk=obj.pk)
    setattr(other, field, "<p>Fassung der Kollegin</p>")
    other._history_user = people.users["superuser"]
    if hasattr(other, "updated_at"):
        import time

        time.sleep(0.01)
    other.save()

    refused = client.post(url, mine)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "während Sie ihn bearbeitet haben" in page
    assert "Meine Fassung" in page  # nothing typed is lost
    assert getattr(model.objects.get(pk=obj.pk), field) == "<p>Fassung der Kollegin</p>"
    if kind != "legal page":
        assert "it hat diesen Eintrag am" in page
        assert str(model._meta.get_field(field).verbose_name) in page

    # Having read what changed, saving again is a decision: it goes through.
    again = form_data(refused)
    again[field] = "<p>Meine Fassung</p>"
    again["_editorial_version"] = refused.context["editorial_version"]
    assert client.post(url, again).status_code == 302
    assert getattr(model.objects.get(pk=obj.pk), field) == "<p>Meine Fassung</p>"


# --- Mistakes prevented -----------------------------------------------------------------------


def test_the_form_of_an_entry_with_a_waiting_change_says_so(client, people):
    client.force_login(people.users["qm"])
    _edit(client, "offers_offer", people.own.offer, "title_de", "Neu")
    client.force_login(people.users["redaktion"])
    page = client.get(reverse("admin:offers_offer_change", args=[people.own.offer.pk]))
    assert "wartet auf die Prüfung durch die Redaktion" in page.content.decode()
    assert "Pflichtfelder" in page.content.decode()


def test_an_offer_image_needs_a_description(client, people):
    from tests.factories import image_upload

    offer = people.own.offer
    client.force_login(people.users["redaktion"])
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    data = form_data(client.get(url)) | {"image": image_upload(), "image_alt_de": ""}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "image_alt_de" in response.context["adminform"].form.errors


def test_a_valid_until_date_in_the_past_warns(client, people):
    offer = people.own.offer
    client.force_login(people.users["redaktion"])
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    data = form_data(client.get(url)) | {"valid_from": "", "valid_until": "01.01.2020"}
    response = client.post(url, data, follow=True)
    assert response.redirect_chain, response.context["errors"]
    assert "liegt in der Vergangenheit" in response.content.decode()
    offer.refresh_from_db()
    assert str(offer.valid_until) == "2020-01-01"  # a warning, not a refusal


def test_publishing_an_offer_records_it_as_checked_today(people):
    offer = people.own.proposal
    offer.last_checked = None
    offer.save()
    offer.publish(people.users["redaktion"])
    offer.refresh_from_db()
    assert offer.last_checked == timezone.localdate()


def test_the_review_shows_only_what_the_author_changed(client, people):
    centre = people.own.centre
    centre.description_de = "Erster Absatz.\n\nZweiter Absatz."
    centre.save()
    client.force_login(people.users["qm"])
    url = reverse("admin:centers_centre_change", args=[centre.pk])
    data = form_data(client.get(url))
    data["description_de"] = "Erster Absatz.\r\n\r\nZweiter Absatz."  # as browsers send it
    data["summary_de"] = "Neue Kurzbeschreibung"
    client.post(url, data)
    revision = Revision.objects.get()

    from staff.revisions import difference

    changes = difference(revision)
    assert [change["label"] for change in changes["fields"]] == ["Kurzbeschreibung [de]"]
    assert changes["inlines"] == []


def _offer_with_history_of_slots(people):
    from tests.offers.factories import make_slot

    offer = people.own.offer
    monday = make_slot(offer, weekday=0)
    offer.title_de = "Mit Montag"
    offer.save()
    version = offer.history.order_by("-history_id").first()
    monday.delete()  # later: Monday dropped, Friday added, title changed
    make_slot(offer, weekday=4)
    offer.title_de = "Mit Freitag"
    offer.save()
    return offer, version


def test_restoring_a_version_brings_back_its_time_slots(client, people):
    offer, version = _offer_with_history_of_slots(people)
    client.force_login(people.users["redaktion"])
    url = reverse("admin:offers_offer_simple_history", args=[offer.pk, version.history_id])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    offer.refresh_from_db()
    assert offer.title_de == "Mit Montag"
    assert [slot.weekday for slot in offer.schedules.all()] == [0]


def test_a_quarter_managers_restore_with_slots_waits_and_approval_brings_them_back(client, people):
    offer, version = _offer_with_history_of_slots(people)
    client.force_login(people.users["qm"])
    url = reverse("admin:offers_offer_simple_history", args=[offer.pk, version.history_id])
    client.post(url, form_data(client.get(url)))
    assert [slot.weekday for slot in offer.schedules.all()] == [4]
    revision = Revision.objects.get()

    client.force_login(people.users["redaktion"])
    page = client.get(reverse("admin:staff_revision_change", args=[revision.pk]))
    assert "Hinzugefügt" in page.content.decode() and "Entfernt" in page.content.decode()
    _decide(client, revision, "_approve")
    offer.refresh_from_db()
    assert offer.title_de == "Mit Montag"
    assert [slot.weekday for slot in offer.schedules.all()] == [0]


def test_a_new_contact_on_a_published_centre_waits_for_the_office(client, people, inbox):
    client.force_login(people.users["qm"])
    url = reverse("admin:contacts_contactperson_add")
    data = form_data(client.get(url)) | {
        "name": "Neue Kollegin",
        "role_de": "Sozialarbeiterin",
        "centre": people.own.centre.pk,
        "sort_order": "5",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert not ContactPerson.objects.filter(name="Neue Kollegin").exists()
    revision = Revision.objects.get()
    assert revision.action == RevisionAction.ADD
    assert inbox.to("redaktion@heilbronn.example")

    client.force_login(people.users["redaktion"])
    page = client.get(reverse("admin:staff_revision_change", args=[revision.pk]))
    assert "Neue Kollegin" in page.content.decode()
    _decide(client, revision, "_approve")
    contact = ContactPerson.objects.get(name="Neue Kollegin")
    assert contact.centre == people.own.centre
    assert contact.history.first().history_user == people.users["redaktion"]
    revision.refresh_from_db()
    assert revision.object_id == str(contact.pk)


def test_the_office_adds_contacts_directly(client, people):
    client.force_login(people.users["redaktion"])
    url = reverse("admin:contacts_contactperson_add")
    data = form_data(client.get(url)) | {
        "name": "Direkt",
        "role_de": "Leitung",
        "centre": people.own.centre.pk,
        "sort_order": "1",
    }
    assert client.post(url, data).status_code == 302
    assert ContactPerson.objects.filter(name="Direkt").exists()
    assert not Revision.objects.exists()


@pytest.mark.parametrize("kind", ["offer", "document"])
def test_a_quarter_manager_cannot_republish_a_withdrawn_entry_by_restoring(client, people, kind):
    admin_name, get, field, model = CONTENT[kind]
    obj = get(people)
    obj.publication_status = PublicationStatus.PUBLISHED
    obj.save()
    published = obj.history.order_by("-history_id").first()
    obj.publication_status = PublicationStatus.DRAFT
    obj.save()  # withdrawn by the editorial office

    client.force_login(people.users["qm"])
    url = reverse(f"admin:{admin_name}_simple_history", args=[obj.pk, published.history_id])
    response = client.post(url, form_data(client.get(url)))

    assert response.status_code == 200
    assert "publication_status" in response.context["adminform"].form.errors
    assert model.objects.get(pk=obj.pk).publication_status == PublicationStatus.DRAFT
    assert not Revision.objects.exists()


def test_quarter_managers_see_only_their_own_requests(client, people):
    client.force_login(people.users["qm"])
    _edit(client, "offers_offer", people.own.offer, "title_de", "Neu")
    revision = Revision.objects.get()
    client.force_login(people.users["qm-foreign"])
    changelist = client.get(reverse("admin:staff_revision_changelist"))
    assert list(changelist.context["cl"].result_list) == []
    url = reverse("admin:staff_revision_change", args=[revision.pk])
    assert client.get(url).status_code == 404
    client.force_login(people.users["auswertung"])
    assert client.get(url).status_code == 403
    assert "Änderungen zur Prüfung" not in client.get(reverse("admin:index")).content.decode()
