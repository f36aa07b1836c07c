"""Known names found in text: longest match over the knowledge base's token trie, then the context rules that tell a
capital acting for its state from the place, the US state of Georgia from the country, "Chad Miller" from Chad.

Matching is case-sensitive on purpose: "china" (porcelain) and "turkey" (the bird) are not countries.
"""

import re
from dataclasses import dataclass

from .document import Document
from .knowledge import (
    ADJECTIVE,
    AFTER_THE,
    BLOCKER,
    CAPITAL,
    COMBINING,
    NAME,
    SEAT,
    SURNAME,
    AliasEntry,
    KnowledgeBase,
)
from .lexicon import Lexicon

HYPHENS = frozenset({"-", "–", "‑"})
POSSESSIVES = frozenset({"'s", "’s", "'S", "’S"})
COORDINATORS = frozenset({"and", "or", ","})
CURRENCY_SIGNS = frozenset({"$"})


@dataclass(frozen=True, slots=True)
class Match:
    """A surface form of a known entity at tokens [first, last) of the document."""

    first: int
    last: int
    entity_id: str
    kind: str


def find_matches(doc: Document, kb: KnowledgeBase) -> list[Match]:
    """Leftmost-longest matches of every alias, blockers included (they hide what they cover)."""
    keys = doc.keys
    matches = []
    index = 0
    while index < len(keys):
        end, entries = kb.longest_match(keys, index)
        entry = usable_entry(doc, index, end, entries)
        if entry is None:
            index += 1
            continue
        matches.append(Match(index, end, entry.entity_id, entry.kind))
        index = end
    return matches


def usable_entry(doc: Document, first: int, last: int, entries: list[AliasEntry]) -> AliasEntry | None:
    """The first entry whose kind fits where it stands: a combining form needs a hyphen after it, "West" a "the"."""
    tokens = doc.tokens
    for entry in entries:
        if entry.kind == COMBINING:
            hyphen_follows = (
                last + 1 < len(tokens) and tokens[last].text in HYPHENS and tokens[last].start == tokens[last - 1].end
            )
            # "Sino-Pak": a combining form may also close the pair.
            hyphen_precedes = (
                first > 1 and tokens[first - 1].text in HYPHENS and tokens[first - 1].end == tokens[first].start
            )
            if not (hyphen_follows or hyphen_precedes):
                continue
        if entry.kind == AFTER_THE and (first == 0 or tokens[first - 1].text not in ("the", "The")):
            continue
        return entry
    return None


def keep_match(doc: Document, match: Match, lex: Lexicon, us_state_documents: set[str]) -> bool:
    """Whether a match names its entity here (a blocker never does)."""
    if match.kind == BLOCKER:
        return False
    surface = doc.text[doc.tokens[match.first].start : doc.tokens[match.last - 1].end]
    if is_currency_prefix(doc, match):
        return False
    if surface in lex.context_vetoes and vetoed_by_context(doc, match, lex.context_vetoes[surface]):
        return False
    if surface in lex.also_given_names and part_of_personal_name(doc, match, lex):
        return False
    if surface in lex.us_state_countries and (
        surface in us_state_documents or names_us_state(doc, match, lex.us_state_countries[surface])
    ):
        return False
    if match.kind == CAPITAL:
        return capital_acts_for_state(doc, match, lex)
    return match.kind in (NAME, ADJECTIVE, COMBINING, SEAT, SURNAME, AFTER_THE)


def is_currency_prefix(doc: Document, match: Match) -> bool:
    """ "US" in "US$32 billion" belongs to the currency sign."""
    if match.last >= len(doc.tokens):
        return False
    following = doc.tokens[match.last]
    return following.text in CURRENCY_SIGNS and following.start == doc.tokens[match.last - 1].end


def vetoed_by_context(doc: Document, match: Match, veto_words: frozenset[str]) -> bool:
    """ "Turkey" in a sentence about Thanksgiving dinner is the bird, even with a capital."""
    sentence = doc.sentence_of(doc.tokens[match.first].start)
    words = set(re.findall(r"\w+", doc.text[sentence.start : sentence.end]))
    return bool(words & veto_words)


def is_name_word(doc: Document, index: int, lex: Lexicon) -> bool:
    """A capitalised word that could be part of a person's name (not "The", "President", an acronym...)."""
    if index < 0 or index >= len(doc.tokens):
        return False
    token = doc.tokens[index]
    return (
        token.is_word
        and token.is_capitalised
        and not token.text.isupper()
        and token.text not in lex.not_names
        and not any(title[0] == token.text for title in lex.titles)
    )


def part_of_personal_name(doc: Document, match: Match, lex: Lexicon) -> bool:
    """ "Chad Miller", "Michael Jordan": the country name is a given name or surname here."""
    if doc.in_title_case(doc.tokens[match.first].start):
        return False
    next_is_name = (
        is_name_word(doc, match.last, lex) and doc.tokens[match.last].start == doc.tokens[match.last - 1].end + 1
    )
    previous_is_name = (
        match.first > 0
        and is_name_word(doc, match.first - 1, lex)
        # A capitalised word opening the sentence is a name only if it is a known given name ("Michael Jordan
        # spoke"), not any word ("Visiting Jordan, …").
        and (not starts_sentence(doc, match.first - 1) or doc.tokens[match.first - 1].text in lex.given_names)
        and doc.tokens[match.first - 1].end + 1 == doc.tokens[match.first].start
    )
    return next_is_name or previous_is_name


def starts_sentence(doc: Document, index: int) -> bool:
    return doc.sentence_of(doc.tokens[index].start).start == doc.tokens[index].start


def names_us_state(doc: Document, match: Match, cues: dict) -> bool:
    """ "Atlanta, Georgia", "the state of Georgia", "Georgia's governor": the US state, not the country."""
    start = doc.tokens[match.first].start
    before = doc.text[max(0, start - 40) : start]
    if any(re.search(re.escape(cue) + r"\s*$", before) for cue in cues["state_cues_before"]):
        return True
    following = [token.text for token in doc.tokens[match.last : match.last + 2]]
    if following and following[0] in POSSESSIVES:
        following = following[1:]
    if following and following[0] in cues["state_cues_after"]:
        return True
    return city_comma_before(doc, match)


def city_comma_before(doc: Document, match: Match) -> bool:
    """ "Savannah, Georgia": a capitalised place that is no known entity, then a comma, then the name."""
    if match.first < 2 or doc.tokens[match.first - 1].text != ",":
        return False
    place = doc.tokens[match.first - 2]
    return place.is_capitalised and place.is_word and not starts_sentence(doc, match.first - 2) and place.text.istitle()


def us_state_documents(doc: Document, matches: list[Match], lex: Lexicon) -> set[str]:
    """Names that mean the US state throughout this article: state cues present and none for the country."""
    names = set()
    for name, cues in lex.us_state_countries.items():
        named = [
            match
            for match in matches
            if doc.text[doc.tokens[match.first].start : doc.tokens[match.last - 1].end] == name
        ]
        if not named:
            continue
        has_state_cue = any(names_us_state(doc, match, cues) for match in named)
        has_country_cue = any(re.search(r"\b" + re.escape(cue) + r"\b", doc.text) for cue in cues["country_cues"])
        if has_state_cue and not has_country_cue:
            names.add(name)
    return names


def capital_acts_for_state(doc: Document, match: Match, lex: Lexicon) -> bool:
    """ "Moscow said", "Islamabad's position", "ties with Beijing": the state. "in Moscow", "arrived in Beijing",
    "Dhaka-based", "the Washington Post": the place or part of another name."""
    tokens = doc.tokens
    following = tokens[match.last] if match.last < len(tokens) else None
    if following is not None:
        if following.text in HYPHENS and following.start == tokens[match.last - 1].end:
            return False
        if following.text in POSSESSIVES:
            window = {token.text.lower() for token in tokens[match.last + 1 : match.last + 4]}
            return not window & lex.place_nouns
        if (
            following.is_word
            and following.is_capitalised
            and following.text not in lex.not_names
            and following.start == tokens[match.last - 1].end + 1
            and not doc.in_title_case(following.start)
        ):
            return False
    return not stands_as_place(doc, match.first, lex)


def stands_as_place(doc: Document, first: int, lex: Lexicon) -> bool:
    """Whether the words before token ``first`` make it a place: a locative preposition, a verb of travel."""
    tokens = doc.tokens
    sentence_start = doc.sentence_of(tokens[first].start).start
    if first == 0 or tokens[first - 1].start < sentence_start:
        return False
    previous = tokens[first - 1].text.lower()
    recent = {token.text.lower() for token in tokens[max(0, first - 4) : first - 1] if token.start >= sentence_start}
    if previous in lex.place_prepositions or previous in lex.motion_words:
        return True
    if previous == "to":
        return bool(recent & lex.motion_words)
    if previous == "from":
        # "exporters from Tbilisi" is where they are; "a warning from Moscow" is what the state did.
        return first < 2 or tokens[first - 2].text.lower() not in lex.actor_before_from
    if previous == "of":
        return bool(recent & lex.place_nouns) or bool(recent & {"capital", "city", "outskirts", "streets"})
    if previous in COORDINATORS:
        return coordinated_place(doc, first, lex)
    return False


def coordinated_place(doc: Document, first: int, lex: Lexicon) -> bool:
    """ "in Moscow and Beijing": a capital coordinated with a place is a place too."""
    index = first - 2
    while index >= 0 and (doc.tokens[index].is_capitalised or doc.tokens[index].text in COORDINATORS):
        if doc.tokens[index].text in COORDINATORS:
            index -= 1
            continue
        if index > 0 and doc.tokens[index - 1].text.lower() in lex.place_prepositions:
            return True
        index -= 1
    return False


def known_mentions(doc: Document, kb: KnowledgeBase, lex: Lexicon) -> tuple[list[Match], list[tuple[int, int]]]:
    """Matches that name their entity in context (blockers and places dropped), and the token ranges of blockers
    ("New Mexico"), which no other rule may turn into an entity either."""
    matches = find_matches(doc, kb)
    state_names = us_state_documents(doc, matches, lex)
    kept = [match for match in matches if keep_match(doc, match, lex, state_names)]
    return kept, [(match.first, match.last) for match in matches if match.kind == BLOCKER]
