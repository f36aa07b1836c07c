"""Email goes out in the language its recipient reads: the one they chose, else the edition they signed up in (or,
for staff, the admin language they chose), else the outlet's default; allauth's links lead to that language's pages."""

import re

from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import UserFactory
from tribune.accounts.mail import email_language, mail_users

PASSWORD = "a-long-pass-phrase-42"


def reader(username: str, language: str = "", **fields):
    user = UserFactory(username=username, email=f"{username}@example.org", language=language, **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


class TestTheLanguageOfAPerson:
    def test_their_own_choice_comes_first(self, db, settings):
        assert email_language(reader("meera", "hi")) == "hi"
        assert email_language(reader("olga", "ru"), default="hi") == "ru"

    def test_without_a_choice_the_default_given_then_the_outlets_language(self, db):
        nobody_chose = reader("sam")
        assert email_language(nobody_chose, default="ru") == "ru"
        assert email_language(nobody_chose) == "en"

    def test_a_language_that_is_no_longer_an_edition_falls_back(self, db):
        assert email_language(reader("pierre", "fr")) == "en"
        assert email_language(reader("pat", "ru-RU")) == "ru"  # a regional variant reads its edition's language

    def test_staff_who_chose_no_email_language_get_the_admin_language_they_chose(self, db):
        from wagtail.users.models import UserProfile

        desk = reader("desk", is_staff=True)
        profile = UserProfile.get_for_user(desk)
        profile.preferred_language = "ru"
        profile.save()
        assert email_language(desk) == "ru"
        desk.language = "hi"
        assert email_language(desk) == "hi"  # their email choice wins

    def test_a_message_to_several_people_is_written_once_per_language(self, db, mailoutbox):
        people = [reader("meera", "hi"), reader("olga", "ru"), reader("sam"), reader("ravi", "hi")]

        mail_users("discussion/email/digest.txt", {"pending": 2, "reported": 0, "link": "http://x/"}, people)

        by_recipients = {tuple(sorted(message.to)): message for message in mailoutbox}
        assert set(by_recipients) == {
            ("meera@example.org", "ravi@example.org"),
            ("olga@example.org",),
            ("sam@example.org",),
        }
        assert re.search(r"[\u0900-\u097f]", by_recipients[("meera@example.org", "ravi@example.org")].subject)
        assert re.search(r"[\u0400-\u04ff]", by_recipients[("olga@example.org",)].subject)
        assert not re.search(r"[\u0400-\u04ff\u0900-\u097f]", by_recipients[("sam@example.org",)].subject)


def test_a_reader_who_signs_up_in_the_hindi_edition_is_written_to_in_hindi(db, mailoutbox):
    client = Client()
    data = {"email": "newcomer@example.org", "password1": PASSWORD, "password2": PASSWORD, "display_name": "Asha"}

    response = client.post("/hi/accounts/signup/", data)

    assert response.status_code == 302
    user = get_user_model().objects.get(email="newcomer@example.org")
    assert user.language == "hi"
    [mail] = mailoutbox
    assert mail.subject == "अपने ईमेल पते की पुष्टि करें"
    assert "अपना खाता बनाना पूरा करने के लिए" in mail.body
    assert re.search(r"http://testserver/hi/accounts/confirm-email/[^/\s]+/", mail.body)


def test_a_reader_who_signs_up_in_english_is_written_to_in_english(db, mailoutbox):
    data = {"email": "newcomer@example.org", "password1": PASSWORD, "password2": PASSWORD, "display_name": "Asha"}

    Client().post("/accounts/signup/", data)

    assert get_user_model().objects.get(email="newcomer@example.org").language == "en"
    [mail] = mailoutbox
    assert mail.subject == "Confirm your email address"
    assert re.search(r"http://testserver/accounts/confirm-email/[^/\s]+/", mail.body)


def test_a_password_reset_asked_from_the_english_page_reaches_a_russian_reader_in_russian(db, mailoutbox):
    reader("olga", "ru")

    Client().post("/accounts/password/reset/", {"email": "olga@example.org"})

    [mail] = mailoutbox
    assert mail.subject == "Задайте новый пароль"
    assert "Кто-то, возможно вы, попросил задать новый пароль" in mail.body
    link = re.search(r"http://testserver(/\S+/)", mail.body).group(1)
    assert link.startswith("/ru/accounts/password/reset/key/")
    assert Client().get(link).status_code in {200, 302}  # the link works in the Russian edition


def test_an_unknown_address_hears_in_the_language_of_the_page_it_was_asked_from(db, mailoutbox):
    Client().post("/hi/accounts/password/reset/", {"email": "nobody@example.org"})

    [mail] = mailoutbox
    assert mail.subject == "इस पते से कोई खाता नहीं है"
    assert "http://testserver/hi/accounts/signup/" in mail.body


def test_a_reader_chooses_the_language_of_their_emails_on_their_profile(db, client):
    user = reader("sam")
    client.force_login(user)

    form = client.get("/accounts/profile/")
    assert 'name="language"' in form.content.decode()
    saved = client.post("/accounts/profile/", {"display_name": "Sam", "language": "ru"})
    refused = client.post("/accounts/profile/", {"display_name": "Sam", "language": "xx"})

    assert saved.status_code == 302
    assert refused.status_code == 200 and "language" in refused.context["form"].errors
    user.refresh_from_db()
    assert user.language == "ru"
