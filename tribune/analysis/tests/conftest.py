"""Helpers for the analysis tests: one article analysed, its entities, quotes and figures as plain JSON."""

import pytest

from tribune.analysis.extraction import analyse


def analysed(body: str = "", *, headline: str = "", standfirst: str = "") -> dict:
    return analyse(headline, standfirst, body).as_json()


def linked(body: str = "", **zones) -> list[tuple[str, str]]:
    """(mention text, entity id) pairs in text order."""
    result = analysed(body, **zones)
    pairs = [
        (mention["start"], mention["text"], entity["id"])
        for entity in result["entities"]
        for mention in entity["mentions"]
    ]
    return [(text, entity_id) for _, text, entity_id in sorted(pairs)]


@pytest.fixture
def analyse_article():
    return analysed
