"""A contributor is the natural attacker of an editor: whatever they type is later rendered to editors, chief editors
and readers, inside the admin as well as on the public site.

The contributor fills every field they control with script-injection payloads, through the admin's own forms: their
account name, a pitch, their expert profile (with the rich-text biography typed into Draftail), a photo they upload
(title, alt text, caption, agency, photographer) and the article they were commissioned to write (title, standfirst,
the photo chosen as lead image, its caption, a paragraph typed into Draftail). Draftail's link dialog refuses a
``javascript:`` URL, so the contributor then does what an attacker would: edits the editor's serialized content in
the browser to carry such a link and submits the form, the same POST the UI makes. Only the editor's decisions
(approving the profile, accepting the pitch, approving the article) go through the services.

An editor and a superuser then open every screen that shows this content, and readers' pages once it is published.
On each: no dialog opened, ``window.__xss`` was never set, the DOM holds no injected script, event handler or
``javascript:`` URL, and the payload is on screen as text, which shows the page really rendered it, escaped.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from playwright.sync_api import Page, expect

from django.utils.text import slugify

from tribune.contributors.models import Contributor
from tribune.editorial.models import Pitch
from tribune.editorial.services import pitch_accept
from tribune.media.models import TribuneImage
from tribune.newsroom.models import ArticlePage

from ..factories import make_image_file

MARKER = "window.__xss=1"
SCRIPT_TAG = f"<script>{MARKER}</script>"
ATTRIBUTE_BREAKOUT = f'"><img src=x onerror="{MARKER}">'
SVG_ONLOAD = f"<svg onload={MARKER}>"
JAVASCRIPT_URL = f"javascript:{MARKER}"


def hostile(label: str) -> str:
    """A field's worth of payloads: 99 characters after the label, so labels up to 21 fit 120-character fields."""
    return f"{label} {SCRIPT_TAG} {ATTRIBUTE_BREAKOUT} {SVG_ONLOAD}"


# What an injection leaves in the page even when it did not run, and whether the payload is on screen as text.
PROBE = """() => {
    const everything = [...document.querySelectorAll("*")];
    const attributeNames = ["href", "src", "action", "formaction", "xlink:href"];
    const text = [document.body.innerText, ...[...document.querySelectorAll("input, textarea")].map(el => el.value)];
    return {
        flag: typeof window.__xss,
        scripts: [...document.scripts].filter(el => el.textContent.trim() === "MARKER").map(el => el.outerHTML),
        handlers: everything
            .filter(el => [...el.attributes].some(a => a.name.startsWith("on") && a.value.includes("__xss")))
            .map(el => el.outerHTML.slice(0, 160)),
        urls: everything
            .filter(el => attributeNames.some(name => /^\\s*javascript:.*__xss/is.test(el.getAttribute(name) || "")))
            .map(el => el.outerHTML.slice(0, 160)),
        shown: text.join("\\n").includes("MARKER"),
    };
}""".replace("MARKER", MARKER)

# Turns the first paragraph of a Draftail field's serialized content into a javascript: link.
WITH_JAVASCRIPT_LINK = """(input, url) => {
    const state = JSON.parse(input.value);
    const block = state.blocks[0];
    state.entityMap["0"] = {type: "LINK", mutability: "MUTABLE", data: {url}};
    block.entityRanges = [{offset: 0, length: block.text.length, key: 0}];
    input.value = JSON.stringify(state);
}"""


@dataclass
class Browser:
    """One person's browser tab, remembering every dialog any page opened in it."""

    page: Page
    dialogs: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, new_page) -> "Browser":
        browser = cls(new_page())
        browser.page.on("dialog", lambda dialog: (browser.dialogs.append(dialog.message), dialog.dismiss()))
        return browser

    def findings(self) -> list[str]:
        found = self.page.evaluate(PROBE)
        problems = [f"dialog opened: {message!r}" for message in self.dialogs]
        self.dialogs.clear()
        if found["flag"] != "undefined":
            problems.append("window.__xss was set: a payload ran")
        problems += [f"injected script: {html}" for html in found["scripts"]]
        problems += [f"injected event handler: {html}" for html in found["handlers"]]
        problems += [f"javascript: URL: {html}" for html in found["urls"]]
        if not found["shown"]:
            problems.append("no payload on screen as text, so this page proves nothing")
        return problems

    def visit(self, url: str) -> list[str]:
        response = self.page.goto(url)
        self.page.wait_for_load_state("load")
        if response.status != 200:
            return [f"answered {response.status}"]
        return self.findings()


def draftail(page, field_name: str):
    return page.locator(f"[data-contentpath={field_name}] [contenteditable=true]").first


def type_into_draftail(page, field_name: str, hidden_input: str, text: str) -> None:
    draftail(page, field_name).click()
    page.keyboard.type(text)
    # Draftail writes to its hidden input a moment after typing stops; wait, so the form posts what was typed.
    expect(page.locator(f"input[name='{hidden_input}']")).to_have_value(re.compile(re.escape(MARKER)))


def post_with_javascript_link(page, hidden_input: str, submit) -> str:
    """Rewrite the field's serialized content to carry a javascript: link, submit, and return the body posted."""
    # Leave the editor and let its last save pass, so that nothing it saves later undoes the change.
    page.evaluate("document.activeElement.blur()")
    page.wait_for_timeout(500)
    page.locator(f"input[name='{hidden_input}']").evaluate(WITH_JAVASCRIPT_LINK, JAVASCRIPT_URL)
    # The submission itself, not an autosave that may leave at the same moment.
    with page.expect_request(lambda request: "action-submit" in (request.post_data or "")) as posted:
        submit()
    return unquote(posted.value.post_data or "")


def submit_from_action_menu(page, label) -> None:
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=label).click()


def test_what_a_contributor_types_cannot_run_in_an_editors_browser(
    editorial_desk, new_page, admin_login, superuser, server_paused, screenshot
):
    desk = editorial_desk
    url, contributor, editor = desk.url, desk.contributor, desk.editor

    # The contributor's own account name: shown as the author of pitches, revisions and workflow steps.
    attacker = Browser.open(new_page)
    page = attacker.page
    admin_login(page, contributor)
    page.goto(url + "/admin/account/")
    page.get_by_label("First name").fill(hostile("First"))
    page.get_by_label("Last name").fill(hostile("Last"))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Your account settings have been changed")

    # A pitch.
    page.goto(url + "/admin/editorial/pitches/new/")
    page.get_by_label("Working title").fill(hostile("Pitch"))
    page.get_by_label("Summary").fill(hostile("Summary") + "\n" + JAVASCRIPT_URL)
    page.get_by_label("Angle").fill(hostile("Angle"))
    page.get_by_label("Why now").fill(hostile("Why now"))
    page.get_by_role("button", name="Submit pitch").click()
    expect(page.locator(".messages")).to_contain_text("was sent to the editors")
    with server_paused():
        pitch = Pitch.objects.get()

    # Their expert profile, sent for approval; the biography carries a javascript: link as well.
    page.goto(f"{url}/admin/snippets/contributors/contributor/edit/{desk.profile.pk}/")
    page.get_by_role("textbox", name="Name").first.fill(hostile("Name"))
    page.get_by_role("textbox", name="Role").fill(hostile("Role"))
    page.get_by_role("textbox", name="Affiliation").fill(hostile("Affiliation"))
    page.get_by_role("textbox", name="Short bio").fill(hostile("Short bio"))
    page.get_by_role("textbox", name="Conflict-of-interest disclosure").fill(hostile("Disclosure"))
    type_into_draftail(page, "bio", "bio", hostile("Biography"))
    posted = post_with_javascript_link(
        page, "bio", lambda: submit_from_action_menu(page, re.compile("Submit to Expert profile review"))
    )
    assert JAVASCRIPT_URL in posted, "the tampered biography was not what the form sent"
    expect(page.locator(".messages")).to_contain_text("submitted")
    with server_paused():
        profile = Contributor.objects.get(pk=desk.profile.pk)
        submitted_bio = profile.latest_revision.content["bio"]
        assert "Biography" in submitted_bio and "javascript:" not in submitted_bio
        # The desk approves the profile, so that listings and bylines show it, and accepts the pitch.
        profile.current_workflow_task_state.approve(user=editor)
        article = pitch_accept(pitch=pitch, editor=editor)

    # A photo.
    page.goto(url + "/admin/images/add/")
    photo_file = make_image_file("photo.jpg")
    page.get_by_label("File").set_input_files(
        {"name": photo_file.name, "mimeType": "image/jpeg", "buffer": photo_file.file.getvalue()}
    )
    photo_fields = {
        "Title": "Photo title",
        "Description": "Alt text",
        "Caption": "Photo caption",
        "Agency": "Agency",
        "Photographer": "Photographer",
    }
    for label, payload_label in photo_fields.items():
        page.get_by_role("textbox", name=re.compile(rf"^{label}\*?$")).fill(hostile(payload_label))  # "*": required
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".messages")).to_contain_text("added")
    with server_paused():
        photo = TribuneImage.objects.get()
        assert photo.uploaded_by_user == contributor

    # The article, with the photo chosen as its lead image, submitted for review.
    page.goto(url + "/admin/")
    page.locator("[data-tribune-dashboard=drafts] a").first.click()
    page.get_by_role("textbox", name="Standfirst").fill(hostile("Standfirst"))
    page.get_by_role("button", name="Choose an image").first.click()
    page.get_by_role("dialog").get_by_role("link", name=re.compile("Photo title")).click()
    expect(page.locator("#id_lead_image-title")).to_contain_text("Photo title")
    page.get_by_role("textbox", name="Lead image caption").fill(hostile("Lead caption"))
    page.locator("#body-root").get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    type_into_draftail(page, "body", "body-0-value", hostile("Paragraph"))
    # Draftail's own link dialog refuses the javascript: URL...
    draftail(page, "body").press("ControlOrMeta+a")
    draftail(page, "body").press("ControlOrMeta+k")
    link_dialog = page.get_by_role("dialog")
    link_dialog.get_by_role("link", name="External link").click()
    link_dialog.get_by_label("URL").fill(JAVASCRIPT_URL)
    link_dialog.get_by_role("button", name=re.compile("Insert link|Save")).click()
    expect(link_dialog).to_contain_text("Enter a valid URL.")
    link_dialog.get_by_role("button", name="Close").click()
    # ...so the contributor edits the serialized content instead and posts the form as the UI would.
    posted = post_with_javascript_link(
        page, "body-0-value", lambda: submit_from_action_menu(page, re.compile("Submit to Editorial review"))
    )
    assert JAVASCRIPT_URL in posted, "the tampered paragraph was not what the form sent"
    expect(page.locator(".messages")).to_contain_text("has been submitted for moderation")
    with server_paused():
        article = ArticlePage.objects.get(pk=article.pk)
        submitted_body = str(article.get_latest_revision_as_object().body)
        assert "Paragraph" in submitted_body and "javascript:" not in submitted_body
        revisions = article.revisions.order_by("created_at", "pk")
        first_revision, last_revision = revisions.first().pk, revisions.last().pk
    # The page explorer the contributor lands on, and their own "My pieces".
    assert attacker.findings() == []
    assert attacker.visit(url + "/admin/") == []

    # Editors open everything the contributor touched.
    admin_screens = {
        "dashboard (awaiting your review)": "/admin/",
        "page explorer for the section": f"/admin/pages/{desk.section.pk}/",
        "page editor": f"/admin/pages/{article.pk}/edit/",
        "preview (view draft)": f"/admin/pages/{article.pk}/view_draft/",
        "page history": f"/admin/pages/{article.pk}/history/",
        "workflow history": f"/admin/pages/{article.pk}/workflow_history/",
        "revisions compare": f"/admin/pages/{article.pk}/revisions/compare/{first_revision}...{last_revision}/",
        "image listing": "/admin/images/",
        "image edit": f"/admin/images/{photo.pk}/",
        "profile listing": "/admin/snippets/contributors/contributor/",
        "profile edit": f"/admin/snippets/contributors/contributor/edit/{desk.profile.pk}/",
        "profile history": f"/admin/snippets/contributors/contributor/history/{desk.profile.pk}/",
        "pitch list": "/admin/editorial/pitches/",
        "pitch detail": f"/admin/editorial/pitches/{pitch.pk}/",
    }
    problems = {}
    browsers = {"editor": Browser.open(new_page), "superuser": Browser.open(new_page)}
    for role, user in (("editor", editor), ("superuser", superuser)):
        browser = browsers[role]
        admin_login(browser.page, user)
        for name, path in admin_screens.items():
            problems[f"{role}: {name}"] = browser.visit(url + path)
            if name == "page editor":
                # The image chooser, opened from the lead image as an editor would.
                browser.page.locator("[aria-describedby='id_lead_image-title']").click()
                browser.page.get_by_role("button", name="Change image").click()
                expect(browser.page.get_by_role("dialog")).to_contain_text("Photo title")
                problems[f"{role}: image chooser"] = browser.findings()
                screenshot(browser.page, f"{role}-image-chooser")
        screenshot(browser.page, f"{role}-pitch-detail")

    # Once the article is approved, readers see it and the contributor's page.
    with server_paused():
        article.current_workflow_task_state.approve(user=editor)
        article.refresh_from_db()
        assert article.live
        public_pages = {
            "front page": "/",
            "section page": desk.section.url,
            "article": article.url,
            "contributor page": desk.profile.get_absolute_url(),
            "experts directory": "/experts/",
        }
    browsers["reader"] = Browser.open(new_page)
    for role, browser in browsers.items():
        for name, path in public_pages.items():
            problems[f"{role}: {name}"] = browser.visit(url + path)
            screenshot(browser.page, f"{role}-{slugify(name)}")

    problems = {where: found for where, found in problems.items() if found}
    assert not problems, "Contributor content could run script:\n" + "\n".join(
        f"- {where}: {'; '.join(found)}" for where, found in problems.items()
    )
