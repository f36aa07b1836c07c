"""The editions' languages come from TRIBUNE_LANGUAGES; the system check refuses a list Django cannot serve."""

import pytest

from django.conf import settings
from django.test import override_settings

from tribune.core import languages


def check_ids(codes: list[str]) -> list[str]:
    with override_settings(TRIBUNE_LANGUAGES=codes):
        return [error.id for error in languages.check_languages()]


def test_the_test_settings_run_english_hindi_and_russian_with_english_unprefixed():
    assert settings.TRIBUNE_LANGUAGES == ["en", "hi", "ru"]
    assert settings.LANGUAGE_CODE == "en"
    assert (
        settings.LANGUAGES
        == settings.WAGTAIL_CONTENT_LANGUAGES
        == [
            ("en", "English"),
            ("hi", "हिंदी"),
            ("ru", "Русский"),
        ]
    )


@pytest.mark.parametrize("codes", [["en"], ["en", "hi", "ru"], ["hi", "en"], ["ru"]])
def test_known_languages_pass_the_check(codes):
    assert check_ids(codes) == []


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ([], ["tribune.languages.E001"]),
        (["english", "hi"], ["tribune.languages.E002"]),
        (["en", "xx"], ["tribune.languages.E003"]),
        (["en", "zh-cn"], ["tribune.languages.E003"]),  # a fallback entry of LANG_INFO, not a language
        (["en", "hi", "hi"], ["tribune.languages.E004"]),
    ],
)
def test_the_check_refuses_an_empty_list_unknown_codes_and_repeats(codes, expected):
    assert check_ids(codes) == expected


def test_the_message_names_the_unknown_code_and_where_valid_codes_come_from():
    with override_settings(TRIBUNE_LANGUAGES=["en", "klingon"]):
        [error] = languages.check_languages()

    assert "'klingon'" in error.msg
    assert "LANG_INFO" in error.msg
