"""Invitations: an editor invites an expert, who chooses a password from a one-time link and enters the admin."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tribune.contributors.models import Contributor
from tribune.editorial import admin_views, forms, services
from tribune.editorial.models import Invitation
from tribune.editorial.roles import role_assign

STRONG_PASSWORD = "quiet-harbour-lantern-42"
INVITEE = {"name": "Wanjiru Kamau", "email": "wanjiru@example.org"}


def page_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def accept_url(token: str) -> str:
    return reverse("invitation_accept", args=[token])


@pytest.fixture
def section_editor(editor, section):
    role_assign(user=editor, role="editor", sections=[section])
    return editor


@pytest.fixture
def author(section):
    user = UserFactory(username="amara")
    role_assign(user=user, role="contributor", sections=[section])
    return user


@pytest.fixture
def invitation_and_token(section, section_editor):
    return services.invitation_create(sections=[section], invited_by=section_editor, **INVITEE)


def test_an_invited_expert_chooses_a_password_and_arrives_in_the_admin(
    client, section, section_editor, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(section_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("editorial:invitation_create"), {**INVITEE, "sections": [section.pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse("editorial:invitation_list")
    assert [message.to for message in mailoutbox] == [[INVITEE["email"]]]
    link = re.search(r"http://testserver(/invitations/[^/\s]+/)", mailoutbox[0].body).group(1)
    client.logout()

    form_page = client.get(link)
    assert form_page.status_code == 200
    assert form_page["Cache-Control"].startswith("max-age=0")
    page = BeautifulSoup(form_page.content, "html.parser")
    assert page.select_one("main h1").get_text(strip=True) == "Choose your password"
    for name in ("password1", "password2"):
        field = page.select_one(f"input[name={name}]")
        assert field["type"] == "password"
        assert page.select_one(f"label[for={field['id']}]").get_text(strip=True)

    response = client.post(link, {"password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    user = get_user_model().objects.get(email=INVITEE["email"])
    assert user.check_password(STRONG_PASSWORD)
    assert set(user.groups.values_list("name", flat=True)) == {"Contributors", "Contributors · analysis"}
    profile = Contributor.objects.get(user=user)
    assert profile.name == INVITEE["name"]
    assert not profile.live
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    invitation = Invitation.objects.get()
    assert invitation.user == user
    assert invitation.accepted_at is not None


def test_an_invited_expert_signs_in_again_with_the_password_and_no_confirmation_step(client, invitation_and_token):
    _, token = invitation_and_token
    services.invitation_accept(token=token, password=STRONG_PASSWORD)

    response = client.post(
        f"{reverse('account_login')}?next=/admin/", {"login": INVITEE["email"], "password": STRONG_PASSWORD}
    )

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_used_link_says_so_with_410_and_creates_nothing_more(client, invitation_and_token):
    invitation, token = invitation_and_token
    client.post(accept_url(token), {"password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD})
    client.logout()

    for response in (
        client.get(accept_url(token)),
        client.post(accept_url(token), {"password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD}),
    ):
        assert response.status_code == 410
        assert services.INVITATION_USED in page_text(response)
        assert "already been used" in page_text(response)
        assert invitation.email not in page_text(response)
    assert get_user_model().objects.filter(email=invitation.email).count() == 1


def test_an_expired_link_says_so_with_410(client, invitation_and_token):
    invitation, token = invitation_and_token
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    for response in (
        client.get(accept_url(token)),
        client.post(accept_url(token), {"password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD}),
    ):
        assert response.status_code == 410
        assert services.INVITATION_EXPIRED in page_text(response)
        assert invitation.email not in page_text(response)
    assert not get_user_model().objects.filter(email=invitation.email).exists()


def test_an_unknown_link_is_not_found_and_reveals_no_invitation(client, invitation_and_token):
    invitation, _token = invitation_and_token

    response = client.get(accept_url("not-a-real-token"))

    assert response.status_code == 404
    assert services.INVITATION_INVALID in page_text(response)
    assert invitation.email not in page_text(response)
    assert invitation.name not in page_text(response)


@pytest.mark.parametrize("password", ["short", "password123", "wanjiru@example.org"])
def test_a_weak_password_is_refused_with_the_reason(client, invitation_and_token, password):
    invitation, token = invitation_and_token

    response = client.post(accept_url(token), {"password1": password, "password2": password})

    assert response.status_code == 200
    errors = response.context["form"].errors["password1"]
    assert errors
    assert errors[0] in page_text(response)
    assert not get_user_model().objects.filter(email=invitation.email).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert "_auth_user_id" not in client.session


def test_the_two_passwords_must_match(client, invitation_and_token):
    _invitation, token = invitation_and_token

    response = client.post(accept_url(token), {"password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD + "x"})

    assert response.context["form"].errors["password2"] == [forms.PASSWORDS_DIFFER]
    assert not get_user_model().objects.filter(email=INVITEE["email"]).exists()


def test_the_invitation_page_enforces_csrf(invitation_and_token):
    _invitation, token = invitation_and_token
    client = Client(enforce_csrf_checks=True)

    response = client.post(accept_url(token), {"password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD})

    assert response.status_code == 403
    assert not get_user_model().objects.filter(email=INVITEE["email"]).exists()


@pytest.mark.parametrize("name", ["invitation_list", "invitation_create"])
def test_invitation_screens_climb_the_ladder_from_anonymous_to_editor(client, reader, author, section_editor, name):
    target = reverse(f"editorial:{name}")

    anonymous = client.get(target)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))

    client.force_login(reader)
    assert client.get(target)["Location"].startswith(reverse("account_login"))

    client.force_login(author)
    refused = client.get(target)
    assert refused.status_code == 403
    assert admin_views.NO_PERMISSION in page_text(refused)

    client.force_login(section_editor)
    assert client.get(target).status_code == 200


def test_a_contributor_cannot_send_an_invitation(client, author, section, mailoutbox):
    client.force_login(author)

    response = client.post(reverse("editorial:invitation_create"), {**INVITEE, "sections": [section.pk]})

    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_inviting_an_address_that_already_has_an_account_is_a_form_error(client, section, section_editor):
    UserFactory(username="existing", email="Wanjiru@Example.org")
    client.force_login(section_editor)

    response = client.post(reverse("editorial:invitation_create"), {**INVITEE, "sections": [section.pk]})

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [services.EMAIL_TAKEN]
    assert not Invitation.objects.exists()


def test_an_invitation_needs_a_section_the_editor_edits(client, section, other_section, section_editor):
    client.force_login(section_editor)

    without = client.post(reverse("editorial:invitation_create"), INVITEE)
    elsewhere = client.post(reverse("editorial:invitation_create"), {**INVITEE, "sections": [other_section.pk]})

    assert without.context["form"].errors["sections"] == [services.SECTIONS_REQUIRED]
    assert "sections" in elsewhere.context["form"].errors
    choices = BeautifulSoup(client.get(reverse("editorial:invitation_create")).content, "html.parser")
    assert [box["value"] for box in choices.select("input[name=sections]")] == [str(section.pk)]
    assert not Invitation.objects.exists()


def test_editors_list_their_own_invitations_and_chief_editors_list_all(
    client, section, other_section, section_editor, superuser
):
    other_editor = UserFactory(username="olu")
    role_assign(user=other_editor, role="editor", sections=[other_section])
    services.invitation_create(
        name="Mine Pending", email="mine@example.org", sections=[section], invited_by=section_editor
    )
    expired, _ = services.invitation_create(
        name="Mine Expired", email="old@example.org", sections=[section], invited_by=section_editor
    )
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))
    services.invitation_create(
        name="Someone Else's", email="theirs@example.org", sections=[other_section], invited_by=other_editor
    )

    def rows(user):
        client.force_login(user)
        page = BeautifulSoup(client.get(reverse("editorial:invitation_list")).content, "html.parser")
        return [[cell.get_text(" ", strip=True) for cell in row.select("td")][:4] for row in page.select("tbody tr")]

    assert rows(section_editor) == [
        ["Mine Expired", "old@example.org", section.title, "expired"],
        ["Mine Pending", "mine@example.org", section.title, "pending"],
    ]
    assert [row[0] for row in rows(superuser)] == ["Someone Else's", "Mine Expired", "Mine Pending"]


def test_an_accepted_invitation_is_listed_as_accepted(client, invitation_and_token, section_editor):
    _invitation, token = invitation_and_token
    services.invitation_accept(token=token, password=STRONG_PASSWORD)
    client.force_login(section_editor)

    page = BeautifulSoup(client.get(reverse("editorial:invitation_list")).content, "html.parser")

    assert page.select_one("tbody tr td:nth-of-type(4)").get_text(strip=True) == "accepted"


def test_the_invitations_menu_item_is_shown_to_editors_only(section_editor, author, reader):
    item = admin_views.invitations_menu_item()
    request = RequestFactory().get("/admin/")

    def shown_to(user):
        request.user = user
        return item.is_shown(request)

    assert shown_to(section_editor)
    assert not shown_to(author)
    assert not shown_to(reader)
    assert item.url == reverse("editorial:invitation_list")
