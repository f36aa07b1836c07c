"""Discussions in language editions: a translation has its own discussion, and comments are moderated with the word
lists of their article's language."""

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from wagtail.models import Locale, Site

from tests.factories import make_article, paragraph
from tribune.discussion import services
from tribune.discussion.models import CommentStatus

EDITIONS = [("en", "English"), ("hi", "हिन्दी"), ("ru", "Русский")]


@pytest.fixture
def editions(settings):
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = EDITIONS


def translate(page, language_code: str, **fields):
    """The published translation of ``page``, with its section and home page translated and published too."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    translated = page.copy_for_translation(locale, copy_parents=True)
    for ancestor in translated.get_ancestors().filter(locale=locale, live=False).specific():
        ancestor.save_revision().publish()
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


@pytest.fixture
def english(section, config):
    return make_article(section, title="Monsoon arrives early", body=[paragraph("The rains came a week early.")])


@pytest.fixture
def hindi(english, editions):
    return translate(english, "hi", title="मानसून जल्दी आया", body=[paragraph("बारिश एक हफ़्ते पहले आई।")])


def comment_texts(client, article) -> list[str]:
    response = client.get(article.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [node.get_text(" ", strip=True) for node in html.select("[id^=comment-]")]


def test_a_translation_has_a_discussion_of_its_own(client, english, hindi, alice, bob):
    assert hindi.url.startswith("/hi/")
    services.comment_post(article=hindi, author=alice, body="बहुत अच्छा लेख, धन्यवाद।")
    services.comment_post(article=english, author=bob, body="A welcome early monsoon.")

    on_hindi, on_english = comment_texts(client, hindi), comment_texts(client, english)

    assert any("धन्यवाद" in text for text in on_hindi)
    assert not any("monsoon" in text.lower() for text in on_hindi)
    assert any("welcome early monsoon" in text for text in on_english)
    assert not any("धन्यवाद" in text for text in on_english)


def test_a_comment_is_checked_against_its_articles_language(english, hindi, config, alice):
    config.comments_per_minute = 10  # four comments in a row
    services.moderation_words_set(config=config, language_code="hi", banned_words="बदमाश")
    services.moderation_words_set(config=config, language_code="en", suspect_words="hoax")

    on_hindi = services.comment_post(article=hindi, author=alice, body="यह बदमाश है।")
    hindi_word_on_english = services.comment_post(article=english, author=alice, body="Not a बदमाश at all.")
    english_word_on_hindi = services.comment_post(article=hindi, author=alice, body="hoax नहीं है।")
    on_english = services.comment_post(article=english, author=alice, body="Surely a hoax.")

    assert on_hindi.status == CommentStatus.REJECTED and on_hindi.moderation_rule == "banned_word"
    assert hindi_word_on_english.status == CommentStatus.APPROVED
    assert english_word_on_hindi.status == CommentStatus.APPROVED
    assert on_english.status == CommentStatus.PENDING and on_english.moderation_rule == "suspect_word"


def settings_url() -> str:
    return reverse("wagtailsettings:edit", args=["discussion", "discussionsettings", Site.objects.get().pk])


def test_the_settings_offer_a_word_list_for_every_enabled_language(client, editions, config, superuser):
    services.moderation_words_set(config=config, language_code="ru", banned_words="негодяй")
    client.force_login(superuser)

    html = BeautifulSoup(client.get(settings_url()).content, "html.parser")

    offered = {}
    for select in html.select("select[name^=language_word_lists-][name$=-language_code]"):
        chosen = select.select_one("option[selected]")
        words = html.select_one(f"textarea[name={select['name'].replace('language_code', 'banned_words')}]")
        offered[chosen["value"]] = words.get_text().strip()
    assert offered == {"ru": "негодяй", "en": "", "hi": ""}


def test_a_word_list_saved_in_the_settings_moderates_its_language(client, editions, english, hindi, superuser, alice):
    client.force_login(superuser)
    form = BeautifulSoup(client.get(settings_url()).content, "html.parser").select_one("form[method=post]")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        if field.name == "select":
            chosen = field.select_one("option[selected]")
            data[field["name"]] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[field["name"]] = field.get_text()
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[field["name"]] = field.get("value", "on")
        else:
            data[field["name"]] = field.get("value", "")
    hindi_form = next(name for name, value in data.items() if name.endswith("-language_code") and value == "hi")
    data[hindi_form.replace("language_code", "banned_words")] = "बदमाश"

    response = client.post(settings_url(), data)

    assert response.status_code == 302
    rejected = services.comment_post(article=hindi, author=alice, body="यह बदमाश है।")
    assert rejected.status == CommentStatus.REJECTED
    assert services.comment_post(article=english, author=alice, body="Not a बदमाश.").status == CommentStatus.APPROVED
