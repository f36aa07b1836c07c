"""Every route outside the admin, as each role (ASVS 5.0 V8.2.1, V8.2.2): signed out, a reader, an expert
(contributor) and a section editor ask for it, and each answer is the one this table expects. A route added to the
URL configuration fails ``test_every_route_outside_the_admin_is_in_the_table`` until it has a row, so a new view's
access rule is decided, not inherited by accident. The admin's URLs have their own walk
(tribune/editorial/tests/test_admin_surfaces.py) and Wagtail's own permission checks (the editorial matrix).

Answers are written as: a status code, ``"login"`` (302 to the sign-in form, with ``next``) or ``"→ /path"``
(302 elsewhere). Only GET is sent: a view that changes something answers 405 to it, or a form.
"""

from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.documents.models import Document

from tribune.discussion import services as discussion_services
from tribune.discussion.models import Comment, CommentStatus
from tribune.editorial.tests.matrix import World, world_build
from tribune.taxonomy.models import Topic

ROLES = ["anonymous", "reader", "contributor", "editor_a"]
LOGIN = "login"


@dataclass(frozen=True)
class Route:
    """``path``: the address to ask for (``{name}`` fields filled from the scene); ``expect``: one answer for every
    role, or a dict by role."""

    path: str
    expect: object

    def answer_for(self, role: str):
        return self.expect[role] if isinstance(self.expect, dict) else self.expect


def by_role(anonymous, reader, contributor=None, editor_a=None):
    contributor = reader if contributor is None else contributor
    editor_a = contributor if editor_a is None else editor_a
    return {"anonymous": anonymous, "reader": reader, "contributor": contributor, "editor_a": editor_a}


SIGNED_IN = by_role(LOGIN, 200)

ROUTES = {
    # Documents
    "wagtaildocs_serve": Route("{document_url}", 200),  # a document in the public root collection
    "wagtaildocs_authenticate_with_password": Route("/documents/authenticate_with_password/999/", 404),
    # Syndication
    "sitemap": Route("/sitemap.xml", 200),
    "sitemap_section": Route("/sitemap-articles.xml", 200),
    "news_sitemap": Route("/news-sitemap.xml", 200),
    "robots_txt": Route("/robots.txt", 200),
    "feed_rss": Route("/feeds/rss/", 200),
    "feed_full_rss": Route("/feeds/full/rss/", 200),
    "feed_atom": Route("/feeds/atom/", 200),
    "feed_full_atom": Route("/feeds/full/atom/", 200),
    "section_feed_rss": Route("/feeds/sections/analysis/rss/", 200),
    "section_feed_full_rss": Route("/feeds/sections/analysis/full/rss/", 200),
    "section_feed_atom": Route("/feeds/sections/analysis/atom/", 200),
    "section_feed_full_atom": Route("/feeds/sections/analysis/full/atom/", 200),
    "contributor_feed_rss": Route("/feeds/experts/ines-ownprofile/rss/", 200),
    "contributor_feed_full_rss": Route("/feeds/experts/ines-ownprofile/full/rss/", 200),
    "contributor_feed_atom": Route("/feeds/experts/ines-ownprofile/atom/", 200),
    "contributor_feed_full_atom": Route("/feeds/experts/ines-ownprofile/full/atom/", 200),
    "topic_feed_rss": Route("/feeds/topics/walk-topic/rss/", 200),
    "topic_feed_full_rss": Route("/feeds/topics/walk-topic/full/rss/", 200),
    "topic_feed_atom": Route("/feeds/topics/walk-topic/atom/", 200),
    "topic_feed_full_atom": Route("/feeds/topics/walk-topic/full/atom/", 200),
    # The analysis's subjects: an entity nobody has written about has no page and no feed
    "country_feed_rss": Route("/feeds/countries/kenya/rss/", 200),
    "country_feed_full_rss": Route("/feeds/countries/kenya/full/rss/", 200),
    "country_feed_atom": Route("/feeds/countries/kenya/atom/", 200),
    "country_feed_full_atom": Route("/feeds/countries/kenya/full/atom/", 200),
    "person_feed_rss": Route("/feeds/people/no-one-yet/rss/", 404),
    "person_feed_full_rss": Route("/feeds/people/no-one-yet/full/rss/", 404),
    "person_feed_atom": Route("/feeds/people/no-one-yet/atom/", 404),
    "person_feed_full_atom": Route("/feeds/people/no-one-yet/full/atom/", 404),
    "organisation_feed_rss": Route("/feeds/organisations/no-body-yet/rss/", 404),
    "organisation_feed_full_rss": Route("/feeds/organisations/no-body-yet/full/rss/", 404),
    "organisation_feed_atom": Route("/feeds/organisations/no-body-yet/atom/", 404),
    "organisation_feed_full_atom": Route("/feeds/organisations/no-body-yet/full/atom/", 404),
    "region_feed_rss": Route("/feeds/regions/no-region-yet/rss/", 404),
    "region_feed_full_rss": Route("/feeds/regions/no-region-yet/full/rss/", 404),
    "region_feed_atom": Route("/feeds/regions/no-region-yet/atom/", 404),
    "region_feed_full_atom": Route("/feeds/regions/no-region-yet/full/atom/", 404),
    "corrections_feed_rss": Route("/feeds/corrections/rss/", 200),
    "corrections_feed_atom": Route("/feeds/corrections/atom/", 200),
    # Health checks for process managers and the edge (tribune/core/health.py)
    "healthz": Route("/healthz", 200),
    "readyz": Route("/readyz", 200),
    # The view beacon (tribune/analytics): a POST from the page; the image without a page's token is refused
    "analytics_view": Route("/analytics/view", 405),
    "analytics_pixel": Route("/analytics/pixel.gif", 400),
    # Reader pages
    "search": Route("/search/?q=story", 200),
    "contributor_directory": Route("/experts/", 200),
    "contributor_detail": Route("/experts/ines-ownprofile/", 200),
    "topic_detail": Route("/topics/walk-topic/", 200),
    "country_detail": Route("/countries/kenya/", 200),
    "country_pair": Route("/countries/kenya/peru/", 404),  # never principal together; the dossier tests have pairs
    "person_detail": Route("/people/no-one-yet/", 404),
    "organisation_detail": Route("/organisations/no-body-yet/", 404),
    "region_detail": Route("/regions/no-region-yet/", 404),
    "corrections": Route("/corrections/", 200),
    "wagtail_serve": Route("/analysis/published-story/", 200),
    # Newsletters: subscribing and the bounce webhook take POSTs only; links that were never issued are refused
    "newsletter_index": Route("/newsletters/", 200),
    "privacy": Route("/privacy/", 200),
    "styleguide": Route("/_styleguide/", 404),  # DEBUG only: the walk runs as production does
    "newsletter_mine": Route("/newsletters/mine/", SIGNED_IN),
    "newsletter_subscribe": Route("/newsletters/subscribe/", 405),
    "newsletter_confirm": Route("/newsletters/confirm/not-a-token/", 400),
    "newsletter_unsubscribe": Route("/newsletters/unsubscribe/not-a-token/", 400),
    "newsletter_bounces": Route("/newsletters/bounces/", 405),
    # Editors' invitations: a token that was never issued
    "invitation_accept": Route("/invitations/not-a-token/", 404),
    # Discussion: every action is a POST; editing is the author's alone
    "comment_post": Route("/discussion/{article_id}/comments/", 405),
    "comment_edit": Route("/discussion/comments/{comment_id}/edit/", by_role(403, 200, 403)),
    "comment_delete": Route("/discussion/comments/{comment_id}/delete/", 405),
    "comment_like": Route("/discussion/comments/{comment_id}/like/", 405),
    # Signed out: back to the comment, with a message asking to sign in
    "comment_report": Route(
        "/discussion/comments/{comment_id}/report/", by_role("→ /analysis/published-story/#comment-{comment_id}", 200)
    ),
    # Follows: "My Tribune" is for signed-in readers; following and saving are POSTs
    "my_tribune": Route("/my/", SIGNED_IN),
    "my_saved": Route("/my/saved/", SIGNED_IN),
    "follow": Route("/my/follow/expert/1/", 405),
    "unfollow": Route("/my/unfollow/expert/1/", 405),
    "article_save": Route("/my/save/{article_id}/", 405),
    "article_unsave": Route("/my/unsave/{article_id}/", 405),
    "alerts": Route("/my/alerts/", 405),
    "alerts_off": Route("/my/alerts/off/not-a-token/", 400),  # signed tokens only; a real one has its own test
    # Accounts
    "account_profile": Route("/accounts/profile/", SIGNED_IN),
    "account_delete": Route("/accounts/delete/", by_role(LOGIN, "reauthenticate")),
    "account_change_password": Route("/accounts/password/change/", by_role(LOGIN, "reauthenticate")),
    "account_login": Route("/accounts/login/", by_role(200, "→ /")),
    "account_logout": Route("/accounts/logout/", by_role("→ /", 200)),
    "account_inactive": Route("/accounts/inactive/", 200),
    "account_signup": Route("/accounts/signup/", by_role(200, "→ /")),
    "account_reauthenticate": Route("/accounts/reauthenticate/", by_role(LOGIN, 200)),
    "account_data": Route("/accounts/data/", SIGNED_IN),
    "account_data_download": Route("/accounts/data/download/", by_role(LOGIN, "reauthenticate")),
    "account_email": Route("/accounts/email/", SIGNED_IN),
    "account_email_verification_sent": Route("/accounts/confirm-email/", 200),
    "account_set_password": Route("/accounts/password/set/", by_role(LOGIN, "→ /accounts/password/change/")),
    "account_reset_password": Route("/accounts/password/reset/", 200),
    "account_confirm_login_code": Route("/accounts/login/code/confirm/", by_role("→ /accounts/login/", "→ /")),
    "account_confirm_email": Route("/accounts/confirm-email/not-a-key/", 200),
    "account_reset_password_from_key_done": Route("/accounts/password/reset/key/done/", 200),
    "account_reset_password_from_key": Route("/accounts/password/reset/key/1-not-a-key/", 200),
    "account_reset_password_done": Route("/accounts/password/reset/done/", 200),
    "mfa_index": Route("/accounts/2fa/", SIGNED_IN),
    "mfa_authenticate": Route("/accounts/2fa/authenticate/", by_role("→ /accounts/login/", "→ /")),
    "mfa_reauthenticate": Route("/accounts/2fa/reauthenticate/", by_role(LOGIN, "→ /accounts/reauthenticate/")),
    "mfa_activate_totp": Route("/accounts/2fa/totp/activate/", by_role(LOGIN, "reauthenticate")),
    "mfa_deactivate_totp": Route("/accounts/2fa/totp/deactivate/", by_role(LOGIN, 404)),  # no authenticator yet
    "mfa_view_recovery_codes": Route("/accounts/2fa/recovery-codes/", by_role(LOGIN, 404)),
    "mfa_generate_recovery_codes": Route("/accounts/2fa/recovery-codes/generate/", by_role(LOGIN, "reauthenticate")),
    "mfa_download_recovery_codes": Route("/accounts/2fa/recovery-codes/download/", by_role(LOGIN, 404)),
    # Wagtail's front-end sign-in and page password lead to allauth's (tribune/accounts/urls.py)
    "wagtailcore_login": Route("/_util/login/", "→ /accounts/login/"),
    "wagtailcore_authenticate_with_password": Route("/_util/authenticate_with_password/999/{article_id}/", 404),
}

# Pages served by Wagtail's catch-all beside the published article, as each role.
PAGES = {
    "/": 200,
    "/analysis/": 200,
    "/analysis/colleague-draft/": 404,  # a draft is never served to readers, whoever asks
    "/analysis/own-draft/": 404,
    "/no-such-page/": 404,
}


def routes_outside_the_admin(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        text = prefix + str(pattern.pattern)
        if text.lstrip("^").startswith("admin/"):
            continue
        if isinstance(pattern, URLResolver):
            yield from routes_outside_the_admin(pattern, text)
        elif isinstance(pattern, URLPattern):
            yield pattern.name or text


@pytest.fixture
def scene(db):
    world = world_build()
    document = Document.objects.create(title="Walk notes")
    document.file.save("notes.txt", ContentFile(b"Notes for the walk."))
    topic = Topic.objects.create(name="Walk topic", slug="walk-topic")
    world.published.topics.add(topic)
    reader = world.user("reader")
    for person in world.people.values():
        EmailAddress.objects.get_or_create(user=person, email=person.email, verified=True, primary=True)
    comment = discussion_services.comment_post(article=world.published, author=reader, body="A reader's comment.")
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.APPROVED)
    return world, {"document_url": document.url, "article_id": world.published.pk, "comment_id": comment.pk}


def answer_of(response) -> object:
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith("/accounts/login/?next="):
            return LOGIN
        if location.startswith("/accounts/reauthenticate/?next="):
            return "reauthenticate"
        return f"→ {location.split('?', 1)[0]}"
    return response.status_code


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    return client


def test_every_route_outside_the_admin_is_in_the_table():
    unclassified = {name for name in routes_outside_the_admin() if name not in ROUTES}

    assert unclassified == set()


@pytest.mark.parametrize("role", ROLES)
def test_each_route_answers_each_role_as_the_table_says(scene, role):
    world, ids = scene
    client = client_for(world, role)
    wrong = []
    for name, route in ROUTES.items():
        path = route.path.format(**ids)
        expected = route.answer_for(role)
        expected = expected.format(**ids) if isinstance(expected, str) else expected
        got = answer_of(client.get(path))
        if got != expected:
            wrong.append(f"{name} {path}: expected {expected!r}, got {got!r}")
    for path, expected in PAGES.items():
        got = answer_of(client.get(path))
        if got != expected:
            wrong.append(f"page {path}: expected {expected!r}, got {got!r}")

    assert not wrong, "\n".join(wrong)
