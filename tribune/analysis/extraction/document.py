"""An article as one string with its zones, paragraphs, sentences and word tokens, all as offsets into that string.

The string is ``headline + "\\n\\n" + standfirst + "\\n\\n" + body``: every offset the extraction returns indexes it.
"""

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

ZONE_SEPARATOR = "\n\n"

# A word keeps inner apostrophes (N'Djamena, Sana'a) but gives up a possessive 's, which becomes its own token.
TOKEN_PATTERN = re.compile(r"[^\W_]+(?:['’](?![sS]\b)[^\W_]+)*|['’][sS]\b|[^\s]")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "st",
        "mt",
        "rs",
        "no",
        "nos",
        "vs",
        "etc",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "govt",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "fig",
        "approx",
        "est",
        "rev",
        "hon",
        "adm",
        "brig",
        "cdr",
        "sen",
        "rep",
        "gov",
        "pres",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
    ]
)
SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """The form aliases are matched on: curly apostrophes and dashes made plain, case kept."""
        return self.text.replace("’", "'").replace("‑", "-").replace("–", "-")

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass
class Document:
    headline: str
    standfirst: str
    body: str
    text: str = field(init=False)
    zones: dict[str, Span] = field(init=False)

    def __post_init__(self):
        self.text = self.headline + ZONE_SEPARATOR + self.standfirst + ZONE_SEPARATOR + self.body
        standfirst_start = len(self.headline) + len(ZONE_SEPARATOR)
        body_start = standfirst_start + len(self.standfirst) + len(ZONE_SEPARATOR)
        self.zones = {
            "headline": Span(0, len(self.headline)),
            "standfirst": Span(standfirst_start, standfirst_start + len(self.standfirst)),
            "body": Span(body_start, len(self.text)),
        }

    @cached_property
    def tokens(self) -> list[Token]:
        return [Token(match.start(), match.end(), match.group()) for match in TOKEN_PATTERN.finditer(self.text)]

    @cached_property
    def keys(self) -> list[str]:
        """Each token's matching form (see ``Token.key``), computed once."""
        return [token.key for token in self.tokens]

    @cached_property
    def token_starts(self) -> list[int]:
        return [token.start for token in self.tokens]

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Headline and standfirst are a paragraph each; the body splits at blank lines."""
        paragraphs = [self.zones["headline"], self.zones["standfirst"]]
        body = self.zones["body"]
        position = body.start
        for match in PARAGRAPH_BREAK.finditer(self.text, body.start):
            paragraphs.append(Span(position, match.start()))
            position = match.end()
        paragraphs.append(Span(position, body.end))
        return [trimmed for span in paragraphs if (trimmed := self.trim(span)).end > trimmed.start]

    @cached_property
    def first_body_paragraph(self) -> Span | None:
        body_start = self.zones["body"].start
        return next((paragraph for paragraph in self.paragraphs if paragraph.start >= body_start), None)

    @cached_property
    def sentences(self) -> list[Span]:
        return [sentence for paragraph in self.paragraphs for sentence in self.split_sentences(paragraph)]

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [sentence.start for sentence in self.sentences]

    def trim(self, span: Span) -> Span:
        start, end = span.start, span.end
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Span(start, end)

    def split_sentences(self, paragraph: Span) -> list[Span]:
        """Sentences of one paragraph: a full stop, ! or ? (with closing quotes) before a space and a capital."""
        sentences = []
        start = paragraph.start
        for match in SENTENCE_END.finditer(self.text, paragraph.start, paragraph.end):
            end = match.end()
            following = self.text[end : end + 3]
            if not following[:1].isspace() or not self.starts_sentence(end):
                continue
            if match.group().startswith(".") and len(match.group()) == 1 and self.is_abbreviation(match.start()):
                continue
            sentences.append(self.trim(Span(start, end)))
            start = end
        sentences.append(self.trim(Span(start, paragraph.end)))
        return [sentence for sentence in sentences if sentence.end > sentence.start]

    def starts_sentence(self, position: int) -> bool:
        """Whether the text after ``position`` (past spaces) can begin a sentence."""
        rest = self.text[position : position + 4].lstrip()
        return bool(rest) and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'(«")

    def is_abbreviation(self, full_stop: int) -> bool:
        """A full stop closing an abbreviation (Mr., U.S.) or an initial (S. Jaishankar)."""
        word_start = full_stop
        while word_start > 0 and (self.text[word_start - 1].isalpha() or self.text[word_start - 1] == "."):
            word_start -= 1
        word = self.text[word_start:full_stop]
        return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())

    def sentence_of(self, position: int) -> Span:
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        return self.sentences[max(index, 0)] if self.sentences else Span(0, len(self.text))

    @cached_property
    def paragraph_ends(self) -> list[int]:
        return [paragraph.end for paragraph in self.paragraphs]

    def paragraph_index(self, position: int) -> int:
        """Index of the paragraph holding ``position`` (or the next one, for a position between paragraphs)."""
        return min(bisect.bisect_right(self.paragraph_ends, position), max(len(self.paragraphs) - 1, 0))

    def token_index_at(self, position: int) -> int:
        """Index of the first token starting at or after ``position``."""
        return bisect.bisect_left(self.token_starts, position)

    @cached_property
    def headline_in_title_case(self) -> bool:
        """ "Why Islamabad Is Betting On Beijing": capitals there say nothing about names."""
        words = [word for word in re.findall(r"[^\W\d_]+", self.headline) if len(word) > 3]
        return len(words) >= 3 and sum(word[0].isupper() for word in words) / len(words) >= 0.7

    def in_title_case(self, position: int) -> bool:
        return self.headline_in_title_case and position < self.zones["headline"].end

    def zone_of(self, position: int) -> str:
        for name, span in self.zones.items():
            if span.start <= position <= span.end:
                return name
        return "body"
