"""An article revision as the extraction reads it: headline, standfirst and a plain-text body with paragraph breaks.

The body is built from the StreamField's raw data, so no block is converted and no query runs: paragraphs (rich
text, one paragraph per block-level element), subheadings as paragraphs of their own, and attributed quotes (their
words, then the speaker's line). Images, embeds, key-figure boxes, cards and pull quotes (which repeat the body's
own words) are left out. The offsets of each attributed quote are kept, so the quote ledger can record it.
"""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from tribune.analysis.extraction.document import ZONE_SEPARATOR

PARAGRAPH_SEPARATOR = "\n\n"
BLOCK_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "ul", "ol", "hr"})
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass(frozen=True)
class BlockQuote:
    """An attributed-quote block: its words' offsets in the joined text, and the block's fields as they are."""

    start: int
    end: int
    words: str
    speaker: str
    role: str
    contributor_id: int | None
    language: str
    on_record: bool = True
    description: str = ""  # who an anonymous source is ("a diplomat at the embassy"); never a name
    speaker_entity: str = ""  # the entity key the editor gave (person:…, org:…)


@dataclass
class ArticleText:
    headline: str
    standfirst: str
    body: str
    block_quotes: list[BlockQuote] = field(default_factory=list)

    @property
    def body_offset(self) -> int:
        return len(self.headline) + len(ZONE_SEPARATOR) + len(self.standfirst) + len(ZONE_SEPARATOR)


class _Paragraphs(HTMLParser):
    """Rich text to paragraphs: every block-level element ends one, ``<br>`` is a line break inside one."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def flush(self) -> None:
        text = "\n".join(SPACES.sub(" ", line).strip() for line in "".join(self.current).split("\n")).strip()
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.flush()
        elif tag == "br":
            self.current.append("\n")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.flush()

    def handle_data(self, data):
        self.current.append(data.replace("\n", " "))


def rich_text_paragraphs(markup: str) -> list[str]:
    parser = _Paragraphs()
    parser.feed(markup or "")
    parser.close()
    parser.flush()
    return parser.paragraphs


def plain(value) -> str:
    """A plain-text field's value on one line, without stray markup entities."""
    return SPACES.sub(" ", html.unescape(str(value or ""))).replace("\n", " ").strip()


def _contributor_id(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def article_text(page) -> ArticleText:
    """The text of ``page`` (an ``ArticlePage``, typically a revision's ``as_object()``)."""
    headline, standfirst = plain(page.title), plain(page.standfirst)
    result = ArticleText(headline, standfirst, "")
    paragraphs: list[str] = []
    position = result.body_offset

    def add(text: str) -> int:
        nonlocal position
        if paragraphs:
            position += len(PARAGRAPH_SEPARATOR)
        start = position
        paragraphs.append(text)
        position += len(text)
        return start

    for block in page.body.raw_data:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph":
            for paragraph in rich_text_paragraphs(value if isinstance(value, str) else ""):
                add(paragraph)
        elif kind == "heading":
            if text := plain(value):
                add(text)
        elif kind == "quote" and isinstance(value, dict):
            words = " ".join(value.get("text", "").split())
            if not words:
                continue
            start = add(words)
            on_record = value.get("on_record", True) is not False  # quotes stored before the choice: on the record
            speaker = plain(value.get("speaker")) if on_record else ""
            role = plain(value.get("role")) if on_record else ""
            description = "" if on_record else plain(value.get("source_description"))
            if speaker:
                add(f"— {speaker}, {role}" if role else f"— {speaker}")
            elif description:
                add(f"— {description}")
            result.block_quotes.append(
                BlockQuote(
                    start,
                    start + len(words),
                    words,
                    speaker,
                    role,
                    _contributor_id(value.get("contributor")) if on_record else None,
                    plain(value.get("language")),
                    on_record=on_record,
                    description=description,
                    speaker_entity=plain(value.get("speaker_entity")) if on_record else "",
                )
            )
    result.body = PARAGRAPH_SEPARATOR.join(paragraphs)
    return result
