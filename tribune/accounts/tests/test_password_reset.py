"""Password resets: one path (allauth's), rate limited per address and per client, the same answer whether or not
the address has an account (issue 17, finding 2)."""

import re

import pytest
from allauth.account.models import EmailAddress

from tests.factories import UserFactory

RESET = "/accounts/password/reset/"
RESET_DONE = "/accounts/password/reset/done/"
PER_ADDRESS = 3  # ACCOUNT_RATE_LIMITS["reset_password"]: "…,3/h/key"
PER_CLIENT = 20  # "20/m/ip,…"


@pytest.fixture
def member(db):
    user = UserFactory(username="desk", email="desk@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)


@pytest.mark.parametrize("path", ["/admin/password_reset/", "/admin/password_reset/done/"])
def test_wagtails_admin_reset_leads_to_allauths(client, db, path):
    response = client.get(path)

    assert response.status_code == 302 and response["Location"] == RESET


def test_wagtails_admin_reset_sends_nothing(client, member, mailoutbox):
    for _ in range(8):
        response = client.post("/admin/password_reset/", {"email": member.email})
        assert response.status_code == 302 and response["Location"] == RESET

    assert mailoutbox == []


def test_an_old_admin_reset_link_leads_to_allauths_reset_form(client, db):
    response = client.get("/admin/password_reset/confirm/MQ/c3j2dd-0123456789abcdef/")

    assert response.status_code == 302 and response["Location"] == RESET


def test_rapid_resets_to_one_address_send_at_most_the_limit(client, member, mailoutbox):
    responses = [client.post(RESET, {"email": member.email}) for _ in range(8)]

    assert len(mailoutbox) == PER_ADDRESS
    assert {m.to[0] for m in mailoutbox} == {member.email}
    assert [r.status_code for r in responses] == [302] * PER_ADDRESS + [429] * (8 - PER_ADDRESS)


def test_the_address_limit_holds_for_any_spelling_and_any_client(client, member, mailoutbox):
    spellings = ["desk@example.org", "DESK@example.org", "Desk@Example.Org", "desk@EXAMPLE.ORG", "dEsk@example.org"]
    for n, spelling in enumerate(spellings):
        client.post(RESET, {"email": spelling}, REMOTE_ADDR=f"192.0.2.{n + 1}")

    assert len(mailoutbox) == PER_ADDRESS


def test_one_client_resetting_many_addresses_is_limited(client, db, mailoutbox):
    responses = [client.post(RESET, {"email": f"reader{n}@example.org"}) for n in range(PER_CLIENT + 5)]

    assert len(mailoutbox) == PER_CLIENT
    assert {r.status_code for r in responses[PER_CLIENT:]} == {429}


def test_unknown_addresses_count_against_the_limit_as_known_ones_do(client, db, mailoutbox):
    responses = [client.post(RESET, {"email": "nobody@example.org"}) for _ in range(PER_ADDRESS + 2)]

    assert len(mailoutbox) == PER_ADDRESS
    assert [r.status_code for r in responses][-1] == 429


def test_the_answer_is_the_same_whether_the_address_has_an_account(member, client_factory, mailoutbox):
    def reset(email):
        client = client_factory()
        client.get(RESET)
        posted = client.post(RESET, {"email": email})
        shown = client.get(posted["Location"])
        return (
            posted.status_code,
            posted["Location"],
            shown.status_code,
            [t.name for t in shown.templates],
            without_csrf(shown.content.decode()),
        )

    known, unknown = reset(member.email), reset("nobody@example.org")

    assert known == unknown
    assert known[:2] == (302, RESET_DONE)
    # Each address hears what it needs: a reset link for the account, a "no account here" note for the other.
    sent = {m.to[0]: m.body for m in mailoutbox}
    assert "/accounts/password/reset/key/" in sent[member.email]
    assert "/accounts/password/reset/key/" not in sent["nobody@example.org"]
    assert "/accounts/signup/" in sent["nobody@example.org"]


def test_the_reset_form_answers_the_same_for_a_known_and_an_unknown_address(member, client_factory):
    def form(email):
        client = client_factory()
        response = client.post(RESET, {"email": email}, follow=True)
        return response.status_code, [t.name for t in response.templates], without_csrf(response.content.decode())

    assert form(member.email) == form("nobody@example.org")


def test_setting_the_new_password_from_a_link_is_rate_limited_per_client(client, db):
    answers = [
        client.post("/accounts/password/reset/key/1-set-password/", {"password1": "x", "password2": "x"})
        for _ in range(21)
    ]

    assert 429 not in {a.status_code for a in answers[:20]}
    assert answers[-1].status_code == 429


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client
