"""The word lists of ``data/lexicon.json`` as sets and token sequences, loaded once per process."""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def phrases(words: list[str]) -> frozenset[tuple[str, ...]]:
    """Multi-word entries as tuples of words, so they can be compared with token windows."""
    return frozenset(tuple(word.split()) for word in words)


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[tuple[str, ...]]
    role_nouns: frozenset[str]
    anonymous_nouns: frozenset[str]
    org_heads: frozenset[str]
    org_connectors: frozenset[str]
    name_particles: frozenset[str]
    not_names: frozenset[str]
    speech_verbs: frozenset[tuple[str, ...]]
    place_prepositions: frozenset[str]
    motion_words: frozenset[str]
    place_nouns: frozenset[str]
    actor_before_from: frozenset[str]
    people_nouns: frozenset[tuple[str, ...]]
    us_state_countries: dict
    given_names: frozenset[str]
    also_given_names: frozenset[str]
    context_vetoes: dict[str, frozenset[str]]

    @functools.cached_property
    def longest_title(self) -> int:
        return max(len(title) for title in self.titles)

    @functools.cached_property
    def speech_verbs_longest_first(self) -> list[tuple[str, ...]]:
        return sorted(self.speech_verbs, key=len, reverse=True)


@functools.cache
def lexicon() -> Lexicon:
    with (DATA_DIR / "lexicon.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    return Lexicon(
        titles=phrases(data["titles"]),
        role_nouns=frozenset(data["role_nouns"]),
        anonymous_nouns=frozenset(data["anonymous_nouns"]),
        org_heads=frozenset(data["org_heads"]),
        org_connectors=frozenset(data["org_connectors"]),
        name_particles=frozenset(data["name_particles"]),
        not_names=frozenset(data["not_names"]),
        speech_verbs=phrases(data["speech_verbs"]),
        place_prepositions=frozenset(data["place_prepositions"]),
        motion_words=frozenset(data["motion_words"]),
        place_nouns=frozenset(data["place_nouns"]),
        actor_before_from=frozenset(data["actor_before_from"]),
        people_nouns=phrases(data["people_nouns"]),
        us_state_countries=data["us_state_countries"],
        given_names=frozenset(data["given_names"]),
        also_given_names=frozenset(data["also_given_names"]),
        context_vetoes={name: frozenset(words) for name, words in data["context_vetoes"].items()},
    )
