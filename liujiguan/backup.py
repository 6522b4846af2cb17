"""Back up and restore the database and uploaded files as one archive folder (with a manifest of checksums)."""

import hashlib
import json
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone


def _database():
    return settings.DATABASES["default"]


def _is_postgres() -> bool:
    return _database()["ENGINE"].endswith("postgresql")


def _pg_env():
    db = _database()
    env = {"PGPASSWORD": str(db.get("PASSWORD") or "")}
    return env


def _pg_args():
    db = _database()
    return [
        f"--host={db.get('HOST') or '127.0.0.1'}",
        f"--port={db.get('PORT') or 5432}",
        f"--username={db.get('USER') or 'postgres'}",
        f"--dbname={db['NAME']}",
    ]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files() -> dict[str, str]:
    """Relative path → sha256 of every uploaded file."""
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): _sha256(p) for p in sorted(root.rglob("*")) if p.is_file()}


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models() if model._meta.managed}


def backup_create(*, target_dir: Path) -> Path:
    """Write database.dump (or database.sqlite3), media.tar.gz and manifest.json into a new folder."""
    folder = Path(target_dir) / timezone.localtime().strftime("backup-%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=False)
    if _is_postgres():
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={folder / 'database.dump'}",
                *_pg_args(),
            ],
            check=True,
            env={**_pg_env(), "PATH": "/usr/bin:/bin:/usr/local/bin"},
        )
    else:
        source = sqlite3.connect(_database()["NAME"])
        with sqlite3.connect(folder / "database.sqlite3") as target:
            source.backup(target)
        source.close()
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        root = Path(settings.MEDIA_ROOT)
        if root.exists():
            archive.add(root, arcname="media")
    manifest = {"created": timezone.now().isoformat(), "rows": row_counts(), "media": media_files()}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


def backup_restore(*, folder: Path) -> dict:
    """Replace the database and the uploaded files with the backup's; returns the manifest."""
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    connections.close_all()
    if _is_postgres():
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        connections.close_all()
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                *_pg_args(),
                str(folder / "database.dump"),
            ],
            check=True,
            env={**_pg_env(), "PATH": "/usr/bin:/bin:/usr/local/bin"},
        )
    else:
        shutil.copyfile(folder / "database.sqlite3", _database()["NAME"])
    root = Path(settings.MEDIA_ROOT)
    if root.exists():
        shutil.rmtree(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / "media.tar.gz", "r:gz") as archive:
        archive.extractall(root.parent / ".restore-tmp", filter="data")
    extracted = root.parent / ".restore-tmp" / "media"
    if extracted.exists():
        shutil.move(str(extracted), str(root))
    else:
        root.mkdir(parents=True)
    shutil.rmtree(root.parent / ".restore-tmp", ignore_errors=True)
    return manifest
