"""The knowledge base: entities with stable ids and every surface form that names them, compiled into a token trie.

Seeded from pycountry (every ISO 3166 country) and the curated files in ``tribune/analysis/data/``; the later slice
adds the outlet's contributors and editors' entities from the database as extra ``EntityRecord``s. Building it costs
tens of milliseconds, so ``default_knowledge_base()`` keeps one per process and ``knowledge_base_with()`` caches each
distinct set of extra records.
"""

import functools
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from .document import TOKEN_PATTERN
from .slugs import slugify

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# How a surface form names its entity; the kind decides which context rules apply to a match.
NAME = "name"  # the entity's name, a short form or an acronym
ADJECTIVE = "adjective"  # demonym or adjective: "Pakistani", "Chinese", "South Asian"
COMBINING = "combining"  # only before a hyphen: "Sino" in "Sino-Indian"
CAPITAL = "capital"  # the state when it acts ("Moscow said"), nothing when it is the place ("in Moscow")
SEAT = "seat"  # a seat of power that always stands for the state: "the Kremlin"
SURNAME = "surname"  # a person's surname distinctive enough to stand alone: "Putin"
BLOCKER = "blocker"  # a longer name that is no entity of ours and hides a shorter one: "New Mexico"
AFTER_THE = "after_the"  # a name that only counts after "the": "the West"

KIND_PRIORITY = {NAME: 0, SEAT: 1, CAPITAL: 2, ADJECTIVE: 3, SURNAME: 4, COMBINING: 5, AFTER_THE: 6, BLOCKER: 7}


@dataclass(frozen=True)
class EntityRecord:
    """One entity and the surface forms that name it. ``aliases`` maps each form to its kind (NAME, CAPITAL, …)."""

    id: str
    name: str
    aliases: tuple[tuple[str, str], ...] = ()
    part_of: str | None = None
    surname: str | None = None  # for people: the name a later, shorter mention uses

    @property
    def kind(self) -> str:
        return self.id.split(":", 1)[0]


@dataclass(frozen=True, slots=True)
class AliasEntry:
    entity_id: str
    kind: str


@dataclass
class TrieNode:
    children: dict[str, "TrieNode"] = field(default_factory=dict)
    entries: list[AliasEntry] = field(default_factory=list)


def alias_tokens(alias: str) -> list[str]:
    """The alias cut into the same tokens as article text, apostrophes and dashes made plain."""
    return [
        match.group().replace("’", "'").replace("‑", "-").replace("–", "-") for match in TOKEN_PATTERN.finditer(alias)
    ]


def ascii_folded(text: str) -> str:
    """ "Côte d'Ivoire" -> "Cote d'Ivoire": writers drop diacritics, the match should not depend on them."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


class KnowledgeBase:
    """Entities by id and a trie of their surface forms over tokens, for longest-match lookup in article text."""

    def __init__(self, records: Iterable[EntityRecord], blockers: Iterable[str] = ()):
        self.entities: dict[str, EntityRecord] = {}
        self.root = TrieNode()
        for record in records:
            self.add(record)
        for blocker in blockers:
            self.add_alias(blocker, AliasEntry("", BLOCKER))

    def add(self, record: EntityRecord) -> None:
        """Add or extend an entity: an id already present keeps its name and gains the new aliases."""
        existing = self.entities.get(record.id)
        if existing is None:
            self.entities[record.id] = record
        else:
            self.entities[record.id] = EntityRecord(
                existing.id,
                existing.name,
                existing.aliases + record.aliases,
                existing.part_of or record.part_of,
                existing.surname or record.surname,
            )
        # The name counts as a NAME unless the aliases give it a kind of its own ("West" only after "the").
        named_kinds = [(record.name, NAME)] if all(alias != record.name for alias, _ in record.aliases) else []
        for alias, kind in (*named_kinds, *record.aliases):
            self.add_alias(alias, AliasEntry(record.id, kind))
            folded = ascii_folded(alias)
            if folded != alias:
                self.add_alias(folded, AliasEntry(record.id, kind))

    def add_alias(self, alias: str, entry: AliasEntry) -> None:
        tokens = alias_tokens(alias)
        if not tokens:
            return
        node = self.root
        for token in tokens:
            node = node.children.setdefault(token, TrieNode())
        if entry not in node.entries:
            node.entries.append(entry)
            node.entries.sort(key=lambda item: KIND_PRIORITY[item.kind])

    def longest_match(self, keys: list[str], start: int) -> tuple[int, list[AliasEntry]]:
        """(end, entries) of the longest alias starting at token ``start``; (start, []) when none does."""
        node = self.root
        best_end, best_entries = start, []
        index = start
        while index < len(keys):
            node = node.children.get(keys[index])
            if node is None:
                break
            index += 1
            if node.entries:
                best_end, best_entries = index, node.entries
        return best_end, best_entries

    @functools.cached_property
    def people_demonyms(self) -> frozenset[str]:
        """Plural demonyms of countries ("Afghans", "Pakistanis"): a count before them is a count of people."""
        return frozenset(
            alias
            for record in self.entities.values()
            if record.kind == "country"
            for alias, kind in record.aliases
            if kind == ADJECTIVE and alias.endswith("s") and " " not in alias
        )

    def name_of(self, entity_id: str) -> str:
        record = self.entities.get(entity_id)
        return record.name if record else entity_id

    def lookup_exact(self, surface: str) -> AliasEntry | None:
        """The first entry of an alias written exactly as ``surface`` (used by the plain baseline)."""
        tokens = alias_tokens(surface)
        end, entries = self.longest_match(tokens, 0)
        if entries and end == len(tokens) and entries[0].kind != BLOCKER:
            return entries[0]
        return None


def load_json(name: str) -> dict:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def country_names(country) -> tuple[str, list[str]]:
    """The display name and ISO names of a pycountry country; "Korea, Republic of" forms are left out."""
    names = []
    for attribute in ("common_name", "name", "official_name"):
        value = getattr(country, attribute, None)
        if not value:
            continue
        value = value.removeprefix("the ")
        if "(" in value:
            value = value.split("(")[0].strip()
        if "," not in value:
            names.append(value)
    display = names[0] if names else country.name
    return display, names


def country_records() -> list[EntityRecord]:
    curated = load_json("countries.json")
    records = []
    for country in pycountry.countries:
        extra = curated.get(country.alpha_3, {})
        display, iso_names = country_names(country)
        display = extra.get("display", display)
        aliases = [(name, NAME) for name in iso_names + extra.get("aliases", [])]
        aliases += [(form, ADJECTIVE) for form in extra.get("adjectives", [])]
        aliases += [(form, COMBINING) for form in extra.get("combining", [])]
        aliases += [(form, CAPITAL) for form in extra.get("capitals", [])]
        aliases += [(form, SEAT) for form in extra.get("seats", [])]
        records.append(EntityRecord(f"country:{country.alpha_3}", display, tuple(aliases)))
    return records


def org_records() -> list[EntityRecord]:
    return [
        EntityRecord(
            org["id"],
            org["name"],
            tuple((alias, NAME) for alias in org.get("aliases", []))
            + tuple((seat, CAPITAL) for seat in org.get("seats", [])),
            part_of=org.get("part_of"),
        )
        for org in load_json("orgs.json")["orgs"]
    ]


def region_records() -> list[EntityRecord]:
    records = []
    for region in load_json("regions.json")["regions"]:
        name_kind = AFTER_THE if region.get("after_the") else NAME
        aliases = [(region["name"], name_kind)] + [(alias, NAME) for alias in region.get("aliases", [])]
        aliases += [(form, ADJECTIVE) for form in region.get("adjectives", [])]
        records.append(EntityRecord(region["id"], region["name"], tuple(aliases)))
    return records


def person_records() -> list[EntityRecord]:
    records = []
    for person in load_json("people.json")["people"]:
        aliases = [(alias, NAME) for alias in person.get("aliases", [])]
        if person.get("surname_alone") and person.get("surname"):
            aliases.append((person["surname"], SURNAME))
        records.append(EntityRecord(person["id"], person["name"], tuple(aliases), surname=person.get("surname")))
    return records


def person_record(name: str, *, entity_id: str | None = None, aliases: Iterable[str] = ()) -> EntityRecord:
    """A person the seed does not know (a contributor, an editor's entity): id from the name unless given."""
    surname = alias_tokens(name)[-1] if alias_tokens(name) else None
    return EntityRecord(
        entity_id or f"person:{slugify(name)}", name, tuple((alias, NAME) for alias in aliases), surname=surname
    )


def seed_names() -> dict[str, dict[str, str]]:
    """The seed's organisations, regions and people named in other languages: ``{"org:un": {"hi": "…", "ru": "…"}}``
    (countries take theirs from pycountry's translations)."""
    return {key: names for key, names in load_json("names.json")["names"].items() if isinstance(names, dict)}


def seed_records() -> list[EntityRecord]:
    return country_records() + org_records() + region_records() + person_records()


def build_knowledge_base(extra_records: Iterable[EntityRecord] = ()) -> KnowledgeBase:
    """The seed plus ``extra_records`` (an extra record with a seed id adds aliases to that entity)."""
    return KnowledgeBase([*seed_records(), *extra_records], blockers=load_json("regions.json")["blockers"])


@functools.cache
def default_knowledge_base() -> KnowledgeBase:
    return build_knowledge_base()


@functools.lru_cache(maxsize=8)
def knowledge_base_with(extra_records: tuple[EntityRecord, ...]) -> KnowledgeBase:
    """One knowledge base per distinct tuple of extra records, so callers pass the same tuple to reuse it."""
    return build_knowledge_base(extra_records)
