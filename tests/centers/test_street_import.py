"""Editors import the city's street directory from CSV: upload → checked preview → import."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from centers.models import Parity, StreetSection
from centers.street_import import MAX_BYTES, MAX_ROWS, import_directory, read_directory
from tests.factories import make_quarter, make_street_section, pdf_bytes
from tests.roles.conftest import make_staff

pytestmark = pytest.mark.django_db

HEADER = "street;from;to;parity;postcode;quarter\n"
GOOD = (
    HEADER + "Fleiner Straße;1;40;all;74072;Innenstadt-Süd\n"
    "Fleiner Straße;41;;all;74074;suedstadt\n"
    "Kaiserstraße;;;even;74072;Innenstadt-Süd\n"
    "Kaiserstraße;;;ungerade;74072;Südstadt\n"
    "Olgastraße;;;;;Suedstadt\n"
)


@pytest.fixture(autouse=True)
def _english():
    """The reader's messages in English (the admin answers in German, its default)."""
    with translation.override("en"):
        yield


@pytest.fixture
def quarters():
    return {
        "inner": make_quarter(name="Innenstadt-Süd", slug="innenstadt-sued"),
        "south": make_quarter(name="Südstadt", slug="suedstadt"),
    }


def _errors(text, encoding="utf-8"):
    return [(e.line, e.message) for e in read_directory(text.encode(encoding)).errors]


# --- Reading the file -----------------------------------------------------------------------


def test_a_good_file_becomes_sections_with_quarters_by_name_slug_or_folded_name(quarters):
    directory = read_directory(GOOD.encode())
    assert directory.errors == []
    assert directory.importable
    assert directory.street_count == 3
    rows = [(s.street, s.number_from, s.number_to, s.parity, s.quarter) for s in directory.sections]
    assert rows[0] == ("Fleiner Straße", 1, 40, Parity.ALL, quarters["inner"])
    assert rows[1][4] == quarters["south"]
    assert rows[3][3] == Parity.ODD
    assert rows[4] == ("Olgastraße", None, None, Parity.ALL, quarters["south"])


def test_windows_1252_as_excel_saves_it_is_read(quarters):
    directory = read_directory(GOOD.encode("cp1252"))
    assert directory.errors == []
    assert directory.sections[0].street == "Fleiner Straße"


def test_utf8_with_bom_and_comma_separated_is_read(quarters):
    text = GOOD.replace(";", ",")
    directory = read_directory("\ufeff".encode() + text.encode())
    assert directory.errors == []
    assert len(directory.sections) == 5


def test_german_column_names_are_understood(quarters):
    text = "Straße;von;bis;Seite;PLZ;Quartier\nOlgastraße;2;20;gerade;74074;Südstadt\n"
    directory = read_directory(text.encode())
    assert directory.errors == []
    assert directory.sections[0].parity == Parity.EVEN


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Olgastraße;zwölf;;;;Südstadt", "is not a house number"),
        ("Olgastraße;20;10;;;Südstadt", "must not be smaller"),
        ("Olgastraße;;;beidseitig;;Südstadt", "please write all, even or odd"),
        ("Olgastraße;;;;7407;Südstadt", "five digits"),
        ("Olgastraße;;;;;Atlantis", "no neighbourhood “Atlantis”"),
        ("Olgastraße;;;;;", "neighbourhood is missing"),
        (";1;2;;;Südstadt", "name of the street"),
        ('=HYPERLINK("http://evil");;;;;Südstadt', "looks like a spreadsheet formula"),
        ("@SUM(1);;;;;Südstadt", "looks like a spreadsheet formula"),
        ("Olgastraße;;;;;+Südstadt", "looks like a spreadsheet formula"),
        ("O" + "l" * 200 + ";;;;;Südstadt", "too long"),
    ],
)
def test_each_kind_of_error_is_named_with_its_line(quarters, row, message):
    errors = _errors(HEADER + "Kaiserstraße;;;;;Südstadt\n" + row + "\n")
    assert len(errors) == 1
    line, text = errors[0]
    assert line == 3
    assert message in text


def test_overlapping_sections_in_the_file_name_both_lines(quarters):
    errors = _errors(HEADER + "Fleiner Straße;1;40;;;Südstadt\n\nfleiner str.;30;50;;;Südstadt\n")
    assert errors[0][0] == 4
    assert "line 2" in errors[0][1]


def test_a_file_without_the_needed_columns_says_which_are_missing(quarters):
    errors = _errors("name;von;bis\nOlgastraße;1;2\n")
    assert errors == [(1, errors[0][1])]
    assert "quarter" in errors[0][1]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "Excel (XLSX)"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old Excel (XLS)"),
        (pdf_bytes(), "PDF file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (b"", "contains no streets"),
        (b'street;quarter\n"Olgastra\xc3\x9fe;S\xc3\xbcdstadt\n', "neighbourhood is missing"),
    ],
)
def test_a_wrong_file_type_is_refused_with_a_hint(quarters, data, message):
    errors = read_directory(data).errors
    assert errors
    assert message in " ".join(e.message for e in errors)


def test_a_huge_file_is_refused_before_it_is_read(quarters):
    huge = (HEADER + "Olgastraße;;;;;Südstadt\n" * (MAX_BYTES // 20)).encode()
    assert len(huge) > MAX_BYTES
    errors = read_directory(huge).errors
    assert len(errors) == 1 and "too large" in errors[0].message


def test_too_many_rows_are_refused(quarters):
    rows = "".join(f"S{n};;;;;Südstadt\n" for n in range(MAX_ROWS + 5))
    errors = read_directory((HEADER + rows).encode()).errors
    assert any("more than" in e.message for e in errors)


def test_a_cell_longer_than_csv_allows_is_an_error_not_a_crash(quarters):
    text = HEADER + '"' + "x" * 200_000 + '";;;;;Südstadt\n'
    assert read_directory(text.encode()).errors


# --- Importing ------------------------------------------------------------------------------


def test_importing_only_the_files_streets_leaves_the_others(quarters):
    keep = make_street_section(quarters["south"], "Wilhelmstraße")
    make_street_section(quarters["south"], "Fleiner Straße")
    result = import_directory(read_directory(GOOD.encode()), replace_all=False)
    assert (result.created, result.removed) == (5, 1)
    assert StreetSection.objects.filter(pk=keep.pk).exists()
    assert StreetSection.objects.count() == 6
    assert StreetSection.objects.for_street("Fleiner Str").count() == 2


def test_replacing_the_whole_directory_removes_streets_not_in_the_file(quarters):
    make_street_section(quarters["south"], "Wilhelmstraße")
    result = import_directory(read_directory(GOOD.encode()), replace_all=True)
    assert (result.created, result.removed) == (5, 1)
    assert not StreetSection.objects.for_street("Wilhelmstraße").exists()


def test_a_directory_with_errors_is_never_imported(quarters):
    with pytest.raises(ValueError):
        import_directory(read_directory((HEADER + "x;;;;;Atlantis\n").encode()), True)


def test_the_command_imports_with_the_same_checks(quarters, tmp_path):
    path = tmp_path / "strassen.csv"
    path.write_bytes(GOOD.encode("cp1252"))
    out = io.StringIO()
    call_command("import_streets", str(path), "--replace", stdout=out)
    assert "Imported 5 sections" in out.getvalue()
    assert StreetSection.objects.count() == 5
    path.write_text(HEADER + "Olgastraße;;;;;Atlantis\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_streets", str(path), stderr=err)
    assert "line 2" in err.getvalue()
    assert StreetSection.objects.count() == 5


def test_the_demo_sample_file_is_valid(quarters):
    from demo.centers import STREETS_CSV

    errors = read_directory(STREETS_CSV.read_bytes()).errors
    # The test's world has two of the demo's neighbourhoods; every other error is a quarter.
    assert all("no neighbourhood" in e.message for e in errors)


# --- The admin ------------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    return make_staff("redaktion", "Redaktion")


def _upload(client, data, replace_all=""):
    upload = SimpleUploadedFile("strassen.csv", data, content_type="text/csv")
    return client.post(
        reverse("admin:centers_streetsection_import"),
        {"file": upload, "replace_all": replace_all},
    )


def test_an_editor_previews_then_imports(client, editor, quarters):
    make_street_section(quarters["south"], "Wilhelmstraße")
    client.force_login(editor)
    changelist = client.get(reverse("admin:centers_streetsection_changelist"))
    assert reverse("admin:centers_streetsection_import") in changelist.content.decode()
    preview = _upload(client, GOOD.encode("cp1252"), replace_all="1")
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "5 Abschnitte von 3 Straßen" in html
    assert StreetSection.objects.count() == 1  # nothing saved before the confirmation
    payload = preview.context["confirm_form"].initial["payload"]
    done = client.post(reverse("admin:centers_streetsection_import"), {"payload": payload})
    assert done.status_code == 302
    assert StreetSection.objects.count() == 5
    assert not StreetSection.objects.for_street("Wilhelmstraße").exists()


def test_the_preview_lists_errors_by_line_and_offers_no_import(client, editor, quarters):
    client.force_login(editor)
    preview = _upload(client, (HEADER + "Olgastraße;9;3;;;Südstadt\n").encode())
    html = preview.content.decode()
    assert "darf nicht kleiner sein" in html
    assert "<td>2</td>" in html
    assert "confirm_form" not in preview.context or preview.context["confirm_form"] is None
    assert 'name="payload"' not in html


def test_a_tampered_payload_is_refused(client, editor, quarters):
    client.force_login(editor)
    response = client.post(reverse("admin:centers_streetsection_import"), {"payload": "x:y:z"})
    assert response.status_code == 200
    assert "Datei noch einmal hoch" in response.content.decode()
    assert not StreetSection.objects.exists()


@pytest.mark.parametrize("data", [b"PK\x03\x04\x00\x00", b"\x00" * 10, b"x" * (MAX_BYTES + 1)])
def test_a_hostile_upload_is_a_message_not_a_server_error(client, editor, quarters, data):
    client.force_login(editor)
    response = _upload(client, data)
    assert response.status_code == 200
    assert 'class="errornote"' in response.content.decode()


def test_a_quarter_manager_can_neither_import_nor_see_the_directory(client, quarters):
    manager = make_staff("qm", "Quartiersmanagement")
    client.force_login(manager)
    assert client.get(reverse("admin:centers_streetsection_import")).status_code == 403
    assert _upload(client, GOOD.encode()).status_code == 403
    assert client.get(reverse("admin:centers_streetsection_changelist")).status_code == 403
    assert not StreetSection.objects.exists()


def test_an_editor_corrects_one_section_in_the_admin_and_overlaps_are_refused(
    client, editor, quarters
):
    make_street_section(quarters["inner"], "Fleiner Straße", number_from=1, number_to=40)
    client.force_login(editor)
    response = client.post(
        reverse("admin:centers_streetsection_add"),
        {
            "street": "Fleiner Str.",
            "number_from": "30",
            "number_to": "",
            "parity": "all",
            "postcode": "",
            "quarter": quarters["south"].pk,
        },
    )
    assert response.status_code == 200
    assert "überschneiden sich" in response.content.decode()
    assert StreetSection.objects.count() == 1


def test_confirming_twice_imports_the_same_directory_once(client, editor, quarters):
    client.force_login(editor)
    payload = _upload(client, GOOD.encode()).context["confirm_form"].initial["payload"]
    url = reverse("admin:centers_streetsection_import")
    assert client.post(url, {"payload": payload}).status_code == 302
    assert client.post(url, {"payload": payload}).status_code == 302
    assert StreetSection.objects.count() == 5


def test_a_neighbourhood_renamed_after_the_preview_stops_the_import(client, editor, quarters):
    client.force_login(editor)
    text = HEADER + "Olgastraße;;;;;Südstadt\n"
    payload = _upload(client, text.encode()).context["confirm_form"].initial["payload"]
    quarters["south"].name, quarters["south"].slug = "Süd", "sued"
    quarters["south"].save()
    response = client.post(reverse("admin:centers_streetsection_import"), {"payload": payload})
    assert response.status_code == 200
    assert "Südstadt" in response.content.decode()
    assert not StreetSection.objects.exists()
