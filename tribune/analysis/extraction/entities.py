"""Entities of one article: known names from the knowledge base, unknown people and organisations found by the name
rules (and, when given, the statistical tagger), surnames resolved to the person named in full, then salience.
"""

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from .document import Document
from .gazetteer import Match, known_mentions
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


class MentionSet:
    """Mentions with the tokens each one claims, so overlaps are found without scanning every mention."""

    def __init__(self, doc: Document, mentions: list[Mention]):
        self.owner: list[Mention | None] = [None] * len(doc.tokens)
        self.mentions: set[Mention] = set()
        for mention in mentions:
            self.add(mention)

    def add(self, mention: Mention) -> None:
        self.mentions.add(mention)
        for index in range(mention.first_token, mention.last_token):
            self.owner[index] = mention

    def remove(self, mention: Mention) -> None:
        self.mentions.discard(mention)
        for index in range(mention.first_token, mention.last_token):
            if self.owner[index] is mention:
                self.owner[index] = None

    def overlapping(self, first: int, last: int) -> list[Mention]:
        found = []
        for mention in self.owner[first:last]:
            if mention is not None and mention not in found:
                found.append(mention)
        return found


def known_org_id(doc: Document, kb: KnowledgeBase, span: NameSpan) -> str | None:
    """The id of a known organisation written exactly as this run ("New Development Bank"), if any."""
    for first in range(span.first, span.last):
        end, entries = kb.longest_match(doc.keys, first)
        if end == span.last and entries and entries[0].entity_id.startswith("org:"):
            return entries[0].entity_id
        if doc.tokens[first].text not in ("The", "the"):
            break
    return None


def merge_org_spans(doc: Document, kb: KnowledgeBase, mentions: MentionSet, spans: list[NameSpan]) -> None:
    """An organisation's name wins over the known names inside it: "Centre for Himalayan Studies" is one org."""
    for span in spans:
        known_id = known_org_id(doc, kb, span)
        clashing = mentions.overlapping(span.first, span.last)
        if known_id is None and any(m.first_token <= span.first and span.last <= m.last_token for m in clashing):
            continue  # a longer known name already covers the run
        for mention in clashing:
            mentions.remove(mention)
        text = doc.text[doc.tokens[span.first].start : doc.tokens[span.last - 1].end]
        mentions.add(mention_from_tokens(doc, span.first, span.last, known_id or f"org:{slugify(text)}", span.cue))


def merge_person_spans(doc: Document, lex: Lexicon, mentions: MentionSet, spans: list[NameSpan]) -> None:
    """People the name rules found, where no known name claims the words, except a country that is also a given
    name ("Chad Miller")."""
    for span in spans:
        clashing = mentions.overlapping(span.first, span.last)
        given_name_clash = all(
            m.last_token - m.first_token == 1 and doc.tokens[m.first_token].text in lex.also_given_names
            for m in clashing
        )
        if clashing and not given_name_clash:
            continue
        if sum(1 for token in doc.tokens[span.first : span.last] if token.is_word) < 2:
            continue  # one word is a surname at most, resolved later
        for mention in clashing:
            mentions.remove(mention)
        text = doc.text[doc.tokens[span.first].start : doc.tokens[span.last - 1].end]
        mentions.add(mention_from_tokens(doc, span.first, span.last, f"person:{slugify(text)}", span.cue))


def full_name_surnames(
    doc: Document, kb: KnowledgeBase, mentions: list[Mention]
) -> list[tuple[int, tuple[str, ...], str]]:
    """(position, surname tokens, person id) for every mention of a person by full name, in text order."""
    surnames = []
    for mention in mentions:
        if not mention.entity_id.startswith("person:") or mention.last_token - mention.first_token < 2:
            continue
        record = kb.entities.get(mention.entity_id)
        if record is not None and record.surname:
            surname = tuple(
                token.key
                for token in doc.tokens[mention.first_token : mention.last_token]
                if token.key == record.surname
            ) or (record.surname,)
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
    keys = doc.keys
    by_first_word: dict[str, set[tuple[str, ...]]] = {}
    for _, surname, _ in surnames:
        by_first_word.setdefault(surname[0], set()).add(surname)
    by_surname = surname_index(surnames)
    resolved = list(mentions)
    index = 0
    while index < len(doc.tokens):
        found = None
        for surname in sorted(by_first_word.get(keys[index], ()), key=len, reverse=True):
            length = len(surname)
            if (
                tuple(keys[index : index + length]) == surname
                and not any(covered[index : index + length])
                and standalone_surname(doc, lex, index, length)
            ):
                person_id = person_for_surname(by_surname, surname, doc.tokens[index].start)
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


def surname_index(surnames: list[tuple[int, tuple[str, ...], str]]) -> dict[tuple[str, ...], tuple[list, list]]:
    """Each surname's full mentions in text order: their starts and the people they name (looked up by bisection,
    so an article naming thousands of people costs no more per surname than one naming two)."""
    index: dict[tuple[str, ...], tuple[list, list]] = {}
    for start, surname, person_id in sorted(surnames):
        starts, people = index.setdefault(surname, ([], []))
        starts.append(start)
        people.append(person_id)
    return index


def person_for_surname(index: dict[tuple[str, ...], tuple[list, list]], window: tuple[str, ...], position: int):
    """The person last named in full with this surname before ``position``, else the first one named after it."""
    starts, people = index.get(window, ([], []))
    before = bisect.bisect_left(starts, position)
    if before:
        return people[before - 1]
    after = bisect.bisect_right(starts, position)
    return people[after] if after < len(people) else None


def gazetteer_mentions(doc: Document, matches: list[Match]) -> list[Mention]:
    return [mention_from_tokens(doc, match.first, match.last, match.entity_id, "gazetteer") for match in matches]


def drop_blocked(mentions: MentionSet, blocked: list[tuple[int, int]]) -> None:
    for first, last in blocked:
        for mention in mentions.overlapping(first, last):
            mentions.remove(mention)


def find_mentions(doc: Document, kb: KnowledgeBase, lex: Lexicon, tagger=None) -> list[Mention]:
    """Every entity mention in the article, in text order."""
    matches, blocked = known_mentions(doc, kb, lex)
    mentions = MentionSet(doc, gazetteer_mentions(doc, matches))
    merge_org_spans(doc, kb, mentions, org_spans(doc, lex))
    merge_person_spans(doc, lex, mentions, person_spans(doc, lex))
    if tagger is not None:
        merge_model_spans(doc, lex, mentions, tagger)
    drop_blocked(mentions, blocked)
    resolved = resolve_surnames(doc, kb, lex, sorted(mentions.mentions, key=lambda mention: mention.start))
    return sorted(resolved, key=lambda mention: mention.start)


def merge_model_spans(doc: Document, lex: Lexicon, mentions: MentionSet, tagger) -> None:
    """People and organisations the statistical tagger finds where no rule found anything: multi-word names only,
    so a stray capitalised word is not made an entity."""
    for first, last, label in tagger.spans(doc):
        if label not in ("PER", "ORG") or mentions.overlapping(first, last):
            continue
        words = [token for token in doc.tokens[first:last] if token.is_word]
        if len(words) < 2 or not all(token.is_capitalised or token.text in lex.org_connectors for token in words):
            continue
        if words[0].text in lex.not_names:
            continue
        text = doc.text[doc.tokens[first].start : doc.tokens[last - 1].end]
        prefix = "person" if label == "PER" else "org"
        mentions.add(mention_from_tokens(doc, first, last, f"{prefix}:{slugify(text)}", "model"))


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


def salience_of(doc: Document, entity: Entity, speakers: set[str], standfirst_lead: str | None) -> str:
    """The salience rule (README, "The analysis layer"): principal when named in the headline (when the headline
    names no entity, the most mentioned entity of the standfirst is); secondary when named at least twice, or in the
    standfirst or the first paragraph, or quoted; passing otherwise."""
    zones = {doc.zone_of(mention.start) for mention in entity.mentions}
    if "headline" in zones or entity.id == standfirst_lead:
        return PRINCIPAL
    first_paragraph = doc.first_body_paragraph
    in_first_paragraph = first_paragraph is not None and any(
        first_paragraph.start <= mention.start < first_paragraph.end for mention in entity.mentions
    )
    if len(entity.mentions) >= 2 or "standfirst" in zones or in_first_paragraph or entity.id in speakers:
        return SECONDARY
    return PASSING


def standfirst_lead(doc: Document, entities: list[Entity]) -> str | None:
    """The most mentioned entity of the standfirst, when the headline names none (it then leads the article)."""
    if any(doc.zone_of(m.start) == "headline" for entity in entities for m in entity.mentions):
        return None
    in_standfirst = [
        entity for entity in entities if any(doc.zone_of(m.start) == "standfirst" for m in entity.mentions)
    ]
    return max(in_standfirst, key=lambda entity: len(entity.mentions)).id if in_standfirst else None


def assign_salience(doc: Document, entities: list[Entity], speakers: set[str]) -> list[Entity]:
    lead = standfirst_lead(doc, entities)
    for entity in entities:
        entity.salience = salience_of(doc, entity, speakers, lead)
    return sorted(entities, key=lambda entity: (SALIENCE_ORDER[entity.salience], entity.mentions[0].start))
