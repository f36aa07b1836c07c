import pytest

from django.http import Http404

from tribune.core.pagination import paginate
from tribune.core.text import clean_html, reading_minutes, word_count, xml_safe


@pytest.mark.parametrize("raw,expected", [(None, 1), ("", 1), ("abc", 1), ("2", 2), (" 3 ", 3), ("1.5", 1)])
def test_malformed_or_valid_page_numbers_pick_a_page(raw, expected):
    assert paginate(list(range(30)), raw, 10).number == expected


@pytest.mark.parametrize("raw", ["0", "-1", "4", "10000000000000000000000"])
def test_out_of_range_page_numbers_are_not_found(raw):
    with pytest.raises(Http404):
        paginate(list(range(30)), raw, 10)


def test_an_empty_list_still_has_a_first_page():
    assert list(paginate([], "1", 10).object_list) == []


def test_clean_html_drops_scripts_handlers_and_javascript_urls():
    dirty = (
        '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">link</a><img src=x onerror=y></p>'
    )

    cleaned = clean_html(dirty)

    assert "script" not in cleaned
    assert "onclick" not in cleaned
    assert "onerror" not in cleaned
    assert "javascript:" not in cleaned
    assert "<p>Hi " in cleaned


def test_xml_safe_removes_only_characters_xml_forbids():
    assert xml_safe("A\x0bB\x1fC\x00 — ✓ مرحبا 🎉 & <b>") == "ABC — ✓ مرحبا 🎉 & <b>"


def test_word_count_ignores_markup_and_reading_time_rounds_up():
    assert word_count("<p>One <em>two</em> three</p>") == 3
    assert reading_minutes(0) == 1
    assert reading_minutes(231) == 2
