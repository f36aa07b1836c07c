"""Train the statistical tagger on Tribune's own training sentences and write ``data/tagger.json.gz``.

    python -m tribune.analysis.extraction.train_tagger

Deterministic (fixed seed), so the same data gives the same model file. See ``data/tagger/README.md``.
"""

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

from .document import TOKEN_PATTERN
from .knowledge import load_json
from .tagger import MODEL_PATH, OUTSIDE, Tagger, token_features

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "tagger"
MARK = re.compile(r"\[(PER|ORG|LOC|NORP) ([^\]]+)\]")
SLOT = re.compile(r"\{(PER|SUR|ORG|LOC|CAP|NORP)\}")
SLOT_LABELS = {"PER": "PER", "SUR": "PER", "ORG": "ORG", "LOC": "LOC", "CAP": "LOC", "NORP": "NORP"}
SEED = 2026
FILLS_PER_TEMPLATE = 40
HAND_WRITTEN_REPEATS = 3
EPOCHS = 10
MIN_WEIGHT = 0.05


def labelled_tokens(text: str, spans: list[tuple[int, int, str]]) -> tuple[list[str], list[str]]:
    """Words of a sentence and their BIO tags, from character spans of names."""
    words, tags = [], []
    for match in TOKEN_PATTERN.finditer(text):
        tag = OUTSIDE
        for start, end, label in spans:
            if start <= match.start() < end:
                tag = ("B-" if match.start() == start else "I-") + label
        words.append(match.group())
        tags.append(tag)
    return words, tags


def parse_marked(line: str) -> tuple[list[str], list[str]]:
    """ "[PER Rabia Khattak] said" -> words and tags."""
    text, spans, position = [], [], 0
    length = 0
    for match in MARK.finditer(line):
        plain = line[position : match.start()]
        text.append(plain)
        length += len(plain)
        spans.append((length, length + len(match.group(2)), match.group(1)))
        text.append(match.group(2))
        length += len(match.group(2))
        position = match.end()
    text.append(line[position:])
    return labelled_tokens("".join(text), spans)


class Fillers:
    """Random names for template slots, from fillers.json and the seed data's names."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        fillers = json.loads((DATA_DIR / "fillers.json").read_text(encoding="utf-8"))
        countries = load_json("countries.json")
        self.given, self.family = fillers["given_names"], fillers["family_names"]
        self.places, self.fields, self.heads = fillers["org_places"], fillers["org_fields"], fillers["org_heads"]
        self.known_orgs = [org["name"] for org in load_json("orgs.json")["orgs"]]
        self.locations = (
            [region["name"] for region in load_json("regions.json")["regions"]]
            + [name for code, entry in countries.items() if code != "_about" for name in entry.get("aliases", [])]
            + [
                "Pakistan",
                "India",
                "China",
                "Russia",
                "Iran",
                "Egypt",
                "Nigeria",
                "Brazil",
                "Türkiye",
                "Japan",
                "Germany",
                "France",
                "Kenya",
                "Ethiopia",
                "Bangladesh",
                "Sri Lanka",
                "Nepal",
                "Afghanistan",
                "Uzbekistan",
                "Mali",
            ]
        )
        self.capitals = [
            name for code, entry in countries.items() if code != "_about" for name in entry.get("capitals", [])
        ]
        self.demonyms = [
            name
            for code, entry in countries.items()
            if code != "_about"
            for name in entry.get("adjectives", [])
            if not name.endswith("s")
        ]

    def person(self) -> str:
        names = [self.rng.choice(self.given)]
        if self.rng.random() < 0.25:
            names.append(self.rng.choice(self.given))
        return " ".join([*names, self.rng.choice(self.family)])

    def organisation(self) -> str:
        if self.rng.random() < 0.25:
            return self.rng.choice(self.known_orgs)
        place, field, head = self.rng.choice(self.places), self.rng.choice(self.fields), self.rng.choice(self.heads)
        form = self.rng.randrange(4)
        if form == 0:
            return f"{place} {field} {head}"
        if form == 1:
            return f"{head} for {field} Studies"
        if form == 2:
            return f"{place} {head}"
        return f"{place} Institute of {field} Studies"

    def fill(self, slot: str) -> str:
        return {
            "PER": self.person,
            "SUR": lambda: self.rng.choice(self.family),
            "ORG": self.organisation,
            "LOC": lambda: self.rng.choice(self.locations),
            "CAP": lambda: self.rng.choice(self.capitals),
            "NORP": lambda: self.rng.choice(self.demonyms),
        }[slot]()


def filled_template(template: str, fillers: Fillers) -> tuple[list[str], list[str]]:
    text, spans, position, length = [], [], 0, 0
    for match in SLOT.finditer(template):
        plain = template[position : match.start()]
        text.append(plain)
        length += len(plain)
        name = fillers.fill(match.group(1))
        spans.append((length, length + len(name), SLOT_LABELS[match.group(1)]))
        text.append(name)
        length += len(name)
        position = match.end()
    text.append(template[position:])
    return labelled_tokens("".join(text), spans)


def training_sentences(rng: random.Random) -> list[tuple[list[str], list[str]]]:
    hand_written = [
        parse_marked(line) for line in (DATA_DIR / "sentences.txt").read_text("utf-8").splitlines() if line.strip()
    ]
    fillers = Fillers(rng)
    templates = [line for line in (DATA_DIR / "templates.txt").read_text("utf-8").splitlines() if line.strip()]
    generated = [filled_template(template, fillers) for template in templates for _ in range(FILLS_PER_TEMPLATE)]
    return hand_written * HAND_WRITTEN_REPEATS + generated


class AveragedPerceptron:
    """Weights averaged over every update (lazy totals), which keeps a perceptron from overfitting the last examples."""

    def __init__(self, labels: list[str]):
        self.labels = labels
        self.weights: dict[str, dict[str, float]] = defaultdict(dict)
        self.totals: dict[tuple[str, str], float] = defaultdict(float)
        self.stamps: dict[tuple[str, str], int] = defaultdict(int)
        self.updates = 0

    def predict(self, features: list[str]) -> str:
        return Tagger(self.labels, self.weights).best_label(features)

    def update(self, truth: str, guess: str, features: list[str]) -> None:
        self.updates += 1
        if truth == guess:
            return
        for feature in features:
            for label, change in ((truth, 1.0), (guess, -1.0)):
                weight = self.weights[feature].get(label, 0.0)
                key = (feature, label)
                self.totals[key] += (self.updates - self.stamps[key]) * weight
                self.stamps[key] = self.updates
                self.weights[feature][label] = weight + change

    def averaged(self) -> dict[str, dict[str, float]]:
        averaged: dict[str, dict[str, float]] = {}
        for feature, labels in self.weights.items():
            for label, weight in labels.items():
                key = (feature, label)
                total = self.totals[key] + (self.updates - self.stamps[key]) * weight
                value = round(total / self.updates, 3)
                if abs(value) >= MIN_WEIGHT:
                    averaged.setdefault(feature, {})[label] = value
        return averaged


def train(sentences: list[tuple[list[str], list[str]]], rng: random.Random) -> Tagger:
    labels = sorted({tag for _, tags in sentences for tag in tags})
    model = AveragedPerceptron(labels)
    for _ in range(EPOCHS):
        rng.shuffle(sentences)
        for words, tags in sentences:
            previous, before_previous = "<s>", "<s>"
            for index, truth in enumerate(tags):
                features = token_features(words, index, previous, before_previous)
                guess = model.predict(features)
                model.update(truth, guess, features)
                # Train on the tags the decoder will have seen: its own guesses.
                before_previous, previous = previous, guess
    return Tagger(labels, model.averaged())


def main() -> int:
    rng = random.Random(SEED)  # noqa: S311 - shuffling training data, not secrets
    sentences = training_sentences(rng)
    tagger = train(sentences, rng)
    tagger.save(MODEL_PATH)
    print(f"trained on {len(sentences)} sentences; {len(tagger.weights)} features written to {MODEL_PATH.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
