"""Direct quotes and who said them.

A quote is the text between quotation marks (straight, curly or guillemets) that the article attributes: by a speech
verb next to it ("…,” said X", "X said: “…”"), by "according to X", by a pronoun (the last speaker), or, for a quoted
sentence with no attribution of its own, by the speaker of the quote just before it in the same or the previous
paragraph. A split quote ("“A,” she said, “B.”") is two quotes with the same speaker. Short quoted words without an
attribution next to them are scare quotes, and quoted titles (reports, books, operations) are not quotes at all.
"""

import bisect
import re
from dataclasses import dataclass

from .document import Document, Span
from .entities import Mention, mention_from_tokens
from .lexicon import Lexicon
from .names import name_run_end, title_before
from .slugs import slugify

OPENING_MARKS = {"“": "”", "«": "»", "„": "“", '"': '"'}
PRONOUNS = frozenset({"he", "she", "they"})
INDEFINITES = frozenset(
    {"a", "an", "one", "two", "three", "four", "several", "some", "many", "other", "another", "senior"}
)
TITLE_CUES = frozenset(
    {
        "report",
        "reports",
        "book",
        "books",
        "titled",
        "entitled",
        "dubbed",
        "named",
        "operation",
        "Operation",
        "campaign",
        "slogan",
        "programme",
        "program",
        "film",
        "documentary",
        "paper",
        "study",
        "article",
        "essay",
        "column",
        "song",
        "motto",
        "banner",
        "strategy",
        "doctrine",
        "plan",
        "initiative",
        "printed",
        "headline",
        "hashtag",
        "policy",
    }
)
SCARE_QUOTE_MAX_WORDS = 4
SHORT_QUOTE_REACH = 40  # characters after a few quoted words in which their speech verb must come
LONG_QUOTE_REACH = 160
MAX_ROLE_WORDS_BEFORE_NAME = 5
CLAUSE_BOUNDARY = re.compile(r"(?:[,;]\s+(?:while|whereas|but|and|as)\s+|;\s+|\b(?:while|whereas)\s+)")
SENTENCE_PUNCTUATION = (".", ",", "?", "!", "…", ";", ":")
LEADING_CONNECTIVES = re.compile(
    r"\s*(?:But|And|Yet|So|Still|Now|Then|Meanwhile|However|Instead|Later|Earlier|Separately|Privately|Publicly),?\s+"
)
HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady"})
NOT_ROLE_STARTS = frozenset(
    {"and", "but", "or", "said", "says", "told", "which", "while", "who", "as", "when", "he", "she"}
)
WORD = re.compile(r"\w+(?:['’-]\w+)*")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Marks at ``open_at`` and ``close_at`` (``close_at`` is the paragraph end for a paragraph left open)."""

    open_at: int
    close_at: int
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Speaker:
    name: str
    entity_id: str | None
    on_record: bool
    role: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: Speaker
    sentence: Span


ANONYMOUS = "anonymous"


def find_quoted_spans(doc: Document) -> list[QuotedSpan]:
    spans = []
    for number, paragraph in enumerate(doc.paragraphs):
        following = doc.paragraphs[number + 1] if number + 1 < len(doc.paragraphs) else None
        spans.extend(quoted_spans_in(doc, paragraph, number, following))
    return spans


def opens_quote(text: str, index: int) -> bool:
    """A straight double quote opens when it follows a space or the start and is followed by a non-space."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:") and not after.isspace()


def quoted_spans_in(doc: Document, paragraph: Span, number: int, following: Span | None) -> list[QuotedSpan]:
    """Quoted spans of one paragraph. A paragraph left open counts only when the next one opens a quote (the
    convention for a quote running over paragraphs); any other unbalanced mark is ignored."""
    text = doc.text
    spans = []
    open_at, closing = None, None
    index = paragraph.start
    while index < paragraph.end:
        char = text[index]
        if open_at is None:
            if char in OPENING_MARKS and (char != '"' or opens_quote(text, index)):
                open_at, closing = index, OPENING_MARKS[char]
        elif char == closing and (char != '"' or not text[index - 1].isspace()):
            spans.append(make_span(doc, open_at, index, number))
            open_at = None
        index += 1
    if open_at is not None and following is not None and text[following.start] in OPENING_MARKS:
        spans.append(make_span(doc, open_at, paragraph.end, number))
    spans += single_quoted_spans_in(doc, paragraph, number, spans)
    return sorted((span for span in spans if span.end > span.start), key=lambda span: span.open_at)


def single_quoted_spans_in(doc: Document, paragraph: Span, number: int, taken: list[QuotedSpan]) -> list[QuotedSpan]:
    """Quotes in single marks (‘…’ or '…'), outside double-quoted ones. An apostrophe inside a word ("don't") or of
    a plural possessive ("the traders' association") neither opens nor closes one."""
    text = doc.text
    spans = []
    open_at = None
    # The double-quoted spans in order, walked alongside: each mark is checked against the span it might fall in,
    # not against all of them (a long text with thousands of quotes made that quadratic).
    taken = sorted(taken, key=lambda span: span.open_at)
    next_taken = 0
    for index in range(paragraph.start, paragraph.end):
        char = text[index]
        if char not in "‘'’":
            continue
        while next_taken < len(taken) and taken[next_taken].close_at < index:
            next_taken += 1
        if next_taken < len(taken) and taken[next_taken].open_at <= index:
            continue
        before = text[index - 1] if index > paragraph.start else " "
        after = text[index + 1] if index + 1 < paragraph.end else " "
        if open_at is None:
            if char in "‘'" and (before.isspace() or before in "([—–“") and (after.isalnum() or after in '“"'):
                open_at = index
        elif char in "’'" and not before.isspace() and (after.isspace() or after in ",.;:!?)—–”"):
            plural_possessive = before == "s" and after == " " and text[index + 2 : index + 3].islower()
            if not plural_possessive:
                spans.append(make_span(doc, open_at, index, number))
                open_at = None
    return spans


def make_span(doc: Document, open_at: int, close_at: int, paragraph: int) -> QuotedSpan:
    trimmed = doc.trim(Span(open_at + 1, close_at))
    return QuotedSpan(open_at, close_at, trimmed.start, trimmed.end, paragraph)


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def is_title(doc: Document, span: QuotedSpan) -> bool:
    """ "Its latest report, “Financing Development in Local Currencies”, admits…": a name, not speech."""
    content = doc.text[span.start : span.end]
    if content.endswith(SENTENCE_PUNCTUATION):
        return False
    before_words = WORD.findall(doc.text[max(0, span.open_at - 40) : span.open_at])[-3:]
    if any(word in TITLE_CUES for word in before_words):
        return True
    words = [word for word in WORD.findall(content) if len(word) > 3]
    return len(words) >= 2 and sum(word[0].isupper() for word in words) / len(words) >= 0.6


class QuoteFinder:
    """Attributes the quoted spans of one article in order, remembering the last speaker for pronouns."""

    def __init__(self, doc: Document, lex: Lexicon, mentions: list[Mention], names: dict[str, str]):
        self.doc = doc
        self.lex = lex
        self.mentions = sorted(mentions, key=lambda mention: mention.start)
        self.mention_starts = [mention.start for mention in self.mentions]
        self.people = [mention for mention in self.mentions if mention.entity_id.startswith("person:")]
        self.people_starts = [mention.start for mention in self.people]
        self.names = names  # entity id -> display name
        self.roles = roles_of_people(doc, lex, mentions)
        self.new_mentions: list[Mention] = []
        self.pending_mentions: list[Mention] = []
        self.last_speaker: Speaker | None = None
        self.last_speaker_at = 0
        self.last_anonymous: Speaker | None = None
        self.verbs = lex.speech_verbs_longest_first

    def quotes(self) -> list[Quote]:
        spans = find_quoted_spans(self.doc)
        quotes = []
        previous: QuotedSpan | None = None
        previous_quote: tuple[QuotedSpan, Speaker] | None = None
        for index, span in enumerate(spans):
            following = spans[index + 1] if index + 1 < len(spans) else None
            self.pending_mentions = []
            speaker = None if is_title(self.doc, span) else self.attribute(span, previous, following, previous_quote)
            if speaker is not None:
                text = self.doc.text[span.start : span.end]
                quotes.append(Quote(span.start, span.end, text, speaker, self.doc.sentence_of(span.start)))
                self.new_mentions += self.pending_mentions  # an unknown speaker becomes an entity only when quoted
                previous_quote = (span, speaker)
                self.last_speaker = speaker
                self.last_speaker_at = span.close_at
                if not speaker.on_record:
                    self.last_anonymous = speaker
            previous = span
        return quotes

    def attribute(self, span, previous, following, previous_quote) -> Speaker | None:
        """The speaker named after the quote, else before it in the same sentence, else the one it continues. A few
        quoted words count only with an attribution right after them or earlier in their sentence."""
        after_start, after_end = self.after_segment(span, following)
        before_start, before_end = self.before_segment(span, previous)
        short = word_count(self.doc.text[span.start : span.end]) <= SCARE_QUOTE_MAX_WORDS
        speaker = self.speaker_after(after_start, after_end, reach=SHORT_QUOTE_REACH if short else LONG_QUOTE_REACH)
        if speaker is None:
            speaker = self.speaker_before(before_start, before_end)
        if speaker is not None:
            return speaker
        return self.continued_speaker(span, previous_quote, before_start, before_end)

    def after_segment(self, span: QuotedSpan, following: QuotedSpan | None) -> tuple[int, int]:
        """Text after the closing mark up to the sentence end or the next quote, whichever comes first."""
        start = min(span.close_at + 1, len(self.doc.text))
        end = self.doc.sentence_of(max(span.close_at - 1, 0)).end
        end = max(end, start)
        if following is not None and following.open_at < end:
            end = following.open_at
        return start, end

    def before_segment(self, span: QuotedSpan, previous: QuotedSpan | None) -> tuple[int, int]:
        """Text from the sentence start (or the previous quote's closing mark) to the opening mark."""
        start = self.doc.sentence_of(span.open_at).start
        if previous is not None and previous.close_at >= start:
            start = previous.close_at + 1
        return start, span.open_at

    def verb_at(self, position: int) -> int:
        """Length of a speech verb starting exactly at ``position`` (as a whole word), or 0."""
        text = self.doc.text
        for verb in self.verbs:
            phrase = " ".join(verb)
            end = position + len(phrase)
            if text.startswith(phrase, position) and (end >= len(text) or not text[end].isalnum()):
                return len(phrase)
        return 0

    def first_verb(self, start: int, end: int) -> tuple[int, int] | None:
        """(start, end) of the first speech verb in [start, end)."""
        for match in WORD.finditer(self.doc.text, start, end):
            length = self.verb_at(match.start())
            if length and match.start() + length <= end:
                return match.start(), match.start() + length
        return None

    def speaker_after(self, start: int, end: int, reach: int) -> Speaker | None:
        """ "…,” said X, role." / "…,” X said." / "…,” she added." / "…,” according to X." The speech verb must
        come within ``reach`` characters of the closing mark."""
        text = self.doc.text
        position = start
        while position < end and (text[position].isspace() or text[position] in ",—–-"):
            position += 1
        if position >= end:
            return None
        verb_length = self.verb_at(position)
        if verb_length:
            return self.parse_speaker(position + verb_length, end)
        if text[position:end].lower().startswith("according to "):
            return self.parse_speaker(position + len("according to "), end)
        verb = self.first_verb(position, min(end, position + reach))
        if verb is None:
            return None
        return self.parse_speaker(position, verb[0], subject=True)

    def speaker_before(self, start: int, end: int) -> Speaker | None:
        """ "X said: “…”" / "According to X, role, “…”" / "X told reporters that “…”" / "X said the deal was “…”"."""
        text = self.doc.text
        segment = text[start:end]
        stripped = segment.strip()
        if not stripped:
            return None
        lead = len(segment) - len(segment.lstrip())
        if stripped.lower().startswith("according to "):
            return self.parse_speaker(start + lead + len("according to "), end)
        verb = self.first_verb(start, end)
        if verb is not None:
            return self.subject_speaker(start + lead, verb[0])
        if stripped.endswith(":"):
            return self.subject_speaker(start + lead, end)
        return None

    def subject_speaker(self, start: int, end: int) -> Speaker | None:
        """The speaker in the subject before a verb, tried clause by clause from the verb back: in "Peskov spoke,
        while Ukraine's foreign ministry said" it is the ministry; "X, head of research at Y, said" needs it all."""
        text = self.doc.text
        boundaries = [match.end() for match in CLAUSE_BOUNDARY.finditer(text, start, end)]
        for clause_start in [*reversed(boundaries), start]:
            if text[clause_start:end].strip():
                speaker = self.parse_speaker(clause_start, end, subject=True)
                if speaker is not None:
                    return speaker
        return None

    def continued_speaker(self, span: QuotedSpan, previous_quote, before_start: int, before_end: int) -> Speaker | None:
        """An unattributed quoted sentence continues the quote just before it (same or previous paragraph), or
        belongs to the person the paragraph is about (named earlier in it)."""
        content = self.doc.text[span.start : span.end]
        lead = self.doc.text[before_start:before_end].strip()
        starts_sentence = not lead or lead.endswith(":")
        if not (
            starts_sentence and (content.endswith(SENTENCE_PUNCTUATION) or word_count(content) > SCARE_QUOTE_MAX_WORDS)
        ):
            return None
        paragraph_start = self.doc.paragraphs[span.paragraph].start
        if previous_quote is not None and span.paragraph - previous_quote[0].paragraph <= 1:
            return self.recent_speaker(span.open_at)
        person = self.person_named_before(span.open_at, paragraph_start)
        return self.named_speaker(person, person.end) if person is not None else None

    def parse_speaker(self, start: int, end: int, subject: bool = False) -> Speaker | None:
        """Who the words [start, end) name: a pronoun, a person (known or not), an organisation or state, or an
        anonymous source ("a diplomat at the embassy")."""
        text = self.doc.text
        lead = LEADING_CONNECTIVES.match(text, start, end)
        if lead:
            start = lead.end()  # "But a senior diplomat told…": the speaker starts after the connective
        phrase = text[start:end]
        phrase_words = WORD.findall(phrase)
        if not phrase_words:
            return None
        first_word = phrase_words[0].lower()
        if first_word in PRONOUNS and (subject or len(phrase_words) <= 2):
            return self.recent_speaker(start)
        if first_word in INDEFINITES or (first_word == "officials" or first_word == "diplomats"):
            return self.anonymous_speaker(start, end)
        if first_word == "the" and len(phrase_words) > 1 and phrase_words[1].lower() in self.lex.anonymous_nouns:
            if self.last_anonymous is not None and phrase_words[1].lower().rstrip("s") in (
                self.last_anonymous.description or ""
            ):
                return self.last_anonymous
            return self.anonymous_speaker(start, end)
        mention = self.first_mention_in(start, end, subject)
        if mention is not None:
            return self.named_speaker(mention, end)
        return self.unknown_named_speaker(start, end)

    def person_named_before(self, position: int, not_before: int = 0) -> Mention | None:
        """The person mentioned last before ``position`` (and at or after ``not_before``)."""
        index = bisect.bisect_left(self.people_starts, position) - 1
        found = self.people[index] if index >= 0 and self.people[index].start >= not_before else None
        added = [m for m in self.new_mentions + self.pending_mentions if not_before <= m.start < position]
        return max([*added, *([found] if found else [])], key=lambda mention: mention.start, default=None)

    def recent_speaker(self, position: int) -> Speaker | None:
        """Whom "she said" points at: the last speaker, unless a person was named since that quote in the same
        paragraph (the paragraph is then about them)."""
        paragraph_start = self.doc.paragraphs[self.doc.paragraph_index(position)].start
        person = self.person_named_before(position, max(self.last_speaker_at, paragraph_start))
        if person is None and self.last_speaker is None:
            person = self.person_named_before(position)  # no quote yet: the last person named at all
        if person is not None:
            return self.named_speaker(person, person.end)
        return self.last_speaker

    def first_mention_in(self, start: int, end: int, subject: bool) -> Mention | None:
        """The entity mention that heads the phrase: a person after at most a few words of title or role
        ("Kremlin spokesman Dmitry Peskov"), an organisation or state after nothing but "the"."""
        first = bisect.bisect_left(self.mention_starts, start)
        last = bisect.bisect_left(self.mention_starts, end)
        nearby = self.mentions[first:last] + [
            m for m in self.new_mentions + self.pending_mentions if start <= m.start < end
        ]
        for mention in sorted(nearby, key=lambda mention: mention.start):
            lead_words = WORD.findall(self.doc.text[start : mention.start])
            if mention.entity_id.startswith("person:"):
                if len(lead_words) <= MAX_ROLE_WORDS_BEFORE_NAME:
                    return mention
            elif all(word in ("the", "The") for word in lead_words):
                words_after = WORD.findall(self.doc.text[mention.end : end])
                if not subject or len(words_after) <= 3:
                    return mention
            if not subject:
                return None
        return None

    def named_speaker(self, mention: Mention, end: int) -> Speaker:
        entity_id = mention.entity_id
        name = self.names.get(entity_id) or self.doc.text[mention.start : mention.end]
        if entity_id.startswith("person:"):
            role = self.roles.get(entity_id) or appositive_role(self.doc, mention.end, end)
            self.roles.setdefault(entity_id, role)
            return Speaker(name, entity_id, True, role)
        return Speaker(name, entity_id, True, None)

    def unknown_named_speaker(self, start: int, end: int) -> Speaker | None:
        """A name the entity rules missed: two capitalised words or more, or one after a title ("Mr Chaudhry"). It
        becomes a person of the article if the quote is kept."""
        at = self.doc.token_index_at(start)
        first = self.skip_title(at)
        if first >= len(self.doc.tokens) or self.doc.tokens[first].start >= end:
            return None
        last = name_run_end(self.doc, first, self.lex)
        words = sum(1 for token in self.doc.tokens[first:last] if token.is_word)
        if last == first or self.doc.tokens[last - 1].end > end or (words < 2 and first == at):
            return None
        name = self.doc.text[self.doc.tokens[first].start : self.doc.tokens[last - 1].end]
        mention = mention_from_tokens(self.doc, first, last, f"person:{slugify(name)}", "quote")
        self.pending_mentions.append(mention)
        self.names.setdefault(mention.entity_id, name)
        return self.named_speaker(mention, end)

    def skip_title(self, first: int) -> int:
        """The token after a leading title ("Mr Chaudhry", "Foreign Minister X"), or ``first`` when there is none."""
        tokens = self.doc.tokens
        for length in range(self.lex.longest_title, 0, -1):
            if tuple(token.text for token in tokens[first : first + length]) in self.lex.titles:
                after = first + length
                return after + 1 if after < len(tokens) and tokens[after].text == "." else after
        return first

    def anonymous_speaker(self, start: int, end: int) -> Speaker | None:
        phrase = self.doc.text[start:end].strip().rstrip(".,;:")
        words = [word.lower() for word in WORD.findall(phrase)[:7]]
        if not any(word in self.lex.anonymous_nouns for word in words):
            return None
        description = re.sub(r"^(?:a|an|the|one)\s+", "", phrase.split(",")[0].strip())
        return Speaker(ANONYMOUS, None, False, None, description)


def appositive_role(doc: Document, position: int, end: int) -> str | None:
    """ ", an energy economist at the Lahore Policy Institute" -> "energy economist at the Lahore Policy Institute"."""
    segment = doc.text[position:end]
    match = re.match(r"\s*,\s*(?:(?:a|an|the)\s+)?([^,;]+?)(?:,|;|$|\.(?=\s|$))", segment)
    if match is None:
        return None
    role = match.group(1).strip()
    if not role or role.split()[0].lower() in NOT_ROLE_STARTS:
        return None
    return role


def roles_of_people(doc: Document, lex: Lexicon, mentions: list[Mention]) -> dict[str, str]:
    """The role the article gives each person at a mention: an appositive after the name, else a title or role noun
    before it ("Prime Minister Jane Doe", "energy analyst Rabia Khattak")."""
    roles: dict[str, str] = {}
    for mention in mentions:
        if not mention.entity_id.startswith("person:") or mention.entity_id in roles:
            continue
        sentence_end = doc.sentence_of(mention.start).end
        role = appositive_role(doc, mention.end, sentence_end) or role_words_before(doc, lex, mention)
        if role:
            roles[mention.entity_id] = role
    return roles


def role_words_before(doc: Document, lex: Lexicon, mention: Mention) -> str | None:
    title_start = title_before(doc, mention.first_token, lex)
    tokens = doc.tokens
    if title_start >= 0:
        title = doc.text[tokens[title_start].start : tokens[mention.first_token - 1].end].rstrip(".")
        return None if title in HONORIFICS else title  # "Mr" is no role
    first = mention.first_token
    if first == 0 or not (tokens[first - 1].text.islower() and tokens[first - 1].text in lex.role_nouns):
        return None
    start = first - 1
    while (
        start > 0
        and first - start < 3
        and tokens[start - 1].text.islower()
        and tokens[start - 1].text not in ("a", "an", "the", "and", "by", "of", "said", "says")
    ):
        start -= 1
    return doc.text[tokens[start].start : tokens[first - 1].end]
