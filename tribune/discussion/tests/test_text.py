"""Comments are plain text: paragraphs and safe links, and nothing a reader types is interpreted as HTML."""

import pytest
from bs4 import BeautifulSoup

from tribune.discussion.text import clean_body, comment_html


def test_paragraphs_and_line_breaks():
    assert comment_html("One\nline two\n\nSecond para") == "<p>One<br>line two</p><p>Second para</p>"


def test_urls_become_links_for_humans_but_not_for_search_engines():
    html = comment_html("Read https://example.org/report?a=1&b=2 now")

    assert '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow ugc noopener">' in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        "javascript:alert(1)",
        '"><svg onload=alert(1)>',
    ],
)
def test_any_html_is_shown_as_text(hostile):
    soup = BeautifulSoup(comment_html(hostile), "html.parser")

    assert {tag.name for tag in soup.find_all(True)} <= {"p", "br", "a"}
    assert all(not attrs for tag in soup.find_all(["p", "br"]) for attrs in [tag.attrs])
    assert all(a["href"].startswith(("http://", "https://")) for a in soup.find_all("a"))
    assert soup.get_text() == hostile  # the reader sees exactly what was typed


def test_clean_body_strips_bidi_overrides_zero_width_and_control_characters():
    assert clean_body("evil\u202egnp.exe\u200b\x00 text\r\n\r\n\r\n\r\nmore") == "evilgnp.exe text\n\nmore"
