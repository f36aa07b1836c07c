"""Entities of one article: known names from the knowledge base, unknown people and organisations found by the name
rules (and, when given, the statistical tagger), surnames resolved to the person named in full, then salience.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from .document import Document, Span
from .gazetteer import Match, blocked_spans, known_mentions
from .knowledge import KnowledgeBase
from .lexicon import Lexicon
from .names import NameSpan, is_name_word, org_spans, person_spans, surname_tokens, title_before
from .slugs import slugify

PRINCIPAL, SECONDARY, PASSING = "principal", "secondary", "passing"
SALIENCE_ORDER = {PRINCIPAL: 0, SECONDARY: 1, PASSING: 2}


@dataclass(frozen=True, slots=True)
class Mention:
    entity_id: str
    start: int
    end: int
    first_token: int
    last_token: int
    source: str  # gazetteer, org-head, title, role, appositive, speech, surname, model, quote


@dataclass
class Entity:
    id: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    salience: str = PASSING
    part_of: str | None = None

    @property
    def kind(self) -> str:
        return self.id.split(":", 1)[0]


def mention_from_tokens(doc: Document, first: int, last: int, entity_id: str, source: str) -> Mention:
    return Mention(entity_id, doc.tokens[first].start, doc.tokens[last - 1].end, first, last, source)


def overlaps(first: int, last: int, other_first: int, other_last: int) -> bool:
    return first < other_last and other_first < last


def known_org_id(doc: Document, kb: KnowledgeBase, span: NameSpan) -> str | None:
    """The id of a known organisation written exactly as this run ("New Development Bank"), if any."""
    keys = [token.key for token in doc.tokens]
    for first in range(span.first, span.last):
        end, entries = kb.longest_match(keys, first)
        if end == span.last and entries and entries[0].entity_id.startswith("org:"):
            return entries[0].entity_id
        if doc.tokens[first].text not in ("The", "the"):
            break
    return None


def merge_org_spans(doc: Document, kb: KnowledgeBase, mentions: list[Mention], spans: list[NameSpan]) -> list[Mention]:
    """An organisation's name wins over the known names inside it: "Centre for Himalayan Studies" is one org."""
    for span in spans:
        known_id = known_org_id(doc, kb, span)
        if known_id is None and any(
            mention.first_token <= span.first and span.last <= mention.last_token for mention in mentions
        ):
            continue  # a longer known name already covers the run
        mentions = [mention for mention in mentions if not overlaps(span.first, span.last, mention.first_token, mention.last_token)]
        text = doc.text[doc.tokens[span.first].start : doc.tokens[span.last - 1].end]
        mentions.append(mention_from_tokens(doc, span.first, span.last, known_id or f"org:{slugify(text)}", span.cue))
    return mentions


def merge_person_spans(
    doc: Document, lex: Lexicon, mentions: list[Mention], spans: list[NameSpan]
) -> list[Mention]:
    """People the name rules found, where no known name claims the words, except a country that is also a given
    name ("Chad Miller")."""
    for span in spans:
        clashing = [m for m in mentions if overlaps(span.first, span.last, m.first_token, m.last_token)]
        given_name_clash = all(
            m.last_token - m.first_token == 1 and doc.tokens[m.first_token].text in lex.also_given_names for m in clashing
        )
        if clashing and not given_name_clash:
            continue
        if sum(1 for token in doc.tokens[span.first : span.last] if token.is_word) < 2:
            continue  # one word is a surname at most, resolved later
        mentions = [m for m in mentions if m not in clashing]
        text = doc.text[doc.tokens[span.first].start : doc.tokens[span.last - 1].end]
        mentions.append(mention_from_tokens(doc, span.first, span.last, f"person:{slugify(text)}", span.cue))
    return mentions


def full_name_surnames(doc: Document, kb: KnowledgeBase, mentions: list[Mention]) -> list[tuple[int, tuple[str, ...], str]]:
    """(position, surname tokens, person id) for every mention of a person by full name, in text order."""
    surnames = []
    for mention in mentions:
        if not mention.entity_id.startswith("person:") or mention.last_token - mention.first_token < 2:
            continue
        record = kb.entities.get(mention.entity_id)
        if record is not None and record.surname:
            surname = tuple(token.key for token in doc.tokens[mention.first_token : mention.last_token]
                            if token.key == record.surname) or (record.surname,)
        else:
            surname = surname_tokens(doc, mention.first_token, mention.last_token)
        surnames.append((mention.start, surname, mention.entity_id))
    return sorted(surnames)


def resolve_surnames(doc: Document, kb: KnowledgeBase, lex: Lexicon, mentions: list[Mention]) -> list[Mention]:
    """ "Prime Minister Jane Doe … Doe said": a later surname names the person last named in full with it (or the
    first one named after it, for a headline that uses the surname alone)."""
    surnames = full_name_surnames(doc, kb, mentions)
    if not surnames:
        return mentions
    covered = [False] * len(doc.tokens)
    for mention in mentions:
        for index in range(mention.first_token, mention.last_token):
            covered[index] = True
    keys = [token.key for token in doc.tokens]
    lengths = sorted({len(surname) for _, surname, _ in surnames}, reverse=True)
    resolved = list(mentions)
    index = 0
    while index < len(doc.tokens):
        found = None
        for length in lengths:
            window = tuple(keys[index : index + length])
            if len(window) == length and not any(covered[index : index + length]) and standalone_surname(doc, lex, index, length):
                person_id = person_for_surname(surnames, window, doc.tokens[index].start)
                if person_id:
                    found = (length, person_id)
                    break
        if found:
            resolved.append(mention_from_tokens(doc, index, index + found[0], found[1], "surname"))
            index += found[0]
        else:
            index += 1
    return resolved


def standalone_surname(doc: Document, lex: Lexicon, index: int, length: int) -> bool:
    """A surname on its own: capitalised, not the start or end of some other full name ("Khattak Institute")."""
    tokens = doc.tokens
    if not tokens[index].is_capitalised:
        return False
    after = index + length
    if after < len(tokens) and is_name_word(doc, after, lex) and tokens[after].start == tokens[after - 1].end + 1:
        return False
    if index > 0 and is_name_word(doc, index - 1, lex) and title_before(doc, index, lex) < 0:
        previous = tokens[index - 1]
        return doc.sentence_of(previous.start).start == previous.start and previous.text in lex.not_names
    return True


def person_for_surname(surnames: list[tuple[int, tuple[str, ...], str]], window: tuple[str, ...], position: int) -> str | None:
    before = [person_id for start, surname, person_id in surnames if surname == window and start < position]
    if before:
        return before[-1]
    after = [person_id for start, surname, person_id in surnames if surname == window and start > position]
    return after[0] if after else None


def gazetteer_mentions(doc: Document, matches: list[Match]) -> list[Mention]:
    return [mention_from_tokens(doc, match.first, match.last, match.entity_id, "gazetteer") for match in matches]


def drop_blocked(mentions: list[Mention], blocked: list[tuple[int, int]]) -> list[Mention]:
    return [m for m in mentions if not any(overlaps(m.first_token, m.last_token, first, last) for first, last in blocked)]


def find_mentions(doc: Document, kb: KnowledgeBase, lex: Lexicon, tagger=None) -> list[Mention]:
    """Every entity mention in the article, in text order."""
    mentions = gazetteer_mentions(doc, known_mentions(doc, kb, lex))
    mentions = merge_org_spans(doc, kb, mentions, org_spans(doc, lex))
    mentions = merge_person_spans(doc, lex, mentions, person_spans(doc, lex))
    if tagger is not None:
        mentions = merge_model_spans(doc, kb, lex, mentions, tagger)
    mentions = drop_blocked(mentions, blocked_spans(doc, kb))
    mentions = resolve_surnames(doc, kb, lex, mentions)
    return sorted(mentions, key=lambda mention: mention.start)


def merge_model_spans(doc: Document, kb: KnowledgeBase, lex: Lexicon, mentions: list[Mention], tagger) -> list[Mention]:
    """People and organisations the statistical tagger finds where no rule found anything: multi-word names only,
    so a stray capitalised word is not made an entity."""
    for first, last, label in tagger.spans(doc):
        if label not in ("PER", "ORG") or any(overlaps(first, last, m.first_token, m.last_token) for m in mentions):
            continue
        words = [token for token in doc.tokens[first:last] if token.is_word]
        if len(words) < 2 or not all(token.is_capitalised or token.text in lex.org_connectors for token in words):
            continue
        if any(token.text in lex.not_names for token in words[:1]):
            continue
        text = doc.text[doc.tokens[first].start : doc.tokens[last - 1].end]
        prefix = "person" if label == "PER" else "org"
        mentions.append(mention_from_tokens(doc, first, last, f"{prefix}:{slugify(text)}", "model"))
    return mentions


def group_entities(doc: Document, kb: KnowledgeBase, mentions: list[Mention]) -> list[Entity]:
    """Mentions gathered per entity; unknown entities are named by their longest mention."""
    by_id: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_id[mention.entity_id].append(mention)
    entities = []
    for entity_id, entity_mentions in by_id.items():
        record = kb.entities.get(entity_id)
        if record is not None:
            name, part_of = record.name, record.part_of
        else:
            longest = max(entity_mentions, key=lambda m: (m.end - m.start, -m.start))
            name, part_of = doc.text[longest.start : longest.end], None
        entities.append(Entity(entity_id, name, entity_mentions, part_of=part_of))
    return entities


def salience_of(doc: Document, entity: Entity, speakers: set[str]) -> str:
    """The salience rule (README-draft.md): principal when named in the headline, or in the standfirst and at least
    three times in all; secondary when named at least three times, or twice with one in the standfirst or first
    paragraph, or when quoted; passing otherwise."""
    zones = {doc.zone_of(mention.start) for mention in entity.mentions}
    first_paragraph = doc.first_body_paragraph
    in_first_paragraph = first_paragraph is not None and any(
        first_paragraph.start <= mention.start < first_paragraph.end for mention in entity.mentions
    )
    count = len(entity.mentions)
    if "headline" in zones or ("standfirst" in zones and count >= 3):
        return PRINCIPAL
    if count >= 3 or (count >= 2 and ("standfirst" in zones or in_first_paragraph)) or entity.id in speakers:
        return SECONDARY
    return PASSING


def assign_salience(doc: Document, entities: list[Entity], speakers: set[str]) -> list[Entity]:
    for entity in entities:
        entity.salience = salience_of(doc, entity, speakers)
    return sorted(entities, key=lambda entity: (SALIENCE_ORDER[entity.salience], entity.mentions[0].start))


def sentence_span(doc: Document, position: int) -> Span:
    return doc.sentence_of(position)
