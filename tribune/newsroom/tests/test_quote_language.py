"""An attributed quote in another language than the page's says so (``lang``/``dir``), for screen readers, fonts
and hyphenation; the language is an optional code Django knows."""

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import make_article
from tribune.newsroom.blocks import AttributedQuoteBlock

QUOTE = {"text": "Words spoken on the record.", "speaker": "A. Speaker", "role": "", "contributor": None}


def rendered_quote(language: str, page_language: str = "en"):
    block = AttributedQuoteBlock()
    with translation.override(page_language):
        html = block.render(block.to_python({**QUOTE, "language": language}))
    return BeautifulSoup(html, "html.parser").select_one("blockquote")


@pytest.mark.parametrize("code", ["", "hi", "ru", "ar", "en-gb"])
def test_a_known_language_code_or_none_is_accepted(code):
    block = AttributedQuoteBlock()
    block.clean(block.to_python({**QUOTE, "language": code}))


@pytest.mark.parametrize("code", ["xx", "Hindi", "zh-cn", "<b>"])
def test_anything_else_is_refused_with_a_message(code):
    block = AttributedQuoteBlock()
    with pytest.raises(ValidationError) as refused:
        block.clean(block.to_python({**QUOTE, "language": code}))

    assert "language code such as hi" in str(refused.value.block_errors["language"])


def test_a_quote_in_another_language_carries_its_lang_and_direction():
    hindi = rendered_quote("hi")
    arabic = rendered_quote("ar")

    assert (hindi["lang"], hindi["dir"]) == ("hi", "ltr")
    assert (arabic["lang"], arabic["dir"]) == ("ar", "rtl")


def test_a_quote_in_the_pages_language_or_without_one_adds_nothing():
    assert not rendered_quote("").has_attr("lang")
    assert not rendered_quote("en").has_attr("lang")
    assert not rendered_quote("hi", page_language="hi").has_attr("lang")


def test_the_article_page_marks_up_the_foreign_quote_only(client, section):
    article = make_article(
        section,
        body=[
            ("quote", {**QUOTE, "text": "Spoken in Russian, on the record.", "language": "ru"}),
            ("quote", {**QUOTE, "text": "Spoken in English."}),
        ],
    )

    quotes = BeautifulSoup(client.get(article.url).content, "html.parser").select("blockquote.quote__text")

    assert [quote.get("lang") for quote in quotes] == ["ru", None]
