"""One article in, its entities, quotes and figures out: the extraction the command and the later slice call."""

from collections import Counter
from dataclasses import dataclass

from .document import Document, Span
from .entities import Entity, assign_salience, find_mentions, group_entities
from .figures import Figure, FigureFinder
from .knowledge import KnowledgeBase, default_knowledge_base
from .lexicon import lexicon
from .quotes import Quote, QuoteFinder


@dataclass
class Analysis:
    document: Document
    entities: list[Entity]
    quotes: list[Quote]
    figures: list[Figure]

    def as_json(self) -> dict:
        """The command's output in plain JSON types; offsets index the joined text (see ``document``)."""
        text = self.document.text
        return {
            "entities": [entity_json(entity, self.document, text) for entity in self.entities],
            "quotes": [quote_json(quote) for quote in self.quotes],
            "figures": [figure_json(figure) for figure in self.figures],
        }


def span_json(span: Span) -> dict:
    return {"start": span.start, "end": span.end}


def entity_json(entity: Entity, document: Document, text: str) -> dict:
    result = {"id": entity.id, "kind": entity.kind, "name": entity.name, "salience": entity.salience}
    if entity.part_of:
        result["part_of"] = entity.part_of
    result["mentions"] = [
        {
            "start": m.start,
            "end": m.end,
            "text": text[m.start : m.end],
            "sentence": span_json(document.sentence_of(m.start)),
        }
        for m in entity.mentions
    ]
    return result


def quote_json(quote: Quote) -> dict:
    result = {
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "speaker": quote.speaker.name,
        "speaker_id": quote.speaker.entity_id,
        "on_record": quote.speaker.on_record,
        "role": quote.speaker.role,
    }
    if quote.speaker.description:
        result["description"] = quote.speaker.description
    result["sentence"] = span_json(quote.sentence)
    return result


def figure_json(figure: Figure) -> dict:
    result = {"start": figure.start, "end": figure.end, "text": figure.text, "value": figure.value, "unit": figure.unit}
    if figure.value_max is not None:
        result["value_max"] = figure.value_max
    result["sentence"] = span_json(figure.sentence)
    return result


def display_names(document: Document, kb: KnowledgeBase, mentions: list) -> dict[str, str]:
    """Each entity's name: the knowledge base's, else its longest mention ("Zafar Iqbal Chaudhry", not "Chaudhry")."""
    names: dict[str, str] = {}
    for mention in mentions:
        record = kb.entities.get(mention.entity_id)
        text = record.name if record is not None else document.text[mention.start : mention.end]
        if len(text) > len(names.get(mention.entity_id, "")):
            names[mention.entity_id] = text
    return names


def analyse(
    headline: str, standfirst: str, body: str, *, knowledge: KnowledgeBase | None = None, tagger=None
) -> Analysis:
    """Entities (with salience), attributed quotes and figures of one article. ``knowledge`` defaults to the seed
    knowledge base; ``tagger`` (a ``tagger.Tagger``) adds multi-word people and organisations the rules miss."""
    kb = knowledge or default_knowledge_base()
    lex = lexicon()
    document = Document(headline, standfirst, body)
    mentions = find_mentions(document, kb, lex, tagger)
    names = display_names(document, kb, mentions)
    finder = QuoteFinder(document, lex, mentions, names)
    quotes = finder.quotes()
    mentions = sorted(mentions + finder.new_mentions, key=lambda mention: mention.start)
    entities = group_entities(document, kb, mentions)
    speakers = {quote.speaker.entity_id for quote in quotes if quote.speaker.entity_id}
    entities = assign_salience(document, entities, speakers)
    country_counts = Counter(m.entity_id for m in mentions if m.entity_id.startswith("country:"))
    people_words = frozenset(" ".join(noun) for noun in lex.people_nouns) | kb.people_demonyms
    figures = FigureFinder(document, country_counts, people_words).figures()
    return Analysis(document, entities, quotes, figures)
