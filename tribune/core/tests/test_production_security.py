"""Production settings: `check --deploy` is clean, and the cookies Tribune sets are __Host- prefixed (Secure, Path=/,
no Domain), session, CSRF and messages alike."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

ROOT = Path(__file__).resolve().parents[3]


def run_with_production_settings(*args: str, **env) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE: set for the whole session once the browser tests have started (Playwright's loop),
    # never in a deployment.
    dropped = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    kept = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(  # noqa: S603 - this interpreter, this repository
        [sys.executable, *args],
        cwd=ROOT,
        env={
            **kept,
            "DJANGO_SETTINGS_MODULE": "tribune.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_finds_nothing_to_warn_about():
    result = run_with_production_settings("manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_check_deploy_is_silent_about_preload_only_while_it_is_off():
    result = run_with_production_settings("manage.py", "check", "--deploy", SECURE_HSTS_PRELOAD="true")

    assert result.returncode == 0, result.stderr
    assert "(0 silenced)" in result.stdout + result.stderr


def test_production_names_every_cookie_with_the_host_prefix():
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.TRIBUNE_MESSAGES_COOKIE_NAME, "
        "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SESSION_COOKIE_DOMAIN, "
        "settings.CSRF_COOKIE_DOMAIN, settings.X_FRAME_OPTIONS)"
    )

    result = run_with_production_settings("-c", code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "__Host-messages",
        "True",
        "True",
        "None",
        "None",
        "DENY",
    ]


def sets_every_cookie(request):
    get_token(request)
    request.session["seen"] = True
    messages.info(request, "Saved.")
    return HttpResponse("ok")


urlpatterns = [path("sets-cookies/", sets_every_cookie)]


@pytest.fixture
def production_cookies(settings):
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    settings.TRIBUNE_MESSAGES_COOKIE_NAME = "__Host-messages"
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    return settings


@pytest.mark.urls(__name__)
def test_each_cookie_meets_the_host_prefix_rules(client, db, production_cookies):
    response = client.get("/sets-cookies/", secure=True)

    assert set(response.cookies) == {"__Host-sessionid", "__Host-csrftoken", "__Host-messages"}
    for cookie in response.cookies.values():
        assert cookie["secure"] is True, cookie.key
        assert cookie["path"] == "/", cookie.key
        assert not cookie["domain"], cookie.key
