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
from tribune.editorial.selectors import contributor_dashboard, editor_queue
from tribune.editorial.services import pitch_decline, pitch_submit
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


# The editor's queue ------------------------------------------------------------------------------------------------


@pytest.fixture
def newsroom(section, other_section):
    """Two sections, an editor for each, a chief editor, and one contributor writing in both."""
    people = {name: UserFactory(username=f"queue-{name}") for name in ("writer", "desk_a", "desk_b", "chief")}
    role_assign(user=people["writer"], role="contributor", sections=[section, other_section])
    role_assign(user=people["desk_a"], role="editor", sections=[section])
    role_assign(user=people["desk_b"], role="editor", sections=[other_section])
    role_assign(user=people["chief"], role="chief")
    return people


def pitch(section, author, title: str):
    return pitch_submit(
        author=author,
        working_title=title,
        summary="What it says.",
        angle="Why us.",
        why_now="Why now.",
        section=section,
        expected_length=1200,
    )


def in_review(section, author, title: str) -> ArticlePage:
    draft = bylined_draft(section, profile=make_contributor(), owner=author, title=title)
    draft.get_workflow().start(draft, author)
    return draft


def queue_counts(client, user) -> dict:
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    counts = dict(re.findall(r'data-tribune-queue-count="(\w+)">(?:<a href="[^"]*">)?(\d+|No)', html))
    links = re.findall(r'data-tribune-queue-count="\w+"><a href="([^"]*)"', html)
    return {"shown": 'data-tribune-queue="editor"' in html, "counts": counts, "links": links, "html": html}


def test_editors_see_the_pitches_and_reviews_waiting_in_their_sections_with_links(
    client, section, other_section, newsroom
):
    writer = newsroom["writer"]
    pitch(section, writer, "Pitch one in A")
    pitch(section, writer, "Pitch two in A")
    declined = pitch(section, writer, "Declined pitch in A")
    pitch_decline(pitch=declined, editor=newsroom["desk_a"], reason="Covered already.")
    pitch(other_section, writer, "Pitch in B")
    in_review(section, writer, "Review in A")
    in_review(other_section, writer, "Review in B")

    desk_a = queue_counts(client, newsroom["desk_a"])
    chief = queue_counts(client, newsroom["chief"])

    assert desk_a["shown"] and desk_a["counts"] == {"pitches": "2", "reviews": "1"}
    assert desk_a["links"] == [reverse("editorial:pitch_list") + "?status=submitted", "#awaiting-review-section"]
    assert 'id="awaiting-review-section"' in desk_a["html"]  # Wagtail's own list, which the review count opens
    assert f'data-tribune-queue-section="{section.slug}"' in desk_a["html"]
    assert f'data-tribune-queue-section="{other_section.slug}"' not in desk_a["html"]
    assert chief["counts"]["pitches"] == "3" and chief["counts"]["reviews"] == "2"
    assert chief["counts"]["held"] == "0"  # chief editors moderate too: the discussion's queue is theirs as well


def test_contributors_get_no_editors_queue_and_an_idle_editor_sees_an_empty_one(client, newsroom):
    assert not queue_counts(client, newsroom["writer"])["shown"]
    assert queue_counts(client, newsroom["desk_b"])["counts"] == {"pitches": "No", "reviews": "No"}


def editor_queue_queries(user) -> int:
    user = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        render_to_string("editorial/dashboard/editor_queue.html", editor_queue(user))
    return len(queries)


def test_the_editors_queue_costs_the_same_queries_for_one_item_or_many(section, newsroom):
    pitch(section, newsroom["writer"], "The first pitch")
    in_review(section, newsroom["writer"], "The first review")
    few = editor_queue_queries(newsroom["desk_a"])

    for n in range(6):
        pitch(section, newsroom["writer"], f"Pitch {n}")
        in_review(section, newsroom["writer"], f"Review {n}")
    many = editor_queue_queries(newsroom["desk_a"])

    assert many == few, f"{few} queries with 2 items, {many} with 14"
