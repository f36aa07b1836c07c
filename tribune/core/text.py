"""Text utilities: sanitising HTML from editors and estimating reading time.

What people type reaches readers by one of three sanitisers, the same for the page and for every other output:
``clean_html`` for rich text (a body, a biography), ``text_html`` for plain text shown as HTML (a standfirst in a
feed description, as the page escapes it), and ``plain_text`` for outputs that are text only (email).
"""

import math
import re
from urllib.parse import urlsplit

import nh3

from django.template.defaultfilters import linebreaksbr
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
    "h4",
    "hr",
    "code",
    "s",
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
# An image in rich text keeps its class: it places the image (Wagtail's "richtext-image left/right/full-width").
SAFE_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height", "class"}}


def clean_html(markup: str, *, base_url: str | None = None) -> str:
    """Keep a conservative set of tags; drop scripts, styles, event handlers and dangerous URL schemes. With
    ``base_url``, relative links and image sources are resolved against it (a feed reader has no page to resolve
    them from)."""
    options = {"url_relative": ("rewrite_with_base", base_url)} if base_url else {}
    cleaned = nh3.clean(
        xml_safe(markup),
        tags=SAFE_TAGS,
        clean_content_tags={"script", "style"},
        attributes=SAFE_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
        **options,
    )
    return xml_safe(cleaned)


def text_html(text: str) -> str:
    """Plain text as the HTML a page shows for it: every character escaped, line breaks kept."""
    return str(linebreaksbr(xml_safe(text), autoescape=True))


# What a reader of HTML would take for the start of a tag.
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def plain_text(value) -> str:
    """Text for outputs that are text only (email). Nothing is removed, so a reader's "x<y" or "<b>bold</b>" arrives
    as typed, but no "<" is left that could open a tag in a mail client that shows text as HTML. The templates this
    is given render with autoescaping off, so there are no entities to read back."""
    return _TAG_START.sub("< ", xml_safe(value))


def is_web_url(url: str) -> bool:
    """An http(s) address: the only kind an output links to from what people typed (no ``javascript:``, ``data:``)."""
    scheme = urlsplit(re.sub(r"[\x00-\x20]", "", str(url or ""))).scheme.lower()
    return scheme in {"http", "https"}


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
