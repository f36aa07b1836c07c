"""The Content-Security-Policy enforced in a real browser: the reader site and the admin work under it, with no
violation anywhere.

Chromium reports every blocked script, style, frame or image as a ``securitypolicyviolation`` event (collected in
every frame, the live preview's too) and a console error; both are gathered on each screen and must stay empty. The
screens: the front page, an article with an embedded video and its discussion (anonymous and signed in), the login
page, and in the admin the dashboard, snippets, the moderation queue, reports, the two-factor setup page and an
article's page editor: typing in Draftail, the image chooser, the live preview. First, a script injected into the
page proves that the policy is enforced and that the collector sees what it blocks.
"""

import re
from dataclasses import dataclass, field

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from django.core.cache import cache

from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from tribune.discussion import services
from tribune.discussion.models import ModerationAction

from ..factories import UserFactory, make_article, make_contributor, make_image, paragraph
from .conftest import PASSWORD

VIDEO_URL = "https://www.youtube.com/watch?v=tribune-test"
VIDEO_FRAME = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/tribune-test" title="A briefing" '
    'frameborder="0" allow="fullscreen; picture-in-picture" allowfullscreen></iframe>'
)
ARTICLE_TITLE = "Why the coalition arithmetic no longer adds up"

# Installed in every frame before its own scripts run.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
        + (event.sample ? ` (${event.sample})` : "")
    );
});
"""
# What Chromium prints to the console about the two policies.
POLICY_CONSOLE = re.compile(r"Content Security Policy|Content-Security-Policy|Permissions-Policy|Refused to", re.I)


@dataclass
class Watched:
    """One browser tab, with every policy violation and policy console message any of its frames reported."""

    page: Page
    console: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, new_page) -> "Watched":
        watched = cls(new_page())
        watched.page.add_init_script(COLLECT_VIOLATIONS)
        watched.page.on(
            "console",
            lambda message: watched.console.append(message.text) if POLICY_CONSOLE.search(message.text) else None,
        )
        return watched

    def violations(self) -> list[str]:
        found = []
        origin = "/".join(self.page.url.split("/")[:3])
        # The site's own frames (the live preview); an embed's player is the provider's page, under its own policy.
        for frame in self.page.frames:
            if frame.url.startswith(origin + "/"):
                found += frame.evaluate("() => window.__cspViolations || []")
                frame.evaluate("() => { window.__cspViolations = []; }")
        found += self.console
        self.console.clear()
        return found

    def visit(self, url: str) -> dict[str, str]:
        response = self.page.goto(url)
        self.page.wait_for_load_state("load")
        assert response.status == 200, f"{url} answered {response.status}"
        return response.headers


@dataclass(frozen=True)
class Outlet:
    url: str
    article: object
    reader: object
    editor: object


@pytest.fixture
def outlet(home, section, live_server, django_db_serialized_rollback, server_paused) -> Outlet:
    cache.clear()  # allauth's rate-limit counters live in the cache
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL, None, None),
        type="video",
        html=VIDEO_FRAME,
        title="A briefing",
        provider_name="YouTube",
        width=560,
        height=315,
    )
    article = make_article(
        section,
        slug="coalition-arithmetic",
        title=ARTICLE_TITLE,
        lead_image=make_image(caption="Negotiators leave the coalition talks."),
        body=[paragraph("Measured words. " * 30), ("embed", EmbedValue(VIDEO_URL))],
    )
    make_image(title="Parliament at dusk")
    make_contributor(slug="tomas-lindqvist", name="Tomas Lindqvist")
    reader = UserFactory(username="noor", email="noor@example.org", display_name="Noor Haddad")
    editor = UserFactory(
        username="chief", email="chief@example.org", first_name="Chief", is_staff=True, is_superuser=True
    )
    for user in (reader, editor):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    comment = services.comment_post(article=article, author=reader, body="The fiscal rules bind all three partners.")
    services.comment_moderate(comment=comment, moderator=editor, action=ModerationAction.APPROVE)
    return Outlet(url=live_server.url, article=article, reader=reader, editor=editor)


def sign_in(watched: Watched, url: str, login: str, next_url: str) -> None:
    watched.page.goto(f"{url}/accounts/login/?next={next_url}")
    watched.page.locator("#id_login").fill(login)
    watched.page.get_by_label("Password").fill(PASSWORD)
    watched.page.get_by_role("button", name="Sign In").click()
    expect(watched.page).to_have_url(url + next_url)


def test_the_policy_is_enforced_and_blocked_script_is_reported(outlet, new_page):
    watched = Watched.open(new_page)

    headers = watched.visit(outlet.url + "/")
    ran = watched.page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__injected = true";
            document.body.append(script);
            return window.__injected === true;
        }"""
    )

    assert "content-security-policy" in headers
    assert ran is False
    assert any("script-src" in violation for violation in watched.violations())


def test_readers_see_the_site_with_no_policy_violation(outlet, new_page, screenshot):
    problems = {}
    anonymous = Watched.open(new_page)
    for name, path in {
        "front page": "/",
        "article with its embed and discussion": outlet.article.url,
        "login page": "/accounts/login/",
    }.items():
        headers = anonymous.visit(outlet.url + path)
        assert "'nonce-" not in headers["content-security-policy"], f"{name}: readers' pages carry no nonce"
        problems[f"anonymous: {name}"] = anonymous.violations()
    anonymous.visit(outlet.url + outlet.article.url)
    expect(anonymous.page.locator(".responsive-object iframe")).to_have_attribute("src", re.compile("youtube"))
    expect(anonymous.page.locator(".discussion")).to_contain_text("The fiscal rules bind all three partners.")
    problems["anonymous: article again"] = anonymous.violations()
    screenshot(anonymous.page, "reader-article")

    signed_in = Watched.open(new_page)
    sign_in(signed_in, outlet.url, outlet.reader.email, outlet.article.url)
    comment_box = signed_in.page.get_by_role("textbox", name="Your comment")
    comment_box.fill("Typed under the policy.")
    # The discussion's counter (a static script, allowed by 'self') runs.
    expect(
        signed_in.page.locator("#comment-body-new").locator("xpath=..").locator("[data-counter-output]")
    ).to_have_text(f"{2000 - len('Typed under the policy.')} characters left")
    problems["signed-in reader: article with the comment form"] = signed_in.violations()

    problems = {where: found for where, found in problems.items() if found}
    assert not problems, "\n".join(f"- {where}: {'; '.join(found)}" for where, found in problems.items())


def test_the_admin_works_under_the_policy_with_no_violation(outlet, new_page, server_paused, screenshot):
    url, article = outlet.url, outlet.article
    watched = Watched.open(new_page)
    page = watched.page
    sign_in(watched, url, outlet.editor.username, "/admin/")
    problems = {"login and dashboard": watched.violations()}

    for name, path in {
        "contributor snippets": "/admin/snippets/contributors/contributor/",
        "moderation queue": "/admin/discussion/",
        "locked pages report": "/admin/reports/locked/",
        "page types report": "/admin/reports/page-types-usage/",
        "image listing": "/admin/images/",
        "two-factor setup": "/accounts/2fa/totp/activate/",
    }.items():
        watched.visit(url + path)
        problems[name] = watched.violations()
    if page.get_by_role("heading", name=re.compile("Confirm it")).count():  # a fresh confirmation of the password
        page.get_by_label("Your password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
        problems["two-factor setup, confirmed"] = watched.violations()
    expect(page.locator("img[src^='data:image/svg+xml']")).to_be_visible()  # the QR code, a data: URL

    # The page editor: Draftail, the image chooser and the live preview.
    headers = watched.visit(f"{url}/admin/pages/{article.pk}/edit/")
    nonce = re.search(r"'nonce-([^']+)'", headers["content-security-policy"]).group(1)
    nonced = page.evaluate("() => [...document.querySelectorAll('script[nonce]:not([src])')].map((s) => s.nonce)")
    assert nonced and set(nonced) == {nonce}, "every inline script of the editor carries this answer's nonce"
    draftail = page.locator("[data-contentpath=body] [contenteditable=true]").first
    draftail.click()
    page.keyboard.type(" Typed under the policy.")
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("Typed under the policy"))
    problems["page editor: typing in Draftail"] = watched.violations()

    page.locator("[aria-describedby='id_lead_image-title']").click()
    page.get_by_role("button", name="Change image").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Parliament at dusk")
    dialog.get_by_role("link", name=re.compile("Parliament at dusk")).click()
    expect(page.locator("#id_lead_image-title")).to_contain_text("Parliament at dusk")
    problems["page editor: image chooser"] = watched.violations()

    # A byline added through the contributors' chooser: a new inline form, made from its template.
    page.get_by_role("button", name="Add contributors").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("checkbox", name=re.compile("Tomas Lindqvist")).check()
    dialog.get_by_role("button", name=re.compile("Confirm selection")).click()
    expect(page.locator("#id_bylines-FORMS")).to_contain_text("Tomas Lindqvist")
    problems["page editor: a byline added"] = watched.violations()

    page.get_by_role("button", name=re.compile("Toggle preview", re.I)).click()
    # Wagtail loads the preview in a second frame, then drops the first.
    expect(page.locator("iframe[title='Preview'][src*='/preview/']")).to_have_count(1, timeout=15_000)
    expect(page.locator("iframe[title='Preview']")).to_have_count(1, timeout=15_000)
    preview = page.frame_locator("iframe[title='Preview']")
    expect(preview.locator("h1")).to_contain_text(ARTICLE_TITLE, timeout=15_000)
    expect(preview.locator("body")).to_contain_text("Typed under the policy.", timeout=15_000)
    problems["page editor: live preview"] = watched.violations()
    screenshot(page, "page-editor-with-preview")
    # Leave the editor while the test still holds the database: it releases its editing session as it goes.
    page.goto(url + "/admin/")
    page.wait_for_timeout(1000)
    problems["dashboard after the editor"] = watched.violations()

    problems = {where: found for where, found in problems.items() if found}
    assert not problems, "\n".join(f"- {where}: {'; '.join(found)}" for where, found in problems.items())
