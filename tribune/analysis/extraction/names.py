"""Names the knowledge base does not know: people introduced by a title, a role, an appositive or a speech verb
("analyst Rabia Khattak", "said Omar Farooq Baig"), organisations written as proper names around a head word
("Lahore Policy Institute", "Centre for Himalayan Studies"), and later surnames of the people already named.
"""

from dataclasses import dataclass

from .document import Document
from .lexicon import Lexicon

HYPHENS = frozenset({"-", "–", "‑"})
POSSESSIVES = frozenset({"'s", "’s"})
ARTICLES = frozenset({"a", "an", "the"})
MAX_NAME_WORDS = 5
APPOSITIVE_REACH = 7  # words after "Name," in which a role noun makes the name a person's


@dataclass(frozen=True, slots=True)
class NameSpan:
    """Tokens [first, last) that name someone or something, and the cue that found them."""

    first: int
    last: int
    cue: str


def adjacent(doc: Document, left: int, right: int) -> bool:
    """Whether token ``right`` follows token ``left`` with no space between them."""
    return doc.tokens[right].start == doc.tokens[left].end


def is_name_word(doc: Document, index: int, lex: Lexicon) -> bool:
    """A capitalised word that can be part of a person's name: not a function word, an acronym, a one-word title
    ("Colonel") or a role ("Analyst" at the start of a sentence)."""
    token = doc.tokens[index]
    return (
        token.is_word
        and token.is_capitalised
        and token.text not in lex.not_names
        and not (token.text.isupper() and len(token.text) > 1)
        and (token.text,) not in lex.titles
        and token.text.lower() not in lex.role_nouns
    )


def is_initial(doc: Document, index: int) -> bool:
    """ "S." in "S. Jaishankar"."""
    tokens = doc.tokens
    return (
        len(tokens[index].text) == 1
        and tokens[index].text.isupper()
        and index + 1 < len(tokens)
        and tokens[index + 1].text == "."
        and adjacent(doc, index, index + 1)
    )


def name_run_end(doc: Document, first: int, lex: Lexicon) -> int:
    """End of the person-name-like run starting at ``first``: capitalised words, joined by hyphens, with particles
    (bin, al, von der) and initials inside; 0 words when ``first`` cannot start a name."""
    tokens = doc.tokens
    index = first
    words = 0
    while index < len(tokens) and words < MAX_NAME_WORDS:
        if is_initial(doc, index):
            index += 2
            words += 1
            continue
        if not is_name_word(doc, index, lex):
            break
        index += 1
        words += 1
        # Hyphenated names are one word: "Asante-Boateng", "Al-Rashidi", "Kassym-Jomart".
        while (
            index + 1 < len(tokens)
            and tokens[index].text in HYPHENS
            and adjacent(doc, index - 1, index)
            and adjacent(doc, index, index + 1)
            and is_name_word(doc, index + 1, lex)
        ):
            index += 2
        if index + 1 < len(tokens) and tokens[index].text in lex.name_particles and is_name_word(doc, index + 1, lex):
            index += 1
    return index if words else first


def title_before(doc: Document, first: int, lex: Lexicon) -> int:
    """Start of a title ("Prime Minister", "Mr", "Dr.") ending just before token ``first``, or -1."""
    tokens = doc.tokens
    end = first
    if end > 0 and tokens[end - 1].text == "." and end > 1:
        end -= 1  # "Dr. Khattak"
    for length in range(lex.longest_title, 0, -1):
        start = end - length
        if start >= 0 and tuple(token.text for token in tokens[start:end]) in lex.titles:
            return start
    return -1


def role_before(doc: Document, first: int, lex: Lexicon) -> bool:
    """ "analyst Rabia Khattak", "energy minister Abdulaziz bin Salman": a lowercase role noun just before."""
    if first == 0:
        return False
    word = doc.tokens[first - 1].text
    # "Analyst Rabia Khattak said" at the start of a sentence has its role noun capitalised.
    lowercase = word.islower() or (word.istitle() and starts_new_sentence(doc, first - 1))
    lowered = word.lower()
    return lowercase and (lowered in lex.role_nouns or lowered.rstrip("s") in lex.role_nouns)


def appositive_role_after(doc: Document, last: int, lex: Lexicon) -> bool:
    """ "Rabia Khattak, an energy economist at …": a comma, then a role noun within a few words."""
    tokens = doc.tokens
    if last >= len(tokens) or tokens[last].text != ",":
        return False
    for token in tokens[last + 1 : last + 1 + APPOSITIVE_REACH]:
        if token.text in (",", ".", ";", ":"):
            return False
        if token.text.lower() in lex.role_nouns and token.text.islower():
            return True
    return False


def speech_verb_at(doc: Document, index: int, lex: Lexicon) -> int:
    """Length in tokens of a speech verb ("said", "put it") starting at ``index``, or 0."""
    for verb in lex.speech_verbs_longest_first:
        if (
            doc.tokens[index].text == verb[0]
            and tuple(token.text for token in doc.tokens[index : index + len(verb)]) == verb
        ):
            return len(verb)
    return 0


def speech_verb_around(doc: Document, first: int, last: int, lex: Lexicon) -> bool:
    """ "said Omar Farooq Baig", "Kavita Deshpande said", "according to Aminata Sangaré"."""
    tokens = doc.tokens
    if first > 0 and tokens[first - 1].text.islower() and speech_verb_at(doc, first - 1, lex):
        return True
    if first > 1 and tokens[first - 2].text.lower() == "according" and tokens[first - 1].text == "to":
        return True
    after = last
    if after < len(tokens) and tokens[after].text in ("also", "later", "once", "has", "had", "then"):
        after += 1
    return after < len(tokens) and speech_verb_at(doc, after, lex) > 0


def person_spans(doc: Document, lex: Lexicon) -> list[NameSpan]:
    """People named with a cue; a name coordinated with a cued one ("ministers X and Y") is cued too."""
    spans: list[NameSpan] = []
    index = 0
    tokens = doc.tokens
    while index < len(tokens):
        last = name_run_end(doc, index, lex)
        if last == index or doc.in_title_case(tokens[index].start):
            index = max(last, index + 1)
            continue
        cue = person_cue(doc, index, last, lex)
        if cue is None and spans and spans[-1].last == index - 1 and tokens[index - 1].text == "and":
            cue = "coordination"
        if cue is not None:
            spans.append(NameSpan(index, last, cue))
        index = last
    return spans


def person_cue(doc: Document, first: int, last: int, lex: Lexicon) -> str | None:
    if title_before(doc, first, lex) >= 0:
        return "title"
    if role_before(doc, first, lex):
        return "role"
    if appositive_role_after(doc, last, lex):
        return "appositive"
    if speech_verb_around(doc, first, last, lex):
        return "speech"
    if doc.tokens[first].text in lex.given_names and last - first >= 2:
        return "given-name"
    return None


def org_spans(doc: Document, lex: Lexicon) -> list[NameSpan]:
    """Capitalised runs around an organisation head word: "Lahore Policy Institute", "Centre for Emerging Markets",
    "Konkan Capital Advisors". Leading function words ("According", "The") are left out."""
    spans = []
    index = 0
    tokens = doc.tokens
    while index < len(tokens):
        last = org_run_end(doc, index, lex)
        if last == index or doc.in_title_case(tokens[index].start):
            index = max(last, index + 1)
            continue
        first = index
        while first < last and tokens[first].text in lex.not_names:
            first += 1
        words = [token.text for token in tokens[first:last] if token.is_word]
        has_head = any(word in lex.org_heads for word in words)
        if has_head and len(words) >= 2 and any(word not in lex.org_heads for word in words):
            spans.append(NameSpan(first, last, "org-head"))
        index = last
    return spans


def org_run_end(doc: Document, first: int, lex: Lexicon) -> int:
    """End of a run of capitalised words joined by connectors ("of", "for", "and" after one of those), hyphens or a
    possessive ("People's Bank")."""
    tokens = doc.tokens
    if not (tokens[first].is_word and tokens[first].is_capitalised):
        return first
    index = first + 1
    seen_of_or_for = False
    while index < len(tokens):
        token = tokens[index]
        if token.is_word and token.is_capitalised and not starts_new_sentence(doc, index):
            index += 1
            continue
        following_capital = index + 1 < len(tokens) and tokens[index + 1].is_capitalised and tokens[index + 1].is_word
        if token.text in ("of", "for", "on") and following_capital:
            seen_of_or_for = True
            index += 1
            continue
        if token.text == "and" and seen_of_or_for and following_capital:
            index += 1
            continue
        if (
            (token.text in HYPHENS or token.text in POSSESSIVES)
            and following_capital
            and adjacent(doc, index - 1, index)
        ):
            index += 1
            continue
        break
    return index


def starts_new_sentence(doc: Document, index: int) -> bool:
    return doc.sentence_of(doc.tokens[index].start).start == doc.tokens[index].start


def surname_tokens(doc: Document, span_first: int, span_last: int) -> tuple[str, ...]:
    """The last name of a full name, hyphenated parts kept together: "Asante-Boateng", "Al-Rashidi"."""
    tokens = doc.tokens
    first = span_last - 1
    while first - 2 >= span_first and tokens[first - 1].text in HYPHENS and adjacent(doc, first - 2, first - 1):
        first -= 2
    return tuple(token.key for token in tokens[first:span_last])
