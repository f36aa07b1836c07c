"""Two editors in two browsers on one article: the second to save is refused, keeps their text, can compare the
versions in Wagtail's comparison, and can keep their own version on purpose. The page editor's scripts (autosave,
editing-session pings) run as they would for real people."""

from playwright.sync_api import expect

from tests.factories import UserFactory, make_article
from tribune.editorial.roles import role_assign
from tribune.newsroom.models import ArticlePage

from .conftest import PASSWORD

PHONE_VIEWPORT = {"width": 375, "height": 812}
ANA_TITLE = "Coalition talks resume after a week of silence"
BEN_TITLE = "Coalition talks resume, and the budget is first"


def save_draft(page) -> None:
    page.get_by_role("button", name="Save draft").click()


def test_the_second_editor_to_save_is_refused_and_can_compare_and_keep_their_version(
    editorial_desk, new_page, admin_login, server_paused, screenshot
):
    desk = editorial_desk
    with server_paused():
        article = make_article(desk.section, title="Coalition talks resume")
        ana = UserFactory(username="ana", first_name="Ana", last_name="Rao", password=PASSWORD)
        role_assign(user=ana, role="editor", sections=[desk.section])
    edit_url = f"{desk.url}/admin/pages/{article.pk}/edit/"
    ana_page, ben_page = new_page(), new_page()
    admin_login(ana_page, ana)
    admin_login(ben_page, desk.editor)
    ana_page.goto(edit_url)
    ben_page.goto(edit_url)

    ana_page.get_by_role("textbox", name="Title").fill(ANA_TITLE)
    save_draft(ana_page)
    expect(ana_page.locator(".messages")).to_contain_text("has been updated")

    ben_page.get_by_role("textbox", name="Title").fill(BEN_TITLE)
    save_draft(ben_page)

    refusal = ben_page.locator("[data-edit-conflict]")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("Not saved: Ana Rao saved a newer version at ")
    expect(ben_page.get_by_role("textbox", name="Title")).to_have_value(BEN_TITLE)
    screenshot(ben_page, "edits_refusal_1280")
    ben_page.set_viewport_size(PHONE_VIEWPORT)
    expect(refusal).to_be_visible()
    screenshot(ben_page, "edits_refusal_375")
    with server_paused():
        assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().title == ANA_TITLE

    with ben_page.context.expect_page() as opened:
        ben_page.get_by_role("link", name="Compare your starting version with theirs").click()
    comparison = opened.value
    expect(comparison.locator("body")).to_contain_text(ANA_TITLE)
    screenshot(comparison, "edits_compare")
    comparison.close()

    ben_page.get_by_role("button", name="Save my version as the newest draft").click()
    expect(ben_page.locator(".messages")).to_contain_text("has been updated")
    expect(ben_page.get_by_role("textbox", name="Title")).to_have_value(BEN_TITLE)
    with server_paused():
        assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().title == BEN_TITLE
