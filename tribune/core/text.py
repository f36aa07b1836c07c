"""Text utilities: sanitising HTML from editors and estimating reading time."""

import math
import re

import nh3

from django.utils.html import strip_tags

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+", re.UNICODE)
# Characters XML 1.0 forbids; a title containing one would make a feed or sitemap unparseable.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# What may reach a feed reader or an API consumer from an article body.
SAFE_TAGS = {
    "p",
    "a",
    "strong",
    "b",
    "em",
    "i",
    "h2",
    "h3",
    "blockquote",
    "ul",
    "ol",
    "li",
    "figure",
    "figcaption",
    "img",
    "cite",
    "br",
    "sup",
    "sub",
    "dl",
    "dt",
    "dd",
}
SAFE_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}}


def clean_html(html: str) -> str:
    """Keep a conservative set of tags; drop scripts, styles, event handlers and dangerous URL schemes."""
    return nh3.clean(
        html, tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES, url_schemes={"http", "https", "mailto"}, link_rel="noopener"
    )


def word_count(html_or_text: str) -> int:
    return len(_WORD.findall(strip_tags(html_or_text)))


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 cannot carry, whatever an editor pasted."""
    return _XML_FORBIDDEN.sub("", str(text or ""))


def query_param(request, name: str, max_length: int = 200) -> str:
    """A GET parameter made safe to query with: control characters (PostgreSQL refuses NUL) and runs of spaces
    removed, length capped."""
    value = xml_safe(request.GET.get(name, ""))
    return " ".join(value.split())[:max_length]
