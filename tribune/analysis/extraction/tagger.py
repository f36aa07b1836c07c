"""A small statistical name tagger: an averaged perceptron over word, shape and context features, decoding each
sentence greedily left to right into BIO tags for PER, ORG, LOC and NORP.

It is trained (``train_tagger``) on original sentences written for Tribune and ships as ``data/tagger.json.gz``; it
needs nothing else at run time. The extraction uses it only for multi-word people and organisations the rules miss,
and the evaluation's baseline uses it alone.
"""

import functools
import gzip
import json
from collections import defaultdict
from pathlib import Path

from .document import Document

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "tagger.json.gz"
OUTSIDE = "O"


def shape(word: str) -> str:
    """ "Khattak" -> "Xx", "IMF" -> "X", "2024" -> "d", "al-Rashidi" -> "x-Xx": repeats collapsed."""
    classes = []
    for char in word:
        kind = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not classes or classes[-1] != kind:
            classes.append(kind)
    return "".join(classes)[:6]


def token_features(words: list[str], index: int, previous: str, before_previous: str) -> list[str]:
    word = words[index]
    lowered = word.lower()
    previous_word = words[index - 1].lower() if index > 0 else "<s>"
    next_word = words[index + 1].lower() if index + 1 < len(words) else "</s>"
    features = [
        "b",
        "w=" + lowered,
        "s=" + shape(word),
        "p3=" + lowered[:3],
        "x3=" + lowered[-3:],
        "pw=" + previous_word,
        "nw=" + next_word,
        "ps=" + (shape(words[index - 1]) if index > 0 else "<s>"),
        "ns=" + (shape(words[index + 1]) if index + 1 < len(words) else "</s>"),
        "pt=" + previous,
        "pt2=" + before_previous + previous,
        "ptw=" + previous + lowered,
        "ppw=" + (words[index - 2].lower() if index > 1 else "<s>"),
        "nnw=" + (words[index + 2].lower() if index + 2 < len(words) else "</s>"),
    ]
    if index == 0:
        features.append("first")
    return features


class Tagger:
    """Weights per feature and label; ``tag`` gives a BIO tag per word of one sentence."""

    def __init__(self, labels: list[str], weights: dict[str, dict[str, float]]):
        self.labels = labels
        self.weights = weights

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "Tagger":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        return cls(data["labels"], data["weights"])

    def save(self, path: Path = MODEL_PATH) -> None:
        data = {"labels": self.labels, "weights": self.weights}
        # mtime=0 keeps the file byte-for-byte the same when the weights are.
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
            handle.write(json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8"))

    def best_label(self, features: list[str]) -> str:
        scores: dict[str, float] = defaultdict(float)
        for feature in features:
            for label, weight in self.weights.get(feature, {}).items():
                scores[label] += weight
        return max(self.labels, key=lambda label: (scores[label], label == OUTSIDE))

    def tag(self, words: list[str]) -> list[str]:
        tags: list[str] = []
        for index in range(len(words)):
            previous = tags[-1] if tags else "<s>"
            before_previous = tags[-2] if len(tags) > 1 else "<s>"
            if not words[index][:1].isalnum():
                tags.append(OUTSIDE)  # punctuation is never part of a name's start or end
                continue
            label = self.best_label(token_features(words, index, previous, before_previous))
            if label.startswith("I-") and previous[2:] != label[2:]:
                label = "B-" + label[2:]  # an I- tag may only continue a name
            tags.append(label)
        return tags

    def spans(self, doc: Document) -> list[tuple[int, int, str]]:
        """(first token, last token, label) of every name in the document, sentence by sentence."""
        found = []
        tokens = doc.tokens
        for sentence in doc.sentences:
            first = doc.token_index_at(sentence.start)
            last = doc.token_index_at(sentence.end)
            words = [token.text for token in tokens[first:last]]
            found.extend((first + start, first + end, label) for start, end, label in bio_spans(self.tag(words)))
        return found


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans = []
    start, label = None, None
    for index, tag in enumerate([*tags, OUTSIDE]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            spans.append((start, index, label))
            start, label = None, None
        if tag.startswith("B-"):
            start, label = index, tag[2:]
    return spans


@functools.cache
def default_tagger() -> Tagger | None:
    """The shipped model, or None when it is missing (the extraction then runs on rules alone)."""
    return Tagger.load() if MODEL_PATH.exists() else None
