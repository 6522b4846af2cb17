"""`manage.py backup [--dir DIR]`: database and uploaded files into one folder with a checksum manifest."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from liujiguan.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and uploaded files (default folder: var/backups/)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.VAR_DIR / "backups"))

    def handle(self, *args, dir, **options):
        folder = backup_create(target_dir=Path(dir))
        self.stdout.write(self.style.SUCCESS(f"backup written to {folder}"))
