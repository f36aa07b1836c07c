"""The plain baseline `make eval` prints beside the extraction: the statistical tagger alone with naive linking,
every quoted span a quote of the nearest tagged person, and numbers next to a currency sign or a per cent sign.

- Entities: the tagger's names; a name written exactly like an alias of the knowledge base takes that entity's id,
  an unknown person or organisation gets a slug id, an unknown place is dropped. No context rules, no surnames.
- Salience: by frequency alone (the most mentioned entity principal, others mentioned twice secondary).
- Quotes: text between paired double quotation marks; the speaker is the tagger's nearest person in the sentence.
- Figures: a number with a currency sign before it or a per cent sign after it, with an optional multiplier.
"""

import re
from collections import Counter

from tribune.analysis.extraction.document import Document
from tribune.analysis.extraction.knowledge import KnowledgeBase
from tribune.analysis.extraction.slugs import slugify
from tribune.analysis.extraction.tagger import Tagger

QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
MONEY_OR_PERCENT = re.compile(
    r"(?P<sign>US\$|\$|€|£|₹|Rs\.? ?)?(?P<number>\d[\d,]*(?:\.\d+)?)"
    r"(?P<multiplier> ?(?:million|billion|trillion|bn|m|crore|lakh))?(?P<percent> ?(?:%|per cent|percent))?"
)
SIGNS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "Rs": "INR", "Rs.": "INR"}
MULTIPLIERS = {
    "million": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "crore": 10**7,
    "lakh": 10**5,
}


def baseline_entities(
    doc: Document, kb: KnowledgeBase, tagger: Tagger
) -> tuple[list[dict], list[tuple[int, int, int, str]]]:
    by_id: dict[str, list[dict]] = {}
    people = []
    for first, last, label in tagger.spans(doc):
        start, end = doc.tokens[first].start, doc.tokens[last - 1].end
        surface = doc.text[start:end]
        entry = kb.lookup_exact(surface.removeprefix("the ").removeprefix("The "))
        if entry is not None:
            entity_id = entry.entity_id
        elif label == "PER":
            entity_id = f"person:{slugify(surface)}"
        elif label == "ORG":
            entity_id = f"org:{slugify(surface)}"
        else:
            continue
        if label == "PER":
            people.append((start, end, first, entity_id))
        by_id.setdefault(entity_id, []).append({"start": start, "end": end, "text": surface})
    counts = Counter({entity_id: len(mentions) for entity_id, mentions in by_id.items()})
    top = counts.most_common(1)[0][0] if counts else None
    entities = [
        {
            "id": entity_id,
            "salience": "principal" if entity_id == top else "secondary" if len(mentions) >= 2 else "passing",
            "mentions": mentions,
        }
        for entity_id, mentions in by_id.items()
    ]
    return entities, people


def baseline_quotes(doc: Document, people: list[tuple[int, int, int, str]]) -> list[dict]:
    quotes = []
    for match in QUOTED.finditer(doc.text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        sentence = doc.sentence_of(match.end() - 1)
        nearby = [
            person for person in people if sentence.start <= person[0] < sentence.end and not start <= person[0] < end
        ]
        nearest = min(nearby, key=lambda person: abs(person[0] - match.end()), default=None)
        speaker = doc.text[nearest[0] : nearest[1]] if nearest else "anonymous"
        quotes.append(
            {
                "start": start,
                "end": end,
                "text": doc.text[start:end],
                "speaker": speaker,
                "speaker_id": nearest[3] if nearest else None,
                "on_record": nearest is not None,
            }
        )
    return quotes


def baseline_figures(doc: Document) -> list[dict]:
    figures = []
    for match in MONEY_OR_PERCENT.finditer(doc.text):
        if not (match.group("sign") or match.group("percent")):
            continue
        value = float(match.group("number").replace(",", ""))
        if match.group("multiplier"):
            value *= MULTIPLIERS[match.group("multiplier").strip()]
        unit = "percent" if match.group("percent") else SIGNS[match.group("sign").strip()]
        figures.append(
            {"start": match.start(), "end": match.end(), "text": match.group(), "value": value, "unit": unit}
        )
    return figures


def baseline_analyse(article: dict, kb: KnowledgeBase, tagger: Tagger) -> dict:
    doc = Document(article["headline"], article["standfirst"], article["body"])
    entities, people = baseline_entities(doc, kb, tagger)
    return {"entities": entities, "quotes": baseline_quotes(doc, people), "figures": baseline_figures(doc)}
