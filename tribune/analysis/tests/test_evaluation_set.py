"""The evaluation set: annotations consistent with their texts and sources, a held-out part, and the extraction
meeting its targets on it (a regression in the extraction fails here)."""

import re

import pytest

from tribune.analysis.evaluation import build
from tribune.analysis.evaluation.annotations import article_text, load_articles
from tribune.analysis.evaluation.metrics import Counts, Scores, score_article
from tribune.analysis.evaluation.run import TARGETS, evaluate, missed_targets, rows

ARTICLES = load_articles()


def annotated_spans(article: dict):
    for entity in article["entities"]:
        for mention in entity["mentions"]:
            yield "entity " + entity["id"], mention
    for quote in article["quotes"]:
        yield "quote", quote
    for figure in article["figures"]:
        yield "figure", figure


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article["id"])
def test_every_annotated_span_is_the_text_at_its_offsets(article):
    text = article_text(article)

    for kind, span in annotated_spans(article):
        assert text[span["start"] : span["end"]] == span["text"], (kind, span)


def test_the_annotated_json_is_what_the_marked_up_sources_build():
    assert build.main(["--check"]) == 0


def test_the_set_has_enough_original_texts_of_the_right_length_and_a_held_out_part():
    words = [len(re.findall(r"\S+", article_text(article))) for article in ARTICLES]

    assert len(ARTICLES) >= 20
    assert all(150 <= count <= 500 for count in words)
    assert 6 <= sum(article["split"] == "heldout" for article in ARTICLES) < len(ARTICLES) / 2


def test_salience_and_speakers_are_annotated_for_every_entity_and_quote():
    for article in ARTICLES:
        assert all(entity["salience"] in ("principal", "secondary", "passing") for entity in article["entities"])
        assert all(quote["on_record"] == (quote["speaker"] != "anonymous") for quote in article["quotes"])


def test_the_extraction_meets_its_targets_overall_and_on_the_held_out_texts():
    results = evaluate()

    assert missed_targets(results) == []
    assert rows(results["heldout"]["extraction"])["entity linking recall"] >= TARGETS["entity linking recall"]


def test_the_extraction_beats_the_plain_baseline():
    overall = evaluate()["all"]

    for name in ("entity linking F1", "quote speaker correct", "figures F1"):
        assert rows(overall["extraction"])[name] > rows(overall["baseline"])[name]


def test_a_mention_counts_only_with_the_same_id_and_the_same_span():
    article = {
        "id": "a",
        "headline": "Pakistan",
        "standfirst": "",
        "body": "",
        "quotes": [],
        "figures": [],
        "entities": [{"id": "country:PAK", "salience": "principal", "mentions": [{"start": 0, "end": 8}]}],
    }
    wrong_id = {
        "entities": [{"id": "country:IND", "salience": "principal", "mentions": [{"start": 0, "end": 8}]}],
        "quotes": [],
        "figures": [],
    }
    scores = Scores()

    score_article(scores, article, wrong_id)

    assert (scores.entities.true_positives, scores.entities.false_positives, scores.entities.false_negatives) == (
        0,
        1,
        1,
    )


def test_empty_counts_score_as_perfect_rather_than_dividing_by_zero():
    assert (Counts().precision, Counts().recall) == (1.0, 1.0)
