"""The discussion under an article, in a real browser on the live server.

First the whole life of a comment: an anonymous reader registers from the article, confirms their email from the
link in the mail, comments, is held as a new reader and told why; a moderator approves the comment in the admin's
queue; a second reader replies; the first edits; the second reports; the moderator rejects it and readers no longer
see it. Then hostile input: script, markup, ``javascript:`` links, bidi overrides and zero-width characters in
comments and display names, opened by an anonymous reader, a signed-in reader and a moderator.

Readers and the moderator use the real forms (allauth's sign-up, login and confirmation pages; Wagtail's login;
the discussion's own forms and the moderation queue). The ORM only sets the scene and reads the confirmation mail.
"""

import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from django.contrib.auth.models import Group
from django.core.cache import cache

from tribune.discussion import services
from tribune.discussion.models import Comment, CommentStatus, DiscussionSettings, ModerationAction, ReportReason
from tribune.discussion.moderation import READER_REASONS
from tribune.newsroom.models import ArticlePage

from ..factories import UserFactory, make_article

PASSWORD = "correct-horse-battery"  # UserFactory's password
NEW_READER_PASSWORD = "plum-orchard-lantern-42"
NEW_READER = {"email": "noor@example.org", "display_name": "Noor Haddad"}
FIRST_COMMENT = "The fiscal rules bind all three partners; nobody has modelled what happens if one walks out."
EDITED_COMMENT = "The fiscal rules bind all three partners. Nobody has modelled a walk-out, and nobody wants to."
REPLY = "The finance ministry did model it, in an annex nobody read."
REPORT_NOTE = "Repeats the article instead of discussing it."
CONFIRMATION_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)")


@dataclass(frozen=True)
class DiscussionDesk:
    url: str
    article: ArticlePage
    settings: DiscussionSettings
    moderator: object
    regular: object  # a verified reader with an approved comment on another article: trusted


@pytest.fixture
def one_request_at_a_time(live_server):
    """Serialise the live server's requests; ``with one_request_at_a_time():`` lets the test use the ORM meanwhile.

    On SQLite every server thread shares the test's single connection, and Chromium loads a page's assets in
    parallel; interleaved transactions break each other. (Like conftest's ``server_paused``, kept here on purpose.)
    """
    server = live_server.thread.httpd
    application = server.get_app()
    lock = threading.RLock()

    def serialised(environ, start_response):
        with lock:
            return application(environ, start_response)

    @contextmanager
    def paused():
        with lock:
            yield

    server.set_app(serialised)
    yield paused
    server.set_app(application)


def verified_reader(username: str, display_name: str):
    user = UserFactory(username=username, email=f"{username}@example.org", display_name=display_name)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def discussion_desk(home, section, live_server, django_db_serialized_rollback, one_request_at_a_time):
    """An open discussion under a fresh article; readers need one approved comment before theirs appear at once."""
    cache.clear()  # allauth's and the discussion's rate-limit counters live in the cache
    article = make_article(
        section,
        slug="coalition-arithmetic",
        title="Why the coalition arithmetic no longer adds up",
        standfirst="Three parties, two red lines and one budget make a stable majority unlikely.",
    )
    settings = services.discussion_settings()
    settings.trusted_after = 1
    settings.hold_links = True
    settings.save()
    moderator = UserFactory(username="moira", first_name="Moira", last_name="Keane", password=PASSWORD)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    regular = verified_reader("tomas", "Tomas L.")
    earlier = make_article(section, slug="budget-vote", title="The budget vote")
    history = services.comment_post(article=earlier, author=regular, body="An earlier, approved comment.")
    services.comment_moderate(comment=history, moderator=moderator, action=ModerationAction.APPROVE)
    return DiscussionDesk(url=live_server.url, article=article, settings=settings, moderator=moderator, regular=regular)


def admin_log_in(page: Page, url: str, user) -> None:
    """The admin login (allauth's form), as a moderator would, whose address is confirmed as every account's is."""
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    page.goto(url + "/admin/login/?next=/admin/")
    page.locator("#id_login").fill(user.get_username())
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(url + "/admin/")


def reader_log_in(page: Page, url: str, user, next_url: str) -> None:
    """allauth's login form (email and password), coming back to ``next_url``."""
    page.goto(f"{url}/accounts/login/?next={next_url}")
    page.locator("#id_login").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(url + next_url)


def discussion_count(page: Page) -> int:
    return int(page.locator(".discussion__count").inner_text().strip("()"))


def test_a_new_reader_registers_comments_and_moderators_decide(
    discussion_desk, new_page, screenshot, mailoutbox, one_request_at_a_time
):
    desk = discussion_desk
    article_url = desk.url + desk.article.url
    messages = ".messages"

    # An anonymous reader is invited to join and registers from the article.
    reader = new_page()
    reader.goto(article_url)
    join = reader.locator(".discussion__join")
    expect(join).to_have_text(str(services.LOGIN_REQUIRED))
    expect(reader.locator(".discussion .empty-state")).to_have_text("No comments yet.")
    screenshot(reader, "01-anonymous-article")
    join.get_by_role("link", name="register").click()

    expect(reader).to_have_url(re.compile(r"/accounts/signup/\?next="))
    reader.get_by_label("Email").fill(NEW_READER["email"])
    reader.get_by_label("Password", exact=True).fill(NEW_READER_PASSWORD)
    reader.get_by_label("Password, again", exact=True).fill(NEW_READER_PASSWORD)
    reader.get_by_label("Display name").fill(NEW_READER["display_name"])
    screenshot(reader, "02-signup-form")
    reader.get_by_role("button", name="Create account").click()

    # Not signed in yet: the address is confirmed first (the same page answers an address that has an account).
    expect(reader).to_have_url(desk.url + "/accounts/confirm-email/")
    expect(reader.get_by_role("heading", name="Check your email")).to_be_visible()
    expect(reader.locator(messages)).to_contain_text(f"Confirmation email sent to {NEW_READER['email']}")
    screenshot(reader, "03-check-your-email")

    # The link from the mail; allauth asks for a click before confirming (ACCOUNT_CONFIRM_EMAIL_ON_GET = False).
    assert [m.to for m in mailoutbox] == [[NEW_READER["email"]]]
    link = CONFIRMATION_LINK.search(mailoutbox[0].body)
    assert link, f"no confirmation link in the mail:\n{mailoutbox[0].body}"
    reader.goto(desk.url + link.group(1))
    expect(reader.get_by_role("heading", name="Confirm Email Address")).to_be_visible()
    reader.get_by_role("button", name="Confirm").click()
    # Confirmed, signed in, and back on the article's discussion.
    expect(reader).to_have_url(article_url + "#discussion")
    expect(reader.locator(messages)).to_contain_text(f"You have confirmed {NEW_READER['email']}")

    # Back on the article the form is open; a new reader's first comment is held, and the reader is told why.
    reader.goto(article_url)
    expect(reader.locator(".discussion__notice")).to_have_count(0)
    reader.get_by_label("Your comment", exact=True).fill(FIRST_COMMENT)
    reader.get_by_role("button", name="Post comment").click()

    expect(reader).to_have_url(re.compile(re.escape(article_url) + r"#comment-\d+$"))
    comment_id = int(reader.url.rsplit("-", 1)[1])
    expect(reader.locator(messages)).to_contain_text("Your comment is awaiting moderation.")
    expect(reader.locator(messages)).to_contain_text(str(READER_REASONS["new_reader"]))
    mine = reader.locator(f"#comment-{comment_id}")
    expect(mine).to_have_class(re.compile(r"\bcomment--pending\b"))
    expect(mine.locator(".comment__author")).to_have_text(NEW_READER["display_name"])
    expect(mine.locator(".comment__held")).to_have_text("Awaiting moderation: only you can see this comment for now.")
    expect(mine.locator(".comment__body")).to_have_text(FIRST_COMMENT)
    screenshot(reader, "04-comment-held")

    anonymous = new_page()
    anonymous.goto(article_url)
    expect(anonymous.locator(".discussion .empty-state")).to_have_text("No comments yet.")
    expect(anonymous.get_by_text(FIRST_COMMENT)).to_have_count(0)

    # The moderator finds it in the queue with the rule that held it, and approves it.
    moderator = new_page()
    admin_log_in(moderator, desk.url, desk.moderator)
    moderator.goto(desk.url + "/admin/discussion/")
    row = moderator.locator(f"tr[data-comment='{comment_id}']")
    expect(row).to_contain_text(NEW_READER["display_name"])
    expect(row).to_contain_text(desk.article.title)
    expect(row).to_contain_text(FIRST_COMMENT)
    expect(row).to_contain_text("Awaiting moderation")
    expect(row).to_contain_text("New reader: 0 approved comments, 1 needed")
    screenshot(moderator, "05-queue-pending")
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(moderator.locator(".messages")).to_contain_text("1 comment(s): Approved.")
    expect(moderator.locator(f"tr[data-comment='{comment_id}']")).to_have_count(0)

    # The reader reloads: published, no longer marked as held; anonymous readers see it too.
    reader.reload()
    mine = reader.locator(f"#comment-{comment_id}")
    expect(mine).not_to_have_class(re.compile(r"\bcomment--pending\b"))
    expect(mine.locator(".comment__held")).to_have_count(0)
    expect(mine.locator(".comment__body")).to_have_text(FIRST_COMMENT)
    expect(reader.locator(".discussion__count")).to_have_text("(1)")
    anonymous.reload()
    expect(anonymous.locator(f"#comment-{comment_id} .comment__body")).to_have_text(FIRST_COMMENT)
    screenshot(reader, "06-comment-published")

    # A second, trusted reader signs in and replies; the reply appears at once, nested under the comment.
    second = new_page()
    reader_log_in(second, desk.url, desk.regular, desk.article.url)
    theirs = second.locator(f"#comment-{comment_id}")
    theirs.locator("details.comment__reply summary").first.click()
    reply_form = theirs.locator("details.comment__reply form").first
    reply_form.get_by_label("Your reply").fill(REPLY)
    reply_form.get_by_role("button", name="Reply").click()
    expect(second.locator(messages)).to_contain_text("Your comment is published.")
    reply = theirs.locator(".comment-list--replies > .comment")
    expect(reply).to_have_count(1)
    expect(reply.locator(".comment__author")).to_have_text(desk.regular.display_name)
    expect(reply.locator(".comment__body")).to_have_text(REPLY)
    screenshot(second, "07-reply")

    # The first reader edits their comment within the window; it is marked as edited.
    reader.reload()
    own = reader.locator(f"#comment-{comment_id} > article")
    expect(reader.locator(f"#comment-{comment_id} .comment-list--replies .comment__body")).to_have_text(REPLY)
    own.get_by_role("link", name="Edit").click()
    expect(reader.get_by_role("heading", name="Edit your comment")).to_be_visible()
    editor = reader.get_by_label("Edit your comment")
    expect(editor).to_have_value(FIRST_COMMENT)
    editor.fill(EDITED_COMMENT)
    reader.get_by_role("button", name="Save").click()
    expect(reader.locator(messages)).to_contain_text("Your comment was updated.")
    own = reader.locator(f"#comment-{comment_id} > article")
    expect(own.locator(".comment__body")).to_have_text(EDITED_COMMENT)
    expect(own.locator(".comment__edited")).to_have_text("edited")
    screenshot(reader, "08-edited")

    # The second reader reports it, with a reason and a note.
    second.reload()
    reported = second.locator(f"#comment-{comment_id} > article")
    expect(reported.locator(".comment__body")).to_have_text(EDITED_COMMENT)
    expect(reported.locator(".comment__edited")).to_have_text("edited")
    reported.get_by_role("link", name="Report").click()
    expect(second.get_by_role("heading", name="Report a comment")).to_be_visible()
    expect(second.locator("blockquote.comment__body")).to_have_text(EDITED_COMMENT)
    second.get_by_label(str(ReportReason.OFF_TOPIC.label)).check()
    second.get_by_label("Anything else (optional)").fill(REPORT_NOTE)
    screenshot(second, "09-report-form")
    second.get_by_role("button", name="Send report").click()
    expect(second.locator(messages)).to_contain_text("Thank you: moderators will look at this comment.")

    # The moderator finds it under "Reported", with the reason, and rejects it.
    moderator.goto(desk.url + "/admin/discussion/")
    moderator.get_by_role("link", name="Reported").click()
    expect(moderator).to_have_url(desk.url + "/admin/discussion/?tab=reported")
    row = moderator.locator(f"tr[data-comment='{comment_id}']")
    expect(row).to_contain_text(EDITED_COMMENT)
    expect(row).to_contain_text(f"Reported: {ReportReason.OFF_TOPIC.label} — {REPORT_NOTE}")
    screenshot(moderator, "10-queue-reported")
    row.get_by_role("button", name="Reject", exact=True).click()
    expect(moderator.locator(".messages")).to_contain_text("1 comment(s): Rejected.")
    expect(moderator).to_have_url(desk.url + "/admin/discussion/?tab=reported")
    expect(moderator.get_by_text("Nothing here. Well done.")).to_be_visible()
    with one_request_at_a_time():
        assert Comment.objects.get(pk=comment_id).status == CommentStatus.REJECTED

    # Gone for every reader, its author included; the count in the heading matches what readers can see.
    for person in (reader, second, anonymous):
        person.goto(article_url)
        expect(person.locator(f"#comment-{comment_id}")).to_have_count(0)
        expect(person.get_by_text(EDITED_COMMENT)).to_have_count(0)
    screenshot(anonymous, "11-after-rejection")
    # The reply hangs under the rejected comment, so readers no longer see it either; the count must agree.
    for person in (reader, second, anonymous):
        shown = person.locator(".discussion .comment").count()
        assert discussion_count(person) == shown, (
            f"the heading says {discussion_count(person)} comment(s) but readers see {shown}"
        )


# Hostile input


MARKER = "window.__xss=1"
SCRIPT_TAG = f"<script>{MARKER}</script>"
IMG_ONERROR = f'<img src=x onerror="{MARKER}">'
SVG_ONLOAD = f"<svg onload={MARKER}>"
JAVASCRIPT_URL = f"javascript:{MARKER}"
RLO, PDF, ZWSP, WJ = "\u202e", "\u202c", "\u200b", "\u2060"

# What an injection leaves in the page even when it did not run, and what the comments say as text.
PROBE = """(selector) => {
    const comments = [...document.querySelectorAll(selector)];
    const everything = [...document.querySelectorAll("*")];
    const urlAttributes = ["href", "src", "action", "formaction", "xlink:href"];
    return {
        flag: typeof window.__xss,
        comments: comments.length,
        injected: comments.flatMap(c => [...c.querySelectorAll("script, img, svg, iframe, object, embed, style")])
            .map(el => el.outerHTML.slice(0, 160)),
        handlers: everything
            .filter(el => [...el.attributes].some(a => a.name.startsWith("on") && a.value.includes("__xss")))
            .map(el => el.outerHTML.slice(0, 160)),
        urls: everything
            .filter(el => urlAttributes.some(name => /^\\s*javascript:/i.test(el.getAttribute(name) || "")))
            .map(el => el.outerHTML.slice(0, 160)),
        text: comments.map(c => c.innerText).join("\\n"),
    };
}"""

# A display name must not reorder the text around it: the element showing it (or a <bdi> or [dir] inside it holding
# the whole name) isolates its direction.
NAME_ISOLATION = """(selector) => [...document.querySelectorAll(selector)].map(el => {
    const name = el.textContent.trim();
    const isolating = node => ["isolate", "isolate-override", "plaintext"].includes(getComputedStyle(node).unicodeBidi);
    return {name, isolated: [el, ...el.querySelectorAll("*")].some(n => n.textContent.trim() === name && isolating(n))};
})"""


@dataclass
class Tab:
    """One person's page, remembering every dialog any page opened in it."""

    page: Page
    dialogs: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, new_page) -> "Tab":
        tab = cls(new_page())

        def dismiss(dialog):
            tab.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        tab.page.on("dialog", dismiss)
        return tab

    def probe(self, where: str, selector: str, expected_texts: list[str]) -> str:
        result = self.page.evaluate(PROBE, selector)
        assert self.dialogs == [], f"{where}: a dialog opened: {self.dialogs}"
        assert result["flag"] == "undefined", f"{where}: injected script ran (window.__xss is {result['flag']})"
        assert result["comments"] > 0, f"{where}: no comments on the page ({selector})"
        assert result["injected"] == [], f"{where}: markup injected into comments: {result['injected']}"
        assert result["handlers"] == [], f"{where}: injected event handlers: {result['handlers']}"
        assert result["urls"] == [], f"{where}: javascript: URLs: {result['urls']}"
        for text in expected_texts:
            assert text in result["text"], f"{where}: {text!r} is not shown as text in:\n{result['text']}"
        return result["text"]


def test_hostile_comments_and_names_render_as_inert_text(discussion_desk, new_page, screenshot):
    desk = discussion_desk
    article = desk.article
    # Set directly: the sign-up and profile forms refuse invisible and direction characters in display names.
    scripted = verified_reader("mallory", f"{SCRIPT_TAG}{RLO}evil")
    imaged = verified_reader("trudy", f"{IMG_ONERROR}{ZWSP}x")
    hostile_names = [SCRIPT_TAG, IMG_ONERROR]

    trusting = services.discussion_settings()
    trusting.trusted_after, trusting.hold_links = 0, False
    trusting.comments_per_minute = trusting.comments_per_hour = 0  # 0 turns the rate limits off
    trusting.save()
    bodies = {
        "script": f"Script: {SCRIPT_TAG}",
        "img": f"Image: {IMG_ONERROR}",
        "links": (
            f'Links: {JAVASCRIPT_URL} <a href="{JAVASCRIPT_URL}">click</a> [x]({JAVASCRIPT_URL}) '
            f'http://example.org/"onmouseover="{MARKER}'
        ),
        "bidi": f"Bidi: {RLO}lave{PDF} zero{ZWSP}width{WJ}joiner",
    }
    posted = {
        "script": services.comment_post(article=article, author=scripted, body=bodies["script"]),
        "img": services.comment_post(article=article, author=imaged, body=bodies["img"]),
        "links": services.comment_post(article=article, author=scripted, body=bodies["links"]),
        "bidi": services.comment_post(article=article, author=imaged, body=bodies["bidi"]),
    }
    reply = services.comment_post(article=article, author=imaged, body=f"Reply: {SVG_ONLOAD}", parent=posted["script"])
    assert {c.status for c in [*posted.values(), reply]} == {CommentStatus.APPROVED}
    # One held comment for the pending queue and its author's own view, and a report whose note is hostile too.
    trusting.trusted_after = 99
    trusting.save()
    held = services.comment_post(article=article, author=imaged, body=f"Held: {SCRIPT_TAG} {IMG_ONERROR}")
    assert held.status == CommentStatus.PENDING
    services.comment_report(
        comment=posted["img"], user=desk.regular, reason=ReportReason.ABUSE, note=f"Note: {IMG_ONERROR}"
    )
    stored_bidi = Comment.objects.get(pk=posted["bidi"].pk).body
    assert stored_bidi == "Bidi: lave zerowidthjoiner", "bidi and zero-width characters are stripped on the way in"

    shown_everywhere = [SCRIPT_TAG, IMG_ONERROR, JAVASCRIPT_URL, f'href="{JAVASCRIPT_URL}"', SVG_ONLOAD, *hostile_names]
    article_url = desk.url + article.url

    # An anonymous reader.
    anonymous = Tab.open(new_page)
    anonymous.page.goto(article_url)
    text = anonymous.probe("anonymous article", ".comment", shown_everywhere)
    assert "Bidi: lave zerowidthjoiner" in text
    assert not {RLO, PDF, ZWSP, WJ} & set("".join(anonymous.page.locator(".comment__body").all_inner_texts())), (
        "invisible or direction characters in a comment body"
    )
    assert f"Held: {SCRIPT_TAG}" not in text, "a held comment is shown to anonymous readers"
    names = anonymous.page.evaluate(NAME_ISOLATION, ".comment__author")
    assert names and all(name["isolated"] for name in names), f"display names not bidi-isolated: {names}"
    screenshot(anonymous.page, "hostile-anonymous")

    # A signed-in reader (the author of the held comment, who sees it, with reply, report, edit and delete forms).
    signed_in = Tab.open(new_page)
    reader_log_in(signed_in.page, desk.url, imaged, article.url)
    signed_in.probe("signed-in article", ".comment", [*shown_everywhere, f"Held: {SCRIPT_TAG} {IMG_ONERROR}"])
    expect(signed_in.page.locator(f"#comment-{held.pk} .comment__held")).to_be_visible()
    screenshot(signed_in.page, "hostile-signed-in")
    signed_in.page.locator(f"#comment-{posted['script'].pk} > article").get_by_role("link", name="Report").click()
    expect(signed_in.page.get_by_role("heading", name="Report a comment")).to_be_visible()
    signed_in.probe("report page", "blockquote.comment__body", [SCRIPT_TAG])

    # A moderator: the pending, reported and recent queues and the moderation log.
    moderator = Tab.open(new_page)
    admin_log_in(moderator.page, desk.url, desk.moderator)
    moderator.page.goto(desk.url + "/admin/discussion/")
    moderator.probe("pending queue", "tr[data-comment]", [f"Held: {SCRIPT_TAG} {IMG_ONERROR}", IMG_ONERROR])
    moderator.page.goto(desk.url + "/admin/discussion/?tab=reported")
    moderator.probe("reported queue", "tr[data-comment]", [IMG_ONERROR, f"Note: {IMG_ONERROR}"])
    moderator.page.goto(desk.url + "/admin/discussion/log/")
    moderator.probe("moderation log", "table.listing tbody tr", [f"Held: {SCRIPT_TAG}"])
    moderator.page.goto(desk.url + "/admin/discussion/?tab=recent")
    moderator.probe("recent queue", "tr[data-comment]", shown_everywhere)
    screenshot(moderator.page, "hostile-queue")
    # The name heads a line that goes on with the article's title, the date and the status: unisolated, a
    # right-to-left override in the name shows all of that reversed ("pu sdda regnol on citemhtira ...").
    queue_names = moderator.page.evaluate(NAME_ISOLATION, "tr[data-comment] td:nth-child(2) > p:first-child > strong")
    unisolated = sorted({name["name"] for name in queue_names if not name["isolated"]})
    assert queue_names and not unisolated, f"display names not bidi-isolated in the moderation queue: {unisolated}"
