"""Backups of the database and the media files, and restoring them.

A backup is one directory holding three parts:

- the database: PostgreSQL through ``pg_dump -Fc`` (``database.pgdump``), SQLite through its online backup API
  (``database.sqlite3``); both are a consistent snapshot taken while the site runs and writes;
- ``media.tar``: every file under ``MEDIA_ROOT`` (images are compressed already; the tar is not);
- ``manifest.json``: when it was made, the engine, Tribune's migration state and each table's row count, all read
  from the same snapshot as the dump, and the SHA-256 of each part.

The database is read first, then the media: a file the database refers to was written whole before its row was
committed (``core.uploads``), so it is on disk when the media are read. Files added after the snapshot are kept too,
unreferenced and harmless.

``backup_restore`` checks every part's checksum before it touches anything, refuses a backup of another engine (a
``pg_dump`` cannot become a SQLite file, nor the reverse) or one made by code with migrations this code does not
have (unless told), replaces the database and the media, and then forgets every cache
(``operations.caches.forget_everything``), so the restored site never serves a page from after the backup.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA_PART = "media.tar"
DATABASE_PARTS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
FORMAT = 1
# Files the storage is still writing (core.uploads.AtomicFileSystemStorage): never part of a backup.
PARTIAL_FILE = re.compile(r"^\.partial-")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made, or a backup that must not be restored; the message says why."""


# Reading a database


@dataclass
class Snapshot:
    tables: dict[str, int]
    migrations: dict[str, list[str]]


def _migrations(rows) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in rows:
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _sqlite_snapshot(connection: sqlite3.Connection) -> Snapshot:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    quote = '"{}"'.format
    tables = {name: connection.execute(f"SELECT count(*) FROM {quote(name)}").fetchone()[0] for name in names}  # noqa: S608 - names from the catalogue
    migrations = _migrations(connection.execute("SELECT app, name FROM django_migrations")) if names else {}
    return Snapshot(tables=tables, migrations=migrations)


def _postgres_snapshot(cursor) -> Snapshot:
    from psycopg import sql

    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    names = [row[0] for row in cursor.fetchall()]
    tables = {}
    for name in names:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name)))
        tables[name] = cursor.fetchone()[0]
    migrations = {}
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations")
        migrations = _migrations(cursor.fetchall())
    return Snapshot(tables=tables, migrations=migrations)


def engine_of(settings_dict: dict) -> str:
    engine = settings_dict["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")


# PostgreSQL


def _postgres_connect_kwargs(settings_dict: dict) -> dict:
    kwargs = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
    }
    options = dict(settings_dict.get("OPTIONS") or {})
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        if key in options:
            kwargs[key] = options[key]
    return {key: value for key, value in kwargs.items() if value is not None}


def _postgres_environment(settings_dict: dict) -> dict:
    """libpq's variables for pg_dump and pg_restore: the password never appears on a command line."""
    names = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD", "dbname": "PGDATABASE"}
    names |= {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY"}
    environment = dict(os.environ)
    for key, value in _postgres_connect_kwargs(settings_dict).items():
        environment[names[key]] = str(value)
    return environment


def _postgres_connect(settings_dict: dict, **kwargs):
    import psycopg

    return psycopg.connect(**_postgres_connect_kwargs(settings_dict), **kwargs)


def _tool_major(path: str) -> int:
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    found = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(found.group(1)) if found else 0


def postgres_tool(name: str, server_major: int) -> str:
    """``pg_dump`` or ``pg_restore`` at least as new as the server: a client older than its server refuses to dump
    it. ``TRIBUNE_POSTGRES_BIN_DIR`` names the directory to use; otherwise Debian's per-version directory for the
    server's version, then ``PATH``."""
    candidates = []
    configured = getattr(settings, "TRIBUNE_POSTGRES_BIN_DIR", "")
    if configured:
        candidates.append(os.path.join(configured, name))
    candidates.append(f"/usr/lib/postgresql/{server_major}/bin/{name}")
    on_path = shutil.which(name)
    if on_path:
        candidates.append(on_path)
    found_versions = []
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            major = _tool_major(candidate)
            if major >= server_major:
                return candidate
            found_versions.append(f"{candidate} is version {major}")
    found = "; ".join(found_versions) or f"no {name} found"
    raise BackupError(
        f"{name} {server_major} or newer is needed for this PostgreSQL {server_major} server ({found}). Install the "
        f"PostgreSQL {server_major} client tools or set TRIBUNE_POSTGRES_BIN_DIR to their directory."
    )


def _run(command: list[str], environment: dict, what: str) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True)  # noqa: S603 - fixed tools
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip() or result.stdout.strip()}")


def _postgres_dump(settings_dict: dict, destination: Path) -> Snapshot:
    """Dump the database as of one snapshot, and read the row counts and migrations from that same snapshot: the
    snapshot is exported from a repeatable-read transaction that stays open while pg_dump uses it."""
    import psycopg

    with _postgres_connect(settings_dict, autocommit=True) as connection:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        with connection.transaction(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version_num')::int / 10000")
            snapshot_id, server_major = cursor.fetchone()
            snapshot = _postgres_snapshot(cursor)
            pg_dump = postgres_tool("pg_dump", server_major)
            _run(
                [pg_dump, "--format=custom", f"--snapshot={snapshot_id}", f"--file={destination}"],
                _postgres_environment(settings_dict),
                "pg_dump",
            )
    return snapshot


def _postgres_restore(settings_dict: dict, part: Path, keep_tables: set[str]) -> None:
    """Drop the tables the backup does not have (made by later migrations), then let pg_restore replace the rest in
    one transaction: an error leaves the database as it was."""
    from psycopg import sql

    with _postgres_connect(settings_dict, autocommit=True) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int / 10000")
        server_major = cursor.fetchone()[0]
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
        extra = sorted({row[0] for row in cursor.fetchall()} - keep_tables)
        if extra:
            cursor.execute(
                sql.SQL("DROP TABLE IF EXISTS {} CASCADE").format(sql.SQL(", ").join(map(sql.Identifier, extra)))
            )
    pg_restore = postgres_tool("pg_restore", server_major)
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings_dict['NAME']}",
            str(part),
        ],
        _postgres_environment(settings_dict),
        "pg_restore",
    )


def read_snapshot(settings_dict: dict, *, connection=None) -> Snapshot:
    """Row counts and migrations of a database as it is now (a restored one, to compare with its manifest)."""
    if engine_of(settings_dict) == "sqlite":
        if connection is not None:
            return _sqlite_snapshot(connection)
        with sqlite3.connect(settings_dict["NAME"]) as own:
            return _sqlite_snapshot(own)
    with _postgres_connect(settings_dict) as own, own.cursor() as cursor:
        return _postgres_snapshot(cursor)


# Files


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _tar_media(media_root: Path, destination: Path) -> int:
    count = 0
    with tarfile.open(destination, "w") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not PARTIAL_FILE.match(path.name):
                    archive.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
                    count += 1
    return count


def _untar_media(part: Path, media_root: Path) -> None:
    """Extract beside the current files, then swap them: the media are either the old set or the restored one."""
    media_root.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=".restoring-", dir=media_root))
    try:
        with tarfile.open(part) as archive:
            archive.extractall(incoming, filter="data")  # no absolute paths, no "..", no links out
        for entry in list(media_root.iterdir()):
            if entry != incoming:
                shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        for entry in list(incoming.iterdir()):
            entry.rename(media_root / entry.name)
    finally:
        shutil.rmtree(incoming, ignore_errors=True)


# Backing up


def backup_create(*, destination: Path, using: str = "default", media: bool = True) -> Path:
    """Write a backup into a new directory under ``destination`` and return that directory."""
    connection = connections[using]
    engine = engine_of(connection.settings_dict)
    created = timezone.now()
    directory = Path(destination) / f"tribune-backup-{created:%Y%m%dT%H%M%S%fZ}"
    directory.mkdir(parents=True)
    database_part = directory / DATABASE_PARTS[engine]
    if engine == "postgresql":
        snapshot = _postgres_dump(connection.settings_dict, database_part)
    else:
        connection.ensure_connection()
        with sqlite3.connect(database_part) as copy:
            # The online backup API copies a consistent image of the database, writers or not.
            connection.connection.backup(copy)
            snapshot = _sqlite_snapshot(copy)
        copy.close()
    parts = {database_part.name: database_part}
    media_files = None
    if media:
        media_part = directory / MEDIA_PART
        media_files = _tar_media(Path(settings.MEDIA_ROOT), media_part)
        parts[media_part.name] = media_part
    manifest = {
        "format": FORMAT,
        "created": created.isoformat(),
        "database": {"engine": engine, "part": database_part.name},
        "media": {"part": MEDIA_PART, "files": media_files} if media else None,
        "migrations": snapshot.migrations,
        "tables": snapshot.tables,
        "parts": {name: {"sha256": sha256_of(path), "bytes": path.stat().st_size} for name, path in parts.items()},
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return directory


# Restoring


def backup_verify(source: Path) -> dict:
    """The backup's manifest, once every part it lists is present with its recorded size and checksum."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{source} is not a Tribune backup: it has no {MANIFEST}.") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{source / MANIFEST} is damaged: it is not readable JSON ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or "parts" not in manifest:
        raise BackupError(f"{source / MANIFEST} is not a manifest this version of Tribune can read.")
    for name, expected in manifest["parts"].items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"The backup is incomplete: {name} is missing.")
        if path.stat().st_size != expected["bytes"] or sha256_of(path) != expected["sha256"]:
            raise BackupError(f"The backup is damaged: {name} does not match its checksum in the manifest.")
    if manifest["database"]["part"] not in manifest["parts"]:
        raise BackupError("The backup is incomplete: its manifest lists no database part.")
    return manifest


def unknown_migrations(manifest: dict) -> list[str]:
    """Migrations the backup's database had that this code does not know (a backup of a newer release)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(
        f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names if (app, name) not in known
    )


def backup_restore(
    *,
    source: Path,
    using: str = "default",
    media: bool = True,
    allow_unknown_migrations: bool = False,
    forget_caches: bool = True,
) -> dict:
    """Replace the database (and the media) with the backup's, then forget every cache; returns the manifest."""
    source = Path(source)
    manifest = backup_verify(source)
    connection = connections[using]
    engine = engine_of(connection.settings_dict)
    if manifest["database"]["engine"] != engine:
        raise BackupError(
            f"This is a backup of a {manifest['database']['engine']} database and this site runs on {engine}: a "
            "database dump can only be restored into the engine it came from."
        )
    unknown = unknown_migrations(manifest)
    if unknown and not allow_unknown_migrations:
        raise BackupError(
            "The backup was made by a newer release of Tribune (this code lacks its migrations "
            f"{', '.join(unknown[:5])}{'…' if len(unknown) > 5 else ''}); install that release first, or restore "
            "anyway with --allow-unknown-migrations."
        )
    if media and not manifest.get("media"):
        raise BackupError("This backup holds no media files; restore without them (--no-media) or choose another.")

    part = source / manifest["database"]["part"]
    if engine == "postgresql":
        connection.close()  # its tables are about to be dropped and made again
        _postgres_restore(connection.settings_dict, part, set(manifest["tables"]))
        restored = read_snapshot(connection.settings_dict)
    else:
        connection.ensure_connection()
        with sqlite3.connect(part) as backup:
            backup.backup(connection.connection)
        backup.close()
        restored = _sqlite_snapshot(connection.connection)
    if restored.tables != manifest["tables"]:
        differing = sorted(
            name
            for name in set(restored.tables) | set(manifest["tables"])
            if restored.tables.get(name) != manifest["tables"].get(name)
        )
        raise BackupError(f"The restored database does not match the manifest's row counts: {', '.join(differing)}.")
    if media:
        _untar_media(source / manifest["media"]["part"], Path(settings.MEDIA_ROOT))
    if forget_caches:
        from .caches import forget_everything

        forget_everything()
    return manifest
