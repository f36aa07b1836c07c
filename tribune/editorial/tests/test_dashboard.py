"""The admin home page: each role's own work and queue."""

import re

import pytest

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory, make_article, make_contributor
from tribune.contributors.models import Contributor
from tribune.editorial.roles import role_assign
from tribune.editorial.selectors import contributor_dashboard
from tribune.newsroom.models import ArticleByline, ArticlePage


def dashboard_list(html: str, name: str) -> str:
    """The text of one list of the "My pieces" panel ("" when the panel shows no such list)."""
    found = re.search(rf'data-tribune-dashboard="{name}">(.*?)</ul>', html, re.S)
    return found.group(1) if found else ""


@pytest.fixture
def author(section, editor):
    """A contributor whose expert profile is linked to their account, as the demo's ``contributor`` is."""
    user = UserFactory(username="amara")
    role_assign(user=user, role="contributor", sections=[section])
    profile = make_contributor(name="Amara Dashboard", slug="amara-dashboard")
    Contributor.objects.filter(pk=profile.pk).update(user=user)
    profile.refresh_from_db()
    return user, profile


def bylined_draft(section, *, profile, owner, title: str) -> ArticlePage:
    draft = ArticlePage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        standfirst="Not out yet.",
        owner=owner,
        live=False,
        bylines=[ArticleByline(contributor=profile, sort_order=0)],
    )
    section.add_child(instance=draft)
    draft.save_revision(user=owner)
    return draft


def test_my_pieces_lists_the_published_articles_bylined_to_the_authors_profile(client, section, author):
    user, profile = author
    # Published by the newsroom for the expert: bylined to their profile, owned by nobody (as the demo loads them).
    bylined = [make_article(section, title=f"Bylined piece {n}", contributors=[profile]) for n in range(3)]
    someone_elses = make_article(section, title="Someone else's piece")
    client.force_login(user)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    published = dashboard_list(html, "published")
    assert all(piece.title in published for piece in bylined)
    assert someone_elses.title not in published
    assert "Nothing published yet" not in html


def test_a_draft_bylined_to_the_author_but_kept_by_an_editor_is_listed_without_a_link_to_its_editor(
    client, section, author, editor
):
    user, profile = author
    editors_draft = bylined_draft(section, profile=profile, owner=editor, title="Draft the editor keeps")
    own_draft = bylined_draft(section, profile=profile, owner=user, title="Draft the author owns")
    client.force_login(user)

    drafts = dashboard_list(client.get(reverse("wagtailadmin_home")).content.decode(), "drafts")

    assert "Draft the editor keeps" in drafts and "Draft the author owns" in drafts
    assert reverse("wagtailadmin_pages:edit", args=[own_draft.pk]) in drafts
    assert reverse("wagtailadmin_pages:edit", args=[editors_draft.pk]) not in drafts


def my_pieces_queries(user) -> int:
    user = type(user).objects.get(pk=user.pk)  # a fresh copy: no permissions cached from an earlier request
    with CaptureQueriesContext(connection) as queries:
        render_to_string("editorial/dashboard/my_pieces.html", contributor_dashboard(user))
    return len(queries)


def test_my_pieces_costs_the_same_queries_for_one_piece_or_many(section, author, editor):
    user, profile = author
    make_article(section, contributors=[profile])
    bylined_draft(section, profile=profile, owner=editor, title="First draft")
    few = my_pieces_queries(user)

    for n in range(8):
        make_article(section, contributors=[profile])
        bylined_draft(section, profile=profile, owner=editor if n % 2 else user, title=f"Draft {n}")
    many = my_pieces_queries(user)

    assert many == few, f"{few} queries with 2 pieces, {many} with 18"
