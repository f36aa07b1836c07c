"""The desk's email reaches each person in their language: an invitation in the language the editor chose for it
(and the expert's account keeps it), a pitch to each section editor in theirs."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory
from tribune.editorial import services
from tribune.editorial.roles import role_assign

STRONG_PASSWORD = "quiet-harbour-lantern-42"
PITCH = {
    "working_title": "Monsoon forecasts and the sowing calendar",
    "summary": "How better seasonal forecasts change what farmers plant, and when.",
    "angle": "District sowing records set against ten years of forecasts.",
    "why_now": "The season's first long-range forecast comes out next week.",
    "expected_length": 1400,
}


@pytest.fixture
def section_editor(editor, section):
    role_assign(user=editor, role="editor", sections=[section])
    return editor


def test_an_invitation_in_russian_reaches_the_expert_in_russian_and_their_account_keeps_it(
    client, section, section_editor, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(section_editor)
    invitee = {"name": "Irina Volkova", "email": "irina@example.org", "sections": [section.pk], "language": "ru"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("editorial:invitation_create"), invitee)

    assert response.status_code == 302
    [mail] = mailoutbox
    assert mail.subject.startswith("Приглашаем вас писать для")
    link = re.search(r"http://testserver(/\S+/)", mail.body).group(1)
    assert link.startswith("/ru/invitations/")
    client.logout()

    accepted = client.post(link, {"password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD})

    assert accepted.status_code == 302
    assert get_user_model().objects.get(email="irina@example.org").language == "ru"


def test_the_invitation_form_offers_the_editions_languages(client, section_editor):
    client.force_login(section_editor)

    form = client.get(reverse("editorial:invitation_create")).context["form"]

    assert [code for code, _name in form.fields["language"].choices] == ["en", "hi", "ru"]
    refused = client.post(
        reverse("editorial:invitation_create"), {"name": "X", "email": "x@example.org", "language": "xx"}
    )
    assert refused.status_code == 200 and "language" in refused.context["form"].errors


def test_a_pitch_reaches_each_section_editor_in_their_own_language(
    section, section_editor, mailoutbox, django_capture_on_commit_callbacks
):
    hindi_editor = UserFactory(username="meera", email="meera@example.org", is_staff=True, language="hi")
    role_assign(user=hindi_editor, role="editor", sections=[section])
    author = UserFactory(username="amara", first_name="Amara", last_name="Okafor")
    role_assign(user=author, role="contributor", sections=[section])

    with django_capture_on_commit_callbacks(execute=True):
        services.pitch_submit(author=author, section=section, **PITCH)

    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert sorted(by_recipient) == sorted([section_editor.email, "meera@example.org"])
    assert all(len(message.to) == 1 for message in mailoutbox)
    assert by_recipient["meera@example.org"].subject == f"नया प्रस्ताव: {PITCH['working_title']}"
    assert by_recipient[section_editor.email].subject == f"New pitch: {PITCH['working_title']}"
