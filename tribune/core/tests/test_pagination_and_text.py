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


def test_a_capped_listing_counts_no_further_than_its_last_page_and_says_there_is_more(section, article_factory):
    from tribune.newsroom.selectors import section_articles

    for _ in range(7):
        article_factory()

    last = paginate(section_articles(section), "3", 2, max_pages=3)
    assert (last.paginator.count, last.paginator.num_pages) == (6, 3)
    assert last.has_older_beyond
    assert not paginate(section_articles(section), "2", 2, max_pages=3).has_older_beyond
    with pytest.raises(Http404):
        paginate(section_articles(section), "4", 2, max_pages=3)


def test_an_uncapped_or_short_listing_claims_nothing_more(section, article_factory):
    from tribune.newsroom.selectors import section_articles

    for _ in range(3):
        article_factory()

    assert not paginate(section_articles(section), "2", 2, max_pages=3).has_older_beyond
    assert not paginate(section_articles(section), "2", 2).has_older_beyond


def test_rich_text_of_a_standard_page_keeps_its_structure_through_the_sanitiser():
    from tribune.core.templatetags.text_tags import clean_richtext

    stored = (
        '<h4>Contact</h4><p>Write to <a href="https://example.org/desk">the desk</a>.</p><hr/>'
        "<p><code>ref-12</code> <s>old</s></p><blockquote>A note.</blockquote>"
        '<p onclick="steal()">x</p><iframe src="https://example.org/"></iframe>'
    )
    shown = str(clean_richtext(stored))
    for kept in ("<h4>Contact</h4>", 'href="https://example.org/desk"', "<hr>", "<code>ref-12</code>", "<s>old</s>"):
        assert kept in shown
    assert "onclick" not in shown
    assert "<iframe" not in shown


def test_plain_text_for_email_keeps_every_word_a_reader_typed_and_opens_no_tag():
    from tribune.core.text import plain_text

    typed = "If x<y and <b>this</b> & <script>that</script>, then &lt;z&gt;."
    shown = plain_text(typed)
    assert shown == "If x< y and < b>this< /b> & < script>that< /script>, then &lt;z&gt;."
