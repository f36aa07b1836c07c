"""A page's canonical URL may be overridden only by those who can publish the page, and only to the outlet's own hosts
(``SITE_URL``'s, the Wagtail sites') or an allow-listed one; a value stored otherwise is never rendered."""

import json
import re

import pytest

from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from wagtail.models import Site

from tribune.core.models import CANONICAL_HOST_REFUSED
from tribune.newsroom.models import ArticlePage

from .matrix import edit_form_data, world_build

FOREIGN = "https://seo-hijack.example.net/their-copy/"
OWN_HOST = "https://news.example.org/analysis/the-original/"  # SITE_URL's host in the own-host test


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield world_build()
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


def edit_with_canonical(client, world, role: str, page_name: str, canonical: str, button: str = "action-publish"):
    """Press ``button`` on the page's edit form as ``role``, with ``canonical`` typed into the canonical URL field."""
    page = getattr(world, page_name)
    data = {**edit_form_data(world, page), "canonical_url": canonical, button: button}
    client.force_login(world.people[role])
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def latest_canonical(world, page) -> str:
    return world.page(page).get_latest_revision_as_object().canonical_url


def test_a_contributors_foreign_canonical_url_is_ignored(world, db, client):
    response = edit_with_canonical(client, world, "contributor", "own_draft", FOREIGN, button="action-submit")

    assert response.status_code == 302  # saved (and submitted), with the field locked
    assert latest_canonical(world, world.own_draft) == ""


@override_settings(SITE_URL="https://news.example.org")
def test_a_contributor_cannot_set_even_an_own_host_canonical_url(world, db, client):
    edit_with_canonical(client, world, "contributor", "own_draft", OWN_HOST, button="action-submit")

    assert latest_canonical(world, world.own_draft) == ""


def test_an_editors_foreign_canonical_url_is_a_form_error(world, db, client):
    response = edit_with_canonical(client, world, "editor_a", "colleague_draft", FOREIGN)

    assert response.status_code == 200
    assert response.context["form"].errors["canonical_url"] == [str(CANONICAL_HOST_REFUSED)]
    assert not world.page(world.colleague_draft).live
    assert latest_canonical(world, world.colleague_draft) == ""


@override_settings(SITE_URL="https://news.example.org")
def test_an_editor_may_point_the_canonical_url_at_the_outlets_own_host(world, db, client):
    response = edit_with_canonical(client, world, "editor_a", "colleague_draft", OWN_HOST)

    assert response.status_code == 302
    assert world.page(world.colleague_draft).canonical_url == OWN_HOST


@override_settings(TRIBUNE_CANONICAL_ALLOWED_HOSTS=["partner.example.org"])
def test_an_editor_may_use_an_allow_listed_host(world, db, client):
    response = edit_with_canonical(client, world, "editor_a", "colleague_draft", "https://partner.example.org/story/")

    assert response.status_code == 302
    assert world.page(world.colleague_draft).canonical_url == "https://partner.example.org/story/"


def test_a_stored_foreign_canonical_url_is_not_rendered(world, db, client):
    ArticlePage.objects.filter(pk=world.published.pk).update(canonical_url=FOREIGN)
    article = world.page(world.published)

    html = client.get(article.url).content.decode()

    assert FOREIGN not in html
    assert f'<link rel="canonical" href="{article.full_url}">' in html
    structured = [
        json.loads(found) for found in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    assert [data["mainEntityOfPage"] for data in structured if "mainEntityOfPage" in data] == [article.full_url]
