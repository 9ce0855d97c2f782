import pytest
from django.core.management import call_command

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
