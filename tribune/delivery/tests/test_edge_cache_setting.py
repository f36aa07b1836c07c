"""TRIBUNE_EDGE_CACHE_URL names the edge caches Tribune purges: one URL, or several separated by commas."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def frontend_caches(value: str | None) -> dict:
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        "print(json.dumps(getattr(settings, 'WAGTAILFRONTENDCACHE', {})))"
    )
    env = {k: v for k, v in os.environ.items() if k != "TRIBUNE_EDGE_CACHE_URL"}
    if value is not None:
        env["TRIBUNE_EDGE_CACHE_URL"] = value
    result = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "tribune.settings.base"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


HTTP_BACKEND = "wagtail.contrib.frontend_cache.backends.HTTPBackend"


@pytest.mark.parametrize("value", [None, "", " , "])
def test_no_edge_cache_by_default(value):
    assert frontend_caches(value) == {}


def test_one_edge_cache():
    assert frontend_caches("http://127.0.0.1:6081") == {
        "edge": {"BACKEND": HTTP_BACKEND, "LOCATION": "http://127.0.0.1:6081"}
    }


def test_each_of_several_edge_caches_is_purged():
    assert frontend_caches("http://127.0.0.1:6081, http://10.0.0.7:6081,") == {
        "edge": {"BACKEND": HTTP_BACKEND, "LOCATION": "http://127.0.0.1:6081"},
        "edge-2": {"BACKEND": HTTP_BACKEND, "LOCATION": "http://10.0.0.7:6081"},
    }
