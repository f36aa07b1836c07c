"""The production static storage keeps each name's URL: the same answer as Django's manifest storage, worked out once;
a name missing from the manifest still fails, and nothing is kept for it."""

import json

import pytest

from tribune.core.staticfiles import KEPT_URLS, ManifestStaticFilesStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"paths": {"css/site.css": "css/site.0123abcd.css"}, "version": "1.1", "hash": "x"})
    )
    return ManifestStaticFilesStorage(location=tmp_path, base_url="/static/")


def test_a_url_is_the_hashed_one_and_is_worked_out_once(storage, monkeypatch):
    first = storage.url("css/site.css")
    monkeypatch.setattr(storage, "hashed_files", {})  # were the manifest asked again, the name would be missing

    assert first == "/static/css/site.0123abcd.css"
    assert storage.url("css/site.css") == first


def test_a_name_missing_from_the_manifest_still_fails_and_is_not_kept(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
    assert "css/missing.css" not in storage._kept_urls


def test_debug_asks_the_manifest_each_time(storage, settings):
    settings.DEBUG = True

    assert storage.url("css/site.css") == "/static/css/site.css"
    assert storage._kept_urls == {}


def test_the_kept_urls_are_bounded(storage, monkeypatch):
    monkeypatch.setattr(ManifestStaticFilesStorage.__mro__[1], "url", lambda self, name, force=False: f"/s/{name}")
    for number in range(KEPT_URLS + 10):
        storage.url(f"file-{number}.css")

    assert len(storage._kept_urls) == KEPT_URLS
    assert storage.url(f"file-{KEPT_URLS + 5}.css") == f"/s/file-{KEPT_URLS + 5}.css"
