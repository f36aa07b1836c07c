"""Who is speaking in the discussion: experts and staff under the name readers know, with their badges.

An article's author who replies appears under their byline (the expert profile linked to their account), linked to
that profile, with the "Article author" badge; any published expert does the same; editors, chief editors and
moderators get the "Tribune staff" badge; readers keep their display name.
"""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group

from tests.factories import make_article, make_contributor
from tribune.contributors.models import Contributor
from tribune.contributors.services import contributor_save
from tribune.core import fragments
from tribune.discussion import services
from tribune.discussion.models import Comment, CommentStatus
from tribune.editorial.roles import role_assign

from .conftest import verified_reader
from .test_query_budget import QUERY_BUDGETS, approved_discussion, article_page_queries, discussed_article


def link_profile(profile: Contributor, user) -> Contributor:
    Contributor.objects.filter(pk=profile.pk).update(user=user)
    profile.refresh_from_db()
    return profile


@pytest.fixture
def author(section):
    """The writer of the article below: an account linked to the profile in its byline, with a reader-style name."""
    user = verified_reader("amara-account")
    user.display_name = ""  # shown as "Reader <n>" if the profile were ignored
    user.save()
    return user, link_profile(make_contributor(name="Amara Byline", slug="amara-byline"), user)


@pytest.fixture
def article(section, config, author):
    return make_article(section, title="On the river tariffs", contributors=[author[1]])


def meta(client, article, comment: Comment) -> BeautifulSoup:
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    return page.select_one(f"#comment-{comment.pk}-meta")


def badges(header: BeautifulSoup) -> set[str]:
    return {badge.get_text(strip=True) for badge in header.select(".comment__badge")}


def test_the_articles_author_replies_under_their_byline_linked_to_their_profile(client, article, author, alice):
    user, profile = author
    question = services.comment_post(article=article, author=alice, body="Where do the tariff figures come from?")
    reply = services.comment_post(article=article, author=user, body="From the port authority.", parent=question)

    header = meta(client, article, reply)

    name = header.select_one(".comment__author")
    assert name.get_text(strip=True) == "Amara Byline"
    assert name.name == "a" and name["href"] == profile.get_absolute_url() == "/experts/amara-byline/"
    assert badges(header) == {"Article author"}
    assert user.public_name not in header.get_text()


def test_an_expert_who_did_not_write_the_article_is_shown_by_their_profile_without_the_author_badge(
    client, article, section
):
    expert = verified_reader("expert-account")
    link_profile(make_contributor(name="Kofi Commentator", slug="kofi-commentator"), expert)

    comment = services.comment_post(article=article, author=expert, body="A view from the coast.")
    header = meta(client, article, comment)

    assert header.select_one("a.comment__author").get_text(strip=True) == "Kofi Commentator"
    assert badges(header) == set()


def test_a_profile_not_yet_approved_does_not_name_or_link_the_commenter(client, article):
    invited = verified_reader("invited-account")
    draft_profile = contributor_save(slug="not-yet-public", name="Not Yet Public", publish=False)
    link_profile(draft_profile, invited)

    comment = services.comment_post(article=article, author=invited, body="Hello.")
    header = meta(client, article, comment)

    assert "Not Yet Public" not in header.get_text()
    assert header.select_one("a.comment__author") is None
    assert header.select_one(".comment__author").get_text(strip=True) == "Invited-Account"


@pytest.mark.parametrize("role", ["editor", "chief", "moderator"])
def test_editors_chief_editors_and_moderators_get_the_staff_badge_and_are_not_held_as_new_readers(
    client, article, section, config, role
):
    config.trusted_after = 3
    config.save()
    staff = verified_reader(f"staff-{role}")
    if role == "moderator":
        staff.groups.add(Group.objects.get(name="Moderators"))
    else:
        role_assign(user=staff, role=role, sections=[section])

    comment = services.comment_post(article=article, author=staff, body="Thanks for reading.")

    assert comment.is_staff_reply and comment.status == CommentStatus.APPROVED
    assert badges(meta(client, article, comment)) == {"Tribune staff"}


def test_a_contributor_is_not_staff(client, article, section):
    writer = verified_reader("writer-account")
    role_assign(user=writer, role="contributor", sections=[section])

    comment = services.comment_post(article=article, author=writer, body="Interesting piece.")

    assert not comment.is_staff_reply


def test_an_editor_with_a_profile_shows_the_profile_and_the_staff_badge(client, article, section):
    editor = verified_reader("desk-account")
    role_assign(user=editor, role="editor", sections=[section])
    link_profile(make_contributor(name="Lena Deskeditor", slug="lena-deskeditor"), editor)

    comment = services.comment_post(article=article, author=editor, body="We have corrected the figure.")
    header = meta(client, article, comment)

    assert header.select_one("a.comment__author").get_text(strip=True) == "Lena Deskeditor"
    assert badges(header) == {"Tribune staff"}


def test_a_renamed_profile_shows_in_the_cached_discussion_at_once(
    client, settings, article, author, django_capture_on_commit_callbacks
):
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600  # the signed-out discussion is kept as a fragment
    fragments.bump(fragments.CONTENT)
    user, profile = author
    comment = services.comment_post(article=article, author=user, body="Author here.")
    assert meta(client, article, comment).select_one(".comment__author").get_text(strip=True) == "Amara Byline"

    with django_capture_on_commit_callbacks(execute=True):
        contributor_save(slug=profile.slug, name="Dr Amara Byline", user=user)

    assert meta(client, article, comment).select_one(".comment__author").get_text(strip=True) == "Dr Amara Byline"


def test_experts_comments_cost_no_more_queries_than_readers(client, section, config):
    article = discussed_article(section)
    approved_discussion(article, total=5)  # readers' comments; the experts' below all fit on the first page
    readers_only = article_page_queries(client, article)

    experts = [verified_reader(f"expert-{n}") for n in range(5)]
    for n, expert in enumerate(experts):
        link_profile(make_contributor(name=f"Expert Speaker{n}", slug=f"expert-speaker-{n}"), expert)
        services.comment_post(article=article, author=expert, body=f"An expert's view, number {n}.")
    with_experts = article_page_queries(client, article)

    assert with_experts == readers_only <= QUERY_BUDGETS["anonymous"]
