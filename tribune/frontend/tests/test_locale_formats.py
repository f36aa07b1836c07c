"""Dates, times, numbers and reading time follow the edition's language, the outlet's date style and its choice of
digits for Hindi; article pages show them so."""

import datetime

import pytest

from django.core import checks
from django.utils import timezone, translation

from wagtail.models import Locale

from tribune.frontend.checks import check_hindi_digits
from tribune.frontend.locale_formats import (
    edition_date,
    edition_datetime,
    edition_number,
    edition_time,
    reading_time,
)

EDITIONS = [("en", "English"), ("hi", "हिन्दी"), ("ru", "Русский")]
MOMENT = datetime.datetime(2024, 5, 30, 14, 5, tzinfo=datetime.UTC)
NBSP = "\xa0"


@pytest.fixture
def editions(settings):
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = EDITIONS
    settings.TIME_ZONE = "UTC"
    settings.TRIBUNE_DATE_FORMAT = ""
    settings.TRIBUNE_HINDI_DIGITS = "latin"
    return settings


def translate(page, language_code: str, **fields):
    """Publish a translation of ``page`` (and of its ancestors) in ``language_code``."""
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "May 30, 2024, 2:05 p.m."),
        ("hi", "30 मई 2024, 14:05"),
        ("ru", "30 мая 2024 г. 14:05"),
    ],
)
def test_a_datetime_takes_the_shape_and_month_names_of_the_edition_language(editions, language, expected):
    with translation.override(language):
        assert edition_datetime(MOMENT) == expected


@pytest.mark.parametrize(
    ("language", "date", "time"),
    [("en", "May 30, 2024", "2:05 p.m."), ("hi", "30 मई 2024", "14:05"), ("ru", "30 мая 2024 г.", "14:05")],
)
def test_dates_and_times_alone_follow_the_language(editions, language, date, time):
    with translation.override(language):
        assert edition_date(MOMENT) == date
        assert edition_time(MOMENT) == time


@pytest.mark.parametrize(("month", "name"), [(9, "सितंबर"), (11, "नवंबर"), (12, "दिसंबर")])
def test_hindi_month_names_are_spelled_as_hindi_newspapers_print_them(editions, month, name):
    """Django's catalogue drops the nasal of three months ("नवमबर"); Tribune's own catalogue corrects them."""
    with translation.override("hi"):
        assert edition_date(MOMENT.replace(month=month)) == f"30 {name} 2024"


def test_dates_are_shown_in_the_sites_time_zone(editions):
    editions.TIME_ZONE = "Asia/Kolkata"
    with timezone.override("Asia/Kolkata"), translation.override("hi"):
        assert edition_datetime(MOMENT) == "30 मई 2024, 19:35"


@pytest.mark.parametrize("language", ["en", "hi", "ru"])
def test_the_outlets_date_style_replaces_each_languages_default(editions, language):
    editions.TRIBUNE_DATE_FORMAT = "d.m.Y"
    with translation.override(language):
        assert edition_date(MOMENT) == "30.05.2024"
        assert edition_datetime(MOMENT).startswith("30.05.2024, ")


def test_the_outlets_date_style_keeps_the_languages_time(editions):
    editions.TRIBUNE_DATE_FORMAT = "d.m.Y"
    with translation.override("ru"):
        assert edition_datetime(MOMENT) == "30.05.2024, 14:05"
    with translation.override("en"):
        assert edition_datetime(MOMENT) == "30.05.2024, 2:05 p.m."


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "1,234,567"), ("hi", "12,34,567"), ("ru", f"1{NBSP}234{NBSP}567")]
)
def test_numbers_group_their_digits_as_the_language_does(editions, language, expected):
    with translation.override(language):
        assert edition_number(1234567) == expected


def test_hindi_pages_write_devanagari_digits_when_the_outlet_chooses_them(editions):
    editions.TRIBUNE_HINDI_DIGITS = "devanagari"
    with translation.override("hi"):
        assert edition_datetime(MOMENT) == "३० मई २०२४, १४:०५"
        assert edition_number(1234567) == "१२,३४,५६७"
        assert "५" in reading_time(5)
        assert not any(digit in reading_time(5) for digit in "0123456789")


def test_devanagari_digits_are_for_hindi_pages_only(editions):
    editions.TRIBUNE_HINDI_DIGITS = "devanagari"
    with translation.override("ru"):
        assert edition_datetime(MOMENT) == "30 мая 2024 г. 14:05"
    with translation.override("en"):
        assert edition_number(2024) == "2,024"


def test_hindi_pages_keep_latin_digits_by_default(editions):
    with translation.override("hi"):
        assert edition_date(MOMENT) == "30 मई 2024"


def test_reading_time_is_plural_by_the_count(editions):
    with translation.override("en"):
        assert reading_time(1) == "1 min read"
        assert reading_time(12) == "12 min read"


@pytest.mark.parametrize("value", [None, "", "soon", object()])
def test_values_that_are_not_dates_or_numbers_render_as_nothing(editions, value):
    assert edition_date(value) == ""
    assert edition_datetime(value) == ""
    assert edition_time(value) == ""
    assert edition_number(value) == ""
    assert reading_time(value) == ""


def test_an_unknown_choice_of_hindi_digits_is_a_configuration_error(settings):
    settings.TRIBUNE_HINDI_DIGITS = "roman"
    errors = check_hindi_digits()
    assert [error.id for error in errors] == ["tribune.frontend.E001"]
    assert errors[0].level == checks.ERROR


@pytest.mark.parametrize("choice", ["latin", "devanagari"])
def test_both_choices_of_hindi_digits_pass_the_checks(settings, choice):
    settings.TRIBUNE_HINDI_DIGITS = choice
    assert check_hindi_digits() == []


@pytest.mark.django_db
def test_a_hindi_article_shows_its_dates_and_reading_time_in_hindi_formats(client, editions, article):
    editions.TRIBUNE_HINDI_DIGITS = "devanagari"
    article.first_published_at = MOMENT
    article.save(update_fields=["first_published_at"])
    hindi = translate(article, "hi", title="चुनाव के बाद की राजनीति")
    hindi.first_published_at = MOMENT
    hindi.save(update_fields=["first_published_at"])

    hindi_html = client.get(hindi.url).content.decode()
    english_html = client.get(article.url).content.decode()

    assert "३० मई २०२४, १४:०५" in hindi_html
    assert "May 30, 2024, 2:05 p.m." in english_html
    assert "30 मई" not in english_html
    assert 'datetime="2024-05-30T14:05:00+00:00"' in hindi_html  # machine-readable value stays Latin ISO 8601


@pytest.mark.django_db
def test_an_article_shows_the_outlets_date_style(client, editions, article):
    editions.TRIBUNE_DATE_FORMAT = "d.m.Y"
    article.first_published_at = MOMENT
    article.save(update_fields=["first_published_at"])
    russian = translate(article, "ru", title="Политика после выборов")
    russian.first_published_at = MOMENT
    russian.save(update_fields=["first_published_at"])

    assert "30.05.2024, 14:05" in client.get(russian.url).content.decode()
    assert "30.05.2024, 2:05 p.m." in client.get(article.url).content.decode()
