"""Backup and restore round trip: every record and every uploaded file comes back, byte for byte."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from leadership.models import Department
from liujiguan.backup import backup_create, backup_restore, media_files, row_counts


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_round_trip(org, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    default_storage.__init__()  # the storage reads MEDIA_ROOT when built
    payload = bytes(range(256)) * 40
    default_storage.save("evidence/2026/证明材料.pdf", ContentFile(payload))
    default_storage.save("receipts/发票.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"x" * 100))
    rows_before, files_before = row_counts(), media_files()
    names_before = sorted(Department.objects.values_list("name", flat=True))

    folder = backup_create(target_dir=tmp_path / "backups")

    call_command("flush", "--noinput")
    for name in list(files_before):
        default_storage.delete(name)
    assert Department.objects.count() == 0 and media_files() == {}

    backup_restore(folder=folder)

    assert row_counts() == rows_before
    assert media_files() == files_before
    assert sorted(Department.objects.values_list("name", flat=True)) == names_before
    with default_storage.open("evidence/2026/证明材料.pdf") as handle:
        assert handle.read() == payload


@pytest.mark.django_db(transaction=True)
def test_restore_command_checks_the_manifest(org, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = backup_create(target_dir=tmp_path / "backups")
    call_command("restore", str(folder), "--yes")
    assert Department.objects.filter(name=org.dept_a.name).exists()
