"""Country names appear in the reader's language, from pycountry's ISO 3166-1 catalogues, English otherwise."""

import pytest

from django.utils import translation

from wagtail.models import Locale

from tribune.taxonomy.country_names import country_name
from tribune.taxonomy.models import Country

EDITIONS = [("en", "English"), ("hi", "हिन्दी"), ("ru", "Русский")]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "India"), ("hi", "भारत"), ("ru", "Индия"), ("ru-ru", "Индия"), (None, "India")],
)
def test_a_country_is_named_in_the_language_asked_for(language, expected):
    assert country_name("IN", "India", language) == expected


def test_the_everyday_iso_name_is_preferred_to_the_formal_one():
    assert country_name("KR", "South Korea", "ru") == "Южная Корея"
    assert country_name("KR", "South Korea", "hi") == "दक्षिण कोरिया"


def test_english_keeps_the_name_editors_gave_the_country():
    assert country_name("RU", "Russia", "en") == "Russia"


@pytest.mark.parametrize(
    ("code", "language"),
    [("XK", "hi"), ("", "ru"), ("IN", "xx")],
    ids=["code without an ISO entry", "no code", "language without a catalogue"],
)
def test_without_a_translation_the_english_name_is_shown(code, language):
    assert country_name(code, "Somewhere", language) == "Somewhere"


@pytest.mark.django_db
def test_a_countrys_local_name_follows_the_active_language():
    country = Country.objects.get(code="DE")  # countries are loaded from pycountry by a migration
    with translation.override("hi"):
        assert country.local_name == "जर्मनी"
    with translation.override("ru"):
        assert country.local_name == "Германия"
    with translation.override("en"):
        assert country.local_name == country.name == "Germany"
    assert str(country) == "Germany"


@pytest.mark.django_db
def test_a_russian_article_lists_its_countries_in_russian(client, settings, article):
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = EDITIONS
    country = Country.objects.get(code="IN")
    article.countries.add(country)
    article.save_revision().publish()
    locale, _created = Locale.objects.get_or_create(language_code="ru")
    russian = article.copy_for_translation(locale, copy_parents=True)
    russian.title = "Политика после выборов"
    russian.save_revision().publish()
    russian.refresh_from_db()

    russian_html = client.get(russian.url).content.decode()
    english_html = client.get(article.url).content.decode()

    with translation.override("ru"):
        assert f'<a href="{country.get_absolute_url()}">Индия</a>' in russian_html
    assert f'<a href="{country.get_absolute_url()}">India</a>' in english_html
