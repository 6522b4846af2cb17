"""`manage.py restore FOLDER`: put back the database and uploaded files of a backup, then check them."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from liujiguan.backup import backup_restore, media_files, row_counts


class Command(BaseCommand):
    help = "Restore a backup folder made by `manage.py backup` (replaces the current database and uploads)."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, folder, yes, **options):
        folder = Path(folder)
        if not (folder / "manifest.json").exists():
            raise CommandError(f"{folder} is not a backup folder (no manifest.json)")
        if not yes and input("This replaces the current database and uploads. Type yes: ").strip() != "yes":
            raise CommandError("cancelled")
        manifest = backup_restore(folder=folder)
        if row_counts() != manifest["rows"] or media_files() != manifest["media"]:
            raise CommandError("restored data does not match the backup's manifest")
        self.stdout.write(self.style.SUCCESS(f"restored {folder}: rows and files match the manifest"))
