"""The reads behind search: which words reach the backend, and how the candidate query is planned."""

import pytest

from django.db import connection

from tribune.search.selectors import TEXT_SEARCH_CPU_OPERATOR_COST, article_search, search_terms


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ('"cassava harvest"', "cassava harvest"),
        ("cassava AND -harvest*", "cassava AND harvest"),
        ("NEAR(cassava", "NEAR cassava"),
        ("'; DROP TABLE x; --", "DROP TABLE x"),
        ("الانتخابات في نيجيريا", "الانتخابات في نيجيريا"),
        ("चुनाव आयोग, तारीख़?", "चुनाव आयोग तारीख़"),
        ("«выборах» в городе", "выборах в городе"),
        ("*** ???", ""),
    ],
)
def test_only_the_words_of_a_query_reach_the_search_backend(query, terms):
    assert search_terms(query) == terms


def test_a_query_without_words_finds_nothing_and_asks_the_database_nothing(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        found = article_search("*** ???", language_code="en")
        assert found.count() == 0
        assert list(found[0:12]) == []
        assert not found.capped


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_the_planner_setting_for_the_candidate_query_ends_with_it(article_factory):
    article_factory(title="Saffron report")

    def operator_cost() -> float:
        with connection.cursor() as cursor:
            cursor.execute("SHOW cpu_operator_cost")
            return float(cursor.fetchone()[0])

    before = operator_cost()
    assert before != TEXT_SEARCH_CPU_OPERATOR_COST

    assert article_search("saffron", language_code="en").count() == 1

    assert operator_cost() == before
