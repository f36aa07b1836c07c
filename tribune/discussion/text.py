"""Comment text: readers write plain text; it is shown as paragraphs with links made clickable, nothing else."""

import re
import unicodedata

import nh3

from django.utils.html import urlize

# Bidirectional overrides and isolates can reorder what readers see; zero-width characters hide words from filters.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_body(text: str) -> str:
    """What we store: Unicode-normalised, without invisible or control characters, trimmed, newlines unified."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def comment_html(text: str) -> str:
    """Paragraphs and auto-linked URLs; any HTML the reader typed is shown as text."""
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    html = "".join(
        "<p>" + "<br>".join(urlize(line, trim_url_limit=60, autoescape=True) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    # Only our own markup survives, and every link gets rel="nofollow ugc noopener".
    return nh3.clean(
        html,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="nofollow ugc noopener",
    )
