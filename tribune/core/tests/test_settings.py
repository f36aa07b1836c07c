"""Production settings refuse unsafe configuration; configuration comes from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SAFE_KEY = "x" * 50


def load_settings(module: str, **env) -> subprocess.CompletedProcess:
    code = (
        "import django, os; from django.conf import settings; django.setup(); "
        "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'], settings.CACHES['default']['BACKEND'], "
        "settings.ALLOWED_HOSTS, settings.EMAIL_BACKEND)"
    )
    clean_env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean_env, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_debug():
    result = load_settings("tribune.settings.production", DEBUG="true", SECRET_KEY=SAFE_KEY)

    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


@pytest.mark.parametrize("key", [None, "short"])
def test_production_refuses_the_default_or_a_weak_secret_key(key):
    env = {"SECRET_KEY": key} if key else {}

    result = load_settings("tribune.settings.production", **env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_reads_database_cache_hosts_and_email_from_the_environment():
    result = load_settings(
        "tribune.settings.production",
        SECRET_KEY=SAFE_KEY,
        DATABASE_URL="postgres://tribune@db.internal:5432/tribune",
        REDIS_URL="redis://cache.internal:6379/1",
        ALLOWED_HOSTS="news.example.org,www.news.example.org",
        EMAIL_HOST="smtp.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "False django.db.backends.postgresql tribune.core.cache.ReusingRedisCache" in result.stdout
    assert "['news.example.org', 'www.news.example.org']" in result.stdout
    assert "smtp.EmailBackend" in result.stdout


def test_defaults_need_no_server():
    result = load_settings("tribune.settings.dev")

    assert result.returncode == 0, result.stderr
    assert "True django.db.backends.sqlite3 django.core.cache.backends.locmem.LocMemCache" in result.stdout


def test_a_django_log_line_is_printed_once_in_development(settings, capsys):
    """runserver printed every "Not Found: /x/" twice: Django's console handler and the root's both took it."""
    import logging

    from django.utils.log import configure_logging

    from tribune.settings import base

    settings.DEBUG = True  # Django's console handler prints only with DEBUG on
    try:
        configure_logging("logging.config.dictConfig", base.LOGGING)
        logging.getLogger("django.request").warning("Not Found: /no-such-page/")
        assert capsys.readouterr().err.count("Not Found: /no-such-page/") == 1
    finally:
        configure_logging("logging.config.dictConfig", settings.LOGGING)
