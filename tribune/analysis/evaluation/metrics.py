"""Scores of an extraction against the annotations: entity linking, salience, quotes and figures.

- Entity linking: a predicted mention counts when its id and its span (start, end) both equal an annotated one.
- Salience: over annotated entities the extraction also found, the share given the annotated salience.
- Quote spans: exact (start, end) of the quoted words. Speaker: over annotated quotes, the share with a predicted
  quote overlapping them whose speaker is right (same entity id; "anonymous" for anonymous; else the same name).
- Figures: a predicted figure counts when span, unit and value all equal an annotated one.
"""

import math
from dataclasses import dataclass, field


@dataclass
class Counts:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, gold: set, predicted: set) -> None:
        self.true_positives += len(gold & predicted)
        self.false_positives += len(predicted - gold)
        self.false_negatives += len(gold - predicted)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Ratio:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass
class Scores:
    entities: Counts = field(default_factory=Counts)
    salience: Ratio = field(default_factory=Ratio)
    quote_spans: Counts = field(default_factory=Counts)
    quote_speakers: Ratio = field(default_factory=Ratio)
    on_record: Ratio = field(default_factory=Ratio)
    figures: Counts = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)


def mention_keys(entities: list[dict]) -> set[tuple[int, int, str]]:
    return {(mention["start"], mention["end"], entity["id"]) for entity in entities for mention in entity["mentions"]}


def same_speaker(gold: dict, predicted: dict) -> bool:
    if gold["speaker"] == "anonymous":
        return predicted["speaker"] == "anonymous"
    if gold.get("speaker_id"):
        return predicted.get("speaker_id") == gold["speaker_id"]
    return predicted["speaker"].casefold() == gold["speaker"].casefold()


def figure_key(figure: dict) -> tuple[int, int, str]:
    return figure["start"], figure["end"], figure["unit"]


def same_value(gold: float, predicted: float) -> bool:
    return math.isclose(float(gold), float(predicted), rel_tol=1e-6, abs_tol=1e-9)


def score_article(scores: Scores, article: dict, predicted: dict) -> None:
    """Add one article's comparison to ``scores``, with a line per error for the report."""
    name = article["id"]
    gold_mentions, predicted_mentions = mention_keys(article["entities"]), mention_keys(predicted["entities"])
    scores.entities.add(gold_mentions, predicted_mentions)
    text = article["headline"] + "\n\n" + article["standfirst"] + "\n\n" + article["body"]
    for start, end, entity_id in sorted(predicted_mentions - gold_mentions):
        scores.errors.append(f"{name}: extra mention {text[start:end]!r} -> {entity_id}")
    for start, end, entity_id in sorted(gold_mentions - predicted_mentions):
        scores.errors.append(f"{name}: missed mention {text[start:end]!r} -> {entity_id}")

    predicted_salience = {entity["id"]: entity["salience"] for entity in predicted["entities"]}
    for entity in article["entities"]:
        if entity["id"] in predicted_salience:
            scores.salience.total += 1
            if predicted_salience[entity["id"]] == entity["salience"]:
                scores.salience.correct += 1
            else:
                scores.errors.append(
                    f"{name}: salience of {entity['id']} is {entity['salience']}, "
                    f"predicted {predicted_salience[entity['id']]}"
                )

    scores.quote_spans.add(
        {(q["start"], q["end"]) for q in article["quotes"]}, {(q["start"], q["end"]) for q in predicted["quotes"]}
    )
    for gold in article["quotes"]:
        scores.quote_speakers.total += 1
        match = next((q for q in predicted["quotes"] if q["start"] < gold["end"] and gold["start"] < q["end"]), None)
        if match is None:
            scores.errors.append(f"{name}: missed quote {gold['text'][:50]!r}")
            continue
        scores.on_record.total += 1
        scores.on_record.correct += match["on_record"] == gold["on_record"]
        if same_speaker(gold, match):
            scores.quote_speakers.correct += 1
        else:
            scores.errors.append(
                f"{name}: quote {gold['text'][:40]!r} by {gold['speaker']}, predicted {match['speaker']}"
            )
    for quote in predicted["quotes"]:
        if not any(quote["start"] < gold["end"] and gold["start"] < quote["end"] for gold in article["quotes"]):
            scores.errors.append(f"{name}: extra quote {quote['text'][:50]!r}")

    gold_figures = {figure_key(figure): figure["value"] for figure in article["figures"]}
    predicted_figures = {figure_key(figure): figure["value"] for figure in predicted["figures"]}
    correct = {
        key
        for key in gold_figures.keys() & predicted_figures.keys()
        if same_value(gold_figures[key], predicted_figures[key])
    }
    scores.figures.true_positives += len(correct)
    scores.figures.false_positives += len(predicted_figures) - len(correct)
    scores.figures.false_negatives += len(gold_figures) - len(correct)
    for figure in article["figures"]:
        if figure_key(figure) not in correct:
            scores.errors.append(f"{name}: missed figure {figure['text']!r} = {figure['value']} {figure['unit']}")
    for figure in predicted["figures"]:
        if figure_key(figure) not in correct:
            scores.errors.append(f"{name}: extra figure {figure['text']!r} = {figure['value']} {figure['unit']}")
