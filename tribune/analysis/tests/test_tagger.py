"""The statistical tagger: the shipped model loads, finds names, is what its training data gives, and stays optional."""

import random

from tribune.analysis.extraction import analyse
from tribune.analysis.extraction.document import Document
from tribune.analysis.extraction.tagger import Tagger, bio_spans, default_tagger
from tribune.analysis.extraction.train_tagger import SEED, train, training_sentences


def names(text: str) -> list[tuple[str, str]]:
    doc = Document("", "", text)
    return [
        (doc.text[doc.tokens[first].start : doc.tokens[last - 1].end], label)
        for first, last, label in default_tagger().spans(doc)
    ]


def test_the_shipped_model_tags_people_organisations_and_places():
    found = names("“Prices will rise,” said Farida Osei, an economist at the Volta Policy Institute in Ghana.")

    assert ("Farida Osei", "PER") in found
    assert ("Volta Policy Institute", "ORG") in found
    assert ("Ghana", "LOC") in found


def test_punctuation_is_never_part_of_a_name():
    assert all(label != "O" and text[0].isalnum() for text, label in names("“Yes,” she said. “No.”") or [("x", "X")])


def test_the_shipped_model_is_what_the_training_data_gives():
    rng = random.Random(SEED)
    retrained = train(training_sentences(rng), rng)

    assert retrained.weights == Tagger.load().weights


def test_bio_tags_become_spans():
    assert bio_spans(["B-PER", "I-PER", "O", "B-ORG", "B-LOC", "I-LOC"]) == [
        (0, 2, "PER"),
        (3, 4, "ORG"),
        (4, 6, "LOC"),
    ]


def test_the_extraction_runs_without_the_model_and_can_use_it_for_names_without_a_cue():
    body = "Efua Nkansah Boateng visited the market on Monday."

    without = analyse("", "", body).as_json()
    with_model = analyse("", "", body, tagger=default_tagger()).as_json()

    assert without["entities"] == []
    assert [entity["id"] for entity in with_model["entities"]] == ["person:efua-nkansah-boateng"]
