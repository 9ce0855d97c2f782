import stat

import pytest
from django.core.management import call_command
from django.db import connection

from centers.models import Centre, Document
from tests.factories import make_centre, make_document


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_database_and_the_media_files(tmp_path, settings):
    centre = make_centre(name="Quartierszentrum Böckingen", slug="boeckingen")
    document = make_document(centre)
    stored_file = document.file.path
    call_command("backup", target=str(tmp_path / "backup"))

    Centre.objects.all().delete()
    (settings.MEDIA_ROOT / document.file.name).unlink()
    assert not Centre.objects.exists()

    call_command("restore", str(tmp_path / "backup"), yes=True)

    restored = Document.objects.get()
    assert restored.centre.slug == "boeckingen"
    with open(stored_file, "rb") as restored_file:
        assert restored_file.read().startswith(b"%PDF-")
    if connection.vendor == "postgresql":  # with the planner's statistics, not as if empty
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables "
                "WHERE relname = 'centers_centre'"
            )
            assert cursor.fetchone() == (True,)


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_and_changes_nothing(tmp_path):
    make_centre(slug="kept")
    call_command("backup", target=str(tmp_path / "backup"))
    with open(tmp_path / "backup" / "media.tar.gz", "ab") as archive:
        archive.write(b"tampered")
    make_centre(slug="added-after-backup")

    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(tmp_path / "backup"), yes=True)
    assert Centre.objects.filter(slug="added-after-backup").exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_can_be_read_by_its_owner_only(tmp_path):
    make_centre(slug="secret-keeper")
    target = tmp_path / "backups" / "today"
    call_command("backup", target=str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    files = list(target.iterdir())
    assert {path.name for path in files} >= {"manifest.json", "media.tar.gz"}
    assert {stat.S_IMODE(path.stat().st_mode) for path in files} == {0o600}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", [".", "manifest.json", "media.tar.gz"])
def test_a_backup_others_could_have_changed_is_refused(tmp_path, name):
    from django.core.management.base import CommandError

    make_centre(slug="kept")
    target = tmp_path / "backup"
    call_command("backup", target=str(target))
    (target / name).chmod(0o777 if name == "." else 0o666)
    make_centre(slug="added-after-backup")

    with pytest.raises(CommandError, match="other users"):
        call_command("restore", str(target), yes=True)
    assert Centre.objects.filter(slug="added-after-backup").exists()
