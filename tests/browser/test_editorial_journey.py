"""An article's whole editorial path clicked through the admin in a real browser: pitch, acceptance, writing in the
page editor, review with a request for changes, resubmission, approval, and the published page with its byline.

Every step is the real UI: the login form, the pitch screens, Draftail and the StreamField block picker, the page
action menu and the workflow's comment dialog. Nothing is driven over HTTP or through the ORM between the steps;
the database is only read, to find the draft's id and to confirm what the screens said.
"""

import re

from playwright.sync_api import expect

from wagtail.models import WorkflowState

from tribune.editorial.models import Pitch, PitchStatus
from tribune.newsroom.models import ArticlePage

PITCH = {
    "Working title": "Why the coalition will hold",
    "Summary": "Three parties with little in common share one thing: a budget none of them can pass alone.",
    "Angle": "Everyone counts seats; nobody has read the fiscal rules that bind the partners.",
    "Why now": "The budget vote is next week.",
}
ACCEPT_NOTE = "Go ahead: 1,200 words by Friday."
STANDFIRST = "The partners disagree on almost everything, but the budget rules leave none of them a way out."
FIRST_PARAGRAPH = "Budget rules keep the partners together."
REVISION = " The fiscal council's 2026 report sets the limits."
REVIEW_COMMENT = "Please source the budget figure in the first paragraph."
# Wagtail names the submit item after the workflow, the resubmit item after the task that asked for changes.
SUBMIT_FOR_REVIEW = re.compile(r"^\s*Submit (to|for) .*review", re.IGNORECASE)
RESUBMIT = re.compile(r"^\s*Resubmit to ", re.IGNORECASE)


def log_out(page, user) -> None:
    """Through the account menu at the foot of the sidebar, which is labelled with the user's first name."""
    page.get_by_role("button", name=user.first_name).click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def open_action_menu(page) -> None:
    """The footer's "Save draft" button carries every other page action in a dropdown."""
    page.get_by_role("button", name="More actions").click()


def body_field_value(page):
    # Draftail writes its content to this hidden input shortly after each keystroke; submitting earlier loses text.
    return page.locator("input[name='body-0-value']")


def test_a_pitch_becomes_a_reviewed_published_article(editorial_desk, page, admin_login, server_paused, screenshot):
    desk = editorial_desk
    url, contributor, editor = desk.url, desk.contributor, desk.editor
    title = PITCH["Working title"]

    # The contributor files a pitch.
    admin_login(page, contributor)
    page.get_by_role("link", name="Pitches").click()
    page.get_by_role("link", name="New pitch").click()
    for label, text in PITCH.items():
        page.get_by_label(label).fill(text)
    expect(page.get_by_label("Proposed section")).to_have_value(str(desk.section.pk))
    screenshot(page, "01-pitch-form")
    page.get_by_role("button", name="Submit pitch").click()

    expect(page.locator(".messages")).to_contain_text(f"Your pitch “{title}” was sent to the editors.")
    expect(page.locator(".pitch h2").first).to_have_text(title)
    expect(page.locator(".pitch__facts")).to_contain_text("Submitted")
    expect(page.locator(".pitch__summary")).to_have_text(PITCH["Summary"])
    screenshot(page, "02-pitch-filed")
    log_out(page, contributor)

    # The section's editor finds it first in their queue and accepts it.
    admin_login(page, editor)
    page.get_by_role("link", name="Pitches").click()
    queued = page.locator(".pitch-row--queue")
    expect(queued).to_have_count(1)
    expect(queued).to_contain_text("In your queue")
    expect(queued).to_contain_text("Amara Okafor")
    queued.get_by_role("link", name=title).click()
    page.get_by_label("Message to the author (optional)").fill(ACCEPT_NOTE)
    page.get_by_role("button", name="Accept", exact=True).click()

    expect(page.locator(".messages")).to_contain_text("Pitch accepted. A draft article is waiting in Politics.")
    expect(page.locator(".pitch__facts")).to_contain_text("Accepted")
    expect(page.locator(".pitch__article")).to_have_text(title)
    expect(page.locator(".pitch__thread")).to_contain_text(ACCEPT_NOTE)
    screenshot(page, "03-pitch-accepted")
    with server_paused():
        pitch = Pitch.objects.select_related("article").get()
        article = pitch.article
        assert pitch.status == PitchStatus.ACCEPTED
        assert (article.owner, article.live) == (contributor, False)
        assert article.ordered_contributors == [desk.profile]
    edit_url = f"{url}/admin/pages/{article.pk}/edit/"
    log_out(page, editor)

    # The contributor opens the draft from "My pieces" and writes it in the page editor.
    admin_login(page, contributor)
    drafts = page.locator("[data-tribune-dashboard=drafts]")
    expect(drafts).to_contain_text(title)
    expect(page.locator("[data-tribune-dashboard=pitches]")).to_contain_text("Accepted")
    drafts.get_by_role("link", name=title).click()
    expect(page).to_have_url(edit_url)
    expect(page.get_by_role("textbox", name="Title")).to_have_value(title)
    page.get_by_role("textbox", name="Standfirst").fill(STANDFIRST)
    page.locator("#body-root").get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    page.locator("#body-root [contenteditable=true]").first.click()
    page.keyboard.type(FIRST_PARAGRAPH)
    expect(body_field_value(page)).to_have_value(re.compile(FIRST_PARAGRAPH))
    screenshot(page, "04-draft-written")
    open_action_menu(page)
    page.get_by_role("button", name=SUBMIT_FOR_REVIEW).click()

    expect(page.locator(".messages")).to_contain_text(f"Page '{title}' has been submitted for moderation.")
    expect(page.locator("tr", has_text=title)).to_contain_text("in moderation", ignore_case=True)
    screenshot(page, "05-submitted")
    page.goto(url + "/admin/")
    expect(page.locator("[data-tribune-dashboard=in_review]")).to_contain_text(title)
    log_out(page, contributor)

    # The editor asks for changes, with a comment, through the workflow's dialog.
    admin_login(page, editor)
    awaiting = page.locator("#awaiting-review-section")
    expect(awaiting).to_contain_text(title)
    awaiting.get_by_role("link", name=title).first.click()
    expect(page).to_have_url(edit_url)
    expect(page.locator("#body-root [contenteditable=true]").first).to_have_text(FIRST_PARAGRAPH)
    open_action_menu(page)
    page.get_by_role("button", name="Request changes", exact=True).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Comment").fill(REVIEW_COMMENT)
    screenshot(page, "06-request-changes")
    dialog.get_by_role("button", name="Request changes").click()

    expect(page.locator(".messages")).to_contain_text(f"Page '{title}' has been updated.")
    with server_paused():
        assert WorkflowState.objects.get(object_id=str(article.pk)).status == WorkflowState.STATUS_NEEDS_CHANGES
    log_out(page, editor)

    # The contributor reads the comment on the dashboard, revises and resubmits.
    admin_login(page, contributor)
    needs_changes = page.locator("[data-tribune-dashboard=needs_changes]")
    expect(needs_changes).to_contain_text(title)
    expect(needs_changes).to_contain_text(f"“{REVIEW_COMMENT}” — Dana Mensah")
    screenshot(page, "07-changes-requested-on-dashboard")
    needs_changes.get_by_role("link", name=title).click()
    expect(page).to_have_url(edit_url)
    paragraph = page.locator("#body-root [contenteditable=true]").first
    paragraph.click()
    page.keyboard.press("End")
    page.keyboard.type(REVISION)
    expect(body_field_value(page)).to_have_value(re.compile(re.escape(FIRST_PARAGRAPH + REVISION)))
    open_action_menu(page)
    page.get_by_role("button", name=RESUBMIT).click()

    expect(page.locator(".messages")).to_contain_text(f"Page '{title}' has been submitted for moderation.")
    log_out(page, contributor)

    # The editor approves: Wagtail publishes the approved revision.
    admin_login(page, editor)
    page.locator("#awaiting-review-section").get_by_role("link", name=title).first.click()
    expect(page.locator("#body-root [contenteditable=true]").first).to_have_text(FIRST_PARAGRAPH + REVISION)
    open_action_menu(page)
    page.get_by_role("button", name="Approve and Publish").click()

    expect(page.locator(".messages")).to_contain_text(f"Page '{title}' has been updated.")
    expect(page.locator("tr", has_text=title)).to_contain_text("live", ignore_case=True)
    screenshot(page, "08-approved")
    with server_paused():
        article = ArticlePage.objects.get(pk=article.pk)
        assert article.live and not article.has_unpublished_changes
        article_url = url + article.url

    # Readers see it, bylined to the contributor's profile.
    page.goto(article_url)
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".article__standfirst")).to_have_text(STANDFIRST)
    expect(page.locator(".article__body")).to_contain_text(FIRST_PARAGRAPH + REVISION)
    byline = page.locator(".article__byline .byline__name")
    expect(byline).to_have_text("Amara Okafor")
    expect(byline).to_have_attribute("href", desk.profile.get_absolute_url())
    screenshot(page, "09-published")
