"""Wagtail's account page changes neither the password nor the email address (they would skip allauth's
re-authentication); it links to the site's account pages instead."""

from bs4 import BeautifulSoup

from tribune.discussion.tests.conftest import verified_reader

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory


def filled_in(page) -> dict:
    """The account page's form as the browser would send it unchanged."""
    data = {}
    for field in page.select("form input[name], form select[name], form textarea[name]"):
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[field["name"]] = chosen["value"] if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[field["name"]] = field.get("value", "on")
        elif field.get("type") != "file":
            data[field["name"]] = field.get("value", "")
    return data


def test_posting_a_new_password_or_email_to_the_admin_account_page_changes_nothing(client, home):
    editor = verified_reader("deskhand", is_staff=True, is_superuser=True)
    client.force_login(editor)
    form = filled_in(BeautifulSoup(client.get("/admin/account/").content, "html.parser"))

    response = client.post(
        "/admin/account/",
        {
            **form,
            "name_email-first_name": "Desk",
            "name_email-last_name": "Hand",
            "name_email-email": "taken-over@evil.example",
            "password-old_password": PASSWORD,
            "password-new_password1": "a-brand-new-secret-42",
            "password-new_password2": "a-brand-new-secret-42",
        },
    )

    editor.refresh_from_db()
    assert response.status_code == 302  # the rest of the page saves
    assert editor.first_name == "Desk"
    assert editor.email == "deskhand@example.org"
    assert editor.check_password(PASSWORD) and not editor.check_password("a-brand-new-secret-42")


def test_the_admin_account_page_links_to_the_sites_account_pages(client, home):
    client.force_login(verified_reader("linkfinder", is_staff=True, is_superuser=True))

    page = BeautifulSoup(client.get("/admin/account/").content, "html.parser")

    links = {a["href"] for a in page.select("#tab-actions a")}
    assert {"/accounts/email/", "/accounts/password/change/", "/accounts/2fa/"} <= links
    assert not page.select("input[name='password-new_password1'], input[name='name_email-email']")
