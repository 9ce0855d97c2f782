import pytest
from django.contrib.auth.models import User
from django.db.models.fields.files import FieldFile
from django.utils import translation

from staff.management.commands.setup_roles import setup_roles
from staff.models import StaffProfile
from staff.permissions import EDITORS, QUARTER_MANAGERS

LANGUAGES = ("en", "ar", "ro", "ru", "tr")


@pytest.fixture(autouse=True)
def _german():
    translation.activate("de")
    yield
    translation.deactivate()


def make_staff(username, role, centres=()):
    user = User.objects.create_user(username, is_staff=True)
    user.groups.set([setup_roles()[role]])
    profile = StaffProfile.objects.create(user=user)
    profile.centres.set(centres)
    return user


@pytest.fixture
def redaktion(db):
    return make_staff("redaktion", EDITORS)


@pytest.fixture
def quarter_manager(db):
    def make(centres):
        return make_staff("qm", QUARTER_MANAGERS, centres)

    return make


def translate_all(obj, **fields):
    """Sets each given field in every language: the German text and a marked translation."""
    for field, german in fields.items():
        setattr(obj, f"{field}_de", german)
        for language in LANGUAGES:
            setattr(obj, f"{field}_{language}", f"[{language}] {german}")
    obj.save()
    return obj


def change_form_data(response):
    """What the admin's change form would send back unchanged, inlines included."""
    data = {}

    def add(form):
        for name in form.fields:
            bound = form[name]
            value = bound.value()
            if value is None or isinstance(value, FieldFile):
                continue
            if isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        for form in formset.forms:
            add(form)
    return data
