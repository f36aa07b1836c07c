"""``manage.py backup`` and ``restore``: a round trip on the database the suite runs on (SQLite under ``make test``,
PostgreSQL with ``DATABASE_URL`` in CI), so CI round-trips both engines.

These tests commit (``transaction=True``): ``pg_dump`` is another process and only sees committed rows. The rows
the migrations made are put back after each test (``serialized_rollback``)."""

import hashlib
import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from tests.browser.conftest import _migration_rows_put_back  # noqa: F401 - these tests commit, then flush
from tests.factories import make_article, make_image
from tribune.delivery import page_cache
from tribune.delivery.page_cache import HEADER
from tribune.newsroom.models import ArticlePage
from tribune.operations import backups
from tribune.operations.backups import BackupError, backup_create, backup_restore

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


# What a database and the media hold, to compare before and after


POSTGRES_TABLE_DIGEST = "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {} t"
SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"


def _postgres_digests(cursor) -> dict[str, tuple[int, str]]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
    )
    digests = {}
    for (name,) in cursor.fetchall():
        cursor.execute(POSTGRES_TABLE_DIGEST.format(connection.ops.quote_name(name)))
        digests[name] = tuple(cursor.fetchone())
    return digests


def _sqlite_digests(raw) -> dict[str, tuple[int, str]]:
    digests = {}
    for (name,) in raw.execute(SQLITE_TABLES).fetchall():
        rows = sorted(repr(row) for row in raw.execute(f'SELECT * FROM "{name}"'))  # noqa: S608
        digests[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return digests


def table_digests() -> dict[str, tuple[int, str]]:
    """Each table's row count and a digest of its rows in a stable order, as the site's database holds them."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            return _postgres_digests(cursor)
    # A connection of its own, without the type conversions Django's makes: the values exactly as stored.
    with sqlite3.connect(connection.settings_dict["NAME"], uri=True) as own:
        return _sqlite_digests(own)


def postgres_digests(settings_dict) -> dict[str, tuple[int, str]]:
    with backups._postgres_connect(settings_dict) as own, own.cursor() as cursor:
        return _postgres_digests(cursor)


def media_digests() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)): backups.sha256_of(p) for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    Path(settings.MEDIA_ROOT).mkdir()
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def backup_dir(tmp_path):
    directory = tmp_path / "backups"
    directory.mkdir()
    return directory


@pytest.fixture
def content(section, media_root):
    image = make_image()
    article = make_article(section, title="Harbour reopens after the storm", lead_image=image)
    return article, image


# The round trip


def test_a_restore_brings_back_the_database_and_media_as_they_were(content, backup_dir):
    article, image = content
    before_tables, before_media = table_digests(), media_digests()
    assert any(name.startswith("original_images/") for name in before_media)

    backup = backup_create(destination=backup_dir)

    # Everything changes after the backup: a new article and image, one deleted, a file gone from the disk.
    make_article(article.get_parent(), title="Written after the backup")
    make_image()
    Path(image.file.path).unlink()
    ArticlePage.objects.filter(pk=article.pk).delete()
    assert table_digests() != before_tables

    manifest = backup_restore(source=backup)

    assert table_digests() == before_tables
    assert media_digests() == before_media
    assert ArticlePage.objects.get(pk=article.pk).title == "Harbour reopens after the storm"
    assert manifest["tables"] == {name: count for name, (count, _) in before_tables.items()}


def test_the_manifest_records_time_engine_migrations_counts_and_checksums(content, backup_dir):
    backup = backup_create(destination=backup_dir)
    manifest = json.loads((backup / backups.MANIFEST).read_text())

    assert manifest["database"]["engine"] == ("postgresql" if connection.vendor == "postgresql" else "sqlite")
    assert "0001_initial" in manifest["migrations"]["media"]
    assert manifest["tables"]["newsroom_articlepage"] == ArticlePage.objects.count() == 1
    assert manifest["media"]["files"] == len(media_digests())
    for name, part in manifest["parts"].items():
        assert backups.sha256_of(backup / name) == part["sha256"]
    assert set(manifest["parts"]) == {manifest["database"]["part"], backups.MEDIA_PART}


def test_a_backup_restores_into_a_second_database(content, backup_dir, tmp_path):
    before = table_digests()
    backup = backup_create(destination=backup_dir)
    manifest = backups.backup_verify(backup)
    part = backup / manifest["database"]["part"]

    if connection.vendor == "postgresql":
        second = {**connection.settings_dict, "NAME": f"{connection.settings_dict['NAME']}_restored"}
        with backups._postgres_connect(connection.settings_dict, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{second["NAME"]}"')
            admin.execute(f'CREATE DATABASE "{second["NAME"]}"')
        try:
            backups._postgres_restore(second, part, set(manifest["tables"]))
            assert backups.read_snapshot(second).tables == manifest["tables"]
            assert postgres_digests(second) == before
        finally:
            with backups._postgres_connect(connection.settings_dict, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{second["NAME"]}"')
    else:
        second = tmp_path / "restored.sqlite3"
        with sqlite3.connect(part) as source, sqlite3.connect(second) as target:
            source.backup(target)
        with sqlite3.connect(second) as target:
            assert (
                backups.read_snapshot({"ENGINE": "django.db.backends.sqlite3", "NAME": str(second)}).tables
                == (manifest["tables"])
            )
            assert _sqlite_digests(target) == before


def test_a_backup_taken_while_readers_sign_up_is_one_consistent_moment(db, backup_dir, media_root):
    """A writer commits a user and their email address together, again and again, while the backup runs: the backup
    holds whole sign-ups only, and its manifest's counts are those of its dump."""
    stop = threading.Event()
    written = []

    def sign_up_readers():
        try:
            while not stop.is_set():
                name = f"writer-{uuid.uuid4().hex[:10]}"
                try:
                    with transaction.atomic():
                        user = get_user_model().objects.create_user(username=name, email=f"{name}@example.org")
                        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
                except Exception:  # noqa: BLE001 - SQLite's shared in-memory test database may be busy: try again
                    time.sleep(0.01)
                    continue
                written.append(name)
        finally:
            connections.close_all()

    writer = threading.Thread(target=sign_up_readers)
    writer.start()
    try:
        deadline = time.monotonic() + 30
        while len(written) < 5 and time.monotonic() < deadline:
            time.sleep(0.01)
        backup = backup_create(destination=backup_dir)
    finally:
        stop.set()
        writer.join()
    assert len(written) >= 5

    backup_restore(source=backup)  # it checks the restored row counts against the manifest's

    users = get_user_model().objects.filter(username__startswith="writer-")
    addresses = EmailAddress.objects.filter(user__username__startswith="writer-")
    assert users.count() >= 5
    assert users.count() == addresses.count()
    assert set(users.values_list("username", flat=True)) <= set(written)


# Caches


def test_a_page_cached_before_the_restore_is_not_served_after(client, content, backup_dir, settings):
    settings.TRIBUNE_PAGE_CACHE_SECONDS = 600
    settings.TRIBUNE_PAGE_CACHE_RECHECK_SECONDS = 0
    page_cache.local.clear()
    article, _ = content
    backup = backup_create(destination=backup_dir)

    article.title = "A headline written after the backup"
    article.save_revision().publish()
    # The first request creates the site's settings rows, and saving those forgets the whole site once.
    client.get(article.url)
    client.get(article.url)
    stored = client.get(article.url)
    assert stored[HEADER] == "hit"
    assert "A headline written after the backup" in stored.content.decode()

    backup_restore(source=backup)

    served = client.get(article.url)
    assert served[HEADER] == "miss"
    assert "Harbour reopens after the storm" in served.content.decode()
    assert "A headline written after the backup" not in served.content.decode()
    page_cache.local.clear()


# Refusals


def test_a_damaged_part_is_refused_before_anything_is_touched(content, backup_dir):
    article, _ = content
    backup = backup_create(destination=backup_dir)
    manifest = backups.backup_verify(backup)
    part = backup / manifest["database"]["part"]
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    make_article(article.get_parent(), title="Still here after the refusal")

    with pytest.raises(CommandError, match=r"damaged: database\.\w+ does not match its checksum"):
        call_command("restore", str(backup), "--noinput")

    assert ArticlePage.objects.filter(title="Still here after the refusal").exists()


def test_a_missing_part_or_manifest_is_refused(content, backup_dir):
    backup = backup_create(destination=backup_dir)
    (backup / backups.MEDIA_PART).unlink()
    with pytest.raises(BackupError, match="incomplete: media.tar is missing"):
        backup_restore(source=backup)
    (backup / backups.MANIFEST).write_text("{not json")
    with pytest.raises(BackupError, match="damaged: it is not readable JSON"):
        backup_restore(source=backup)
    (backup / backups.MANIFEST).unlink()
    with pytest.raises(BackupError, match="not a Tribune backup"):
        backup_restore(source=backup)


def test_a_backup_of_another_engine_is_refused(content, backup_dir):
    backup = backup_create(destination=backup_dir)
    manifest = json.loads((backup / backups.MANIFEST).read_text())
    manifest["database"]["engine"] = "sqlite" if manifest["database"]["engine"] == "postgresql" else "postgresql"
    (backup / backups.MANIFEST).write_text(json.dumps(manifest))

    with pytest.raises(BackupError, match="can only be restored into the engine it came from"):
        backup_restore(source=backup)


def test_a_backup_from_a_newer_release_is_refused_unless_allowed(content, backup_dir):
    backup = backup_create(destination=backup_dir)
    manifest = json.loads((backup / backups.MANIFEST).read_text())
    manifest["migrations"]["media"].append("9999_from_the_future")
    (backup / backups.MANIFEST).write_text(json.dumps(manifest))

    with pytest.raises(BackupError, match="media.9999_from_the_future"):
        backup_restore(source=backup)
    backup_restore(source=backup, allow_unknown_migrations=True)


def test_the_commands_back_up_check_and_restore(content, backup_dir, capsys):
    call_command("backup", str(backup_dir))
    (backup,) = backup_dir.iterdir()
    assert capsys.readouterr().out.strip() == str(backup)
    call_command("restore", str(backup), "--check")
    assert "every part matches its checksum" in capsys.readouterr().out
    call_command("restore", str(backup), "--noinput")
    assert "every cache forgotten" in capsys.readouterr().out
