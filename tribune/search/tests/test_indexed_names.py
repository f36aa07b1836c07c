"""Search finds an article by the names it is filed under (countries, topics, section, series, bylines), weighs
where a word appears (headline, standfirst, those names, body), and follows those names when they change."""

import io

import pytest
from modelsearch.backends.database.postgres.weights import determine_boosts_weights

from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_article, make_contributor, paragraph
from tribune.contributors.services import contributor_save
from tribune.newsroom.models import ArticlePage
from tribune.newsroom.services import section_ensure, series_ensure, series_index_ensure
from tribune.search.backend import mentions
from tribune.taxonomy.models import Country, Topic


def found(client, q: str) -> list[int]:
    response = client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    results = response.context["results"]
    return [] if results is None else [article.pk for article in results.object_list]


@pytest.fixture
def borderlands(home):
    return section_ensure(home=home, slug="borderlands", title="Borderlands", tagline="Where states meet")


@pytest.fixture
def monsoon_diaries(home):
    return series_ensure(index=series_index_ensure(home=home), slug="monsoon-diaries", title="Monsoon Diaries")


@pytest.fixture
def filed(borderlands, monsoon_diaries):
    """An article whose headline, standfirst and body say none of the names it is filed under."""
    return make_article(
        borderlands,
        title="Water talks resume",
        standfirst="Negotiators meet again after a year.",
        body=[paragraph("The commission met on Tuesday. " * 5)],
        contributors=[make_contributor(slug="obiageli-nwankwo", name="Obiageli Nwankwo")],
        topics=["Desalination"],
        countries=[Country.objects.get(code="PK")],
        series=monsoon_diaries,
    )


@pytest.fixture
def unrelated(section):
    return make_article(section, title="Harvest figures", contributors=[make_contributor(name="Lena Berg")])


class TestAnArticleIsFoundByTheNamesItIsFiledUnder:
    @pytest.mark.parametrize(
        ("q", "name"),
        [
            ("Pakistan", "country"),
            ("desalination", "topic"),
            ("Borderlands", "section"),
            ("monsoon", "series"),
            ("Nwankwo", "byline"),
            ("Obiageli Nwankwo", "byline, in full"),
        ],
    )
    def test_a_search_for_the_name_finds_the_article_and_nothing_else(self, client, filed, unrelated, q, name):
        assert found(client, q) == [filed.pk], f"not found by its {name}"


def ladder(section) -> dict[str, ArticlePage]:
    """Four articles, each with "saffron" in one place only; titles, standfirsts and bodies of equal length."""
    body = "Ports, tariffs and freight rates were discussed. " * 4
    return {
        "headline": make_article(
            section, title="Saffron and the harvest", standfirst="Growers count the cost.", body=[paragraph(body)]
        ),
        "standfirst": make_article(
            section, title="Spices and the harvest", standfirst="Saffron growers count.", body=[paragraph(body)]
        ),
        "name": make_article(
            section,
            title="Crocus and the harvest",
            standfirst="Growers count the cost.",
            body=[paragraph(body)],
            topics=["Saffron"],
        ),
        "body": make_article(
            section,
            title="Pepper and the harvest",
            standfirst="Growers count the cost.",
            body=[paragraph("Ports, tariffs and saffron rates were discussed. " + body[50:])],
        ),
    }


class TestWhereTheWordIsDecidesTheOrder:
    def test_headline_then_standfirst_then_names_then_body(self, client, section):
        articles = ladder(section)

        order = found(client, "saffron")

        assert order == [articles[place].pk for place in ("headline", "standfirst", "name", "body")]

    def test_a_headline_match_ranks_above_a_newer_short_article_that_mentions_the_word_in_its_body(
        self, client, section
    ):
        in_headline = make_article(
            section,
            title="Saffron growers count the cost of a dry year in the valley",
            standfirst="A long report.",
            body=[paragraph("Fields, wells, prices, labour and weather across the region. " * 60)],
        )
        in_body = make_article(section, title="Markets", standfirst="Brief.", body=[paragraph("Saffron was traded.")])

        assert found(client, "saffron") == [in_headline.pk, in_body.pk]

    def test_the_boosts_map_to_distinct_postgresql_weights_in_the_intended_order(self, db):
        boosts = {field.field_name: field.boost for field in ArticlePage.get_searchable_search_fields()}
        weights = dict(determine_boosts_weights())  # boost -> weight letter, as the backend computes it

        def letter(boost):
            eligible = [weight for floor, weight in weights.items() if boost is not None and boost >= floor]
            return eligible[0] if eligible else "D"

        assert letter(boosts["title"]) == "A"
        assert letter(boosts["standfirst"]) == "B"
        assert {letter(boosts[name]) for name in ("search_section_title", "search_series_title")} == {"C"}
        assert letter(boosts["body"]) == "D"

    def test_on_sqlite_a_field_counts_as_many_mentions_as_its_boost(self):
        assert [mentions(boost) for boost in (None, 2, 3, 0.4)] == [1, 2, 3, 1]


class TestTheIndexFollowsRenames:
    """Renaming what an article is filed under rewrites the article's index entry, after the commit."""

    def test_a_renamed_topic(self, client, filed, django_capture_on_commit_callbacks):
        topic = Topic.objects.get(name="Desalination")
        with django_capture_on_commit_callbacks(execute=True):
            topic.name = "Brackish water"
            topic.save()

        assert found(client, "desalination") == []
        assert found(client, "brackish") == [filed.pk]

    def test_a_renamed_country(self, client, filed, django_capture_on_commit_callbacks):
        country = Country.objects.get(code="PK")
        with django_capture_on_commit_callbacks(execute=True):
            country.name = "Zemblanistan"
            country.save()

        assert found(client, "Zemblanistan") == [filed.pk]
        assert found(client, "Pakistan") == []

    def test_a_contributor_whose_published_name_changes(
        self, client, settings, filed, django_capture_on_commit_callbacks
    ):
        settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600  # stored results must not outlive the rename
        assert found(client, "Okonkwo") == []
        with django_capture_on_commit_callbacks(execute=True):
            contributor_save(slug="obiageli-nwankwo", name="Obiageli Okonkwo")

        assert found(client, "Okonkwo") == [filed.pk]
        assert found(client, "Nwankwo") == []

    @pytest.mark.parametrize(("page", "old_word"), [("borderlands", "Borderlands"), ("monsoon_diaries", "monsoon")])
    def test_a_retitled_section_or_series(
        self, client, request, filed, page, old_word, django_capture_on_commit_callbacks
    ):
        page = request.getfixturevalue(page)
        with django_capture_on_commit_callbacks(execute=True):
            page.title = "Frontier Notebook"
            page.save_revision().publish()

        assert found(client, "frontier") == [filed.pk]
        assert found(client, old_word) == []

    def test_a_deleted_topic_or_series_no_longer_finds_the_article(
        self, client, filed, monsoon_diaries, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            Topic.objects.get(name="Desalination").delete()
            monsoon_diaries.delete()

        assert found(client, "desalination monsoon") == []
        assert found(client, "Pakistan") == [filed.pk]


def test_a_full_rebuild_of_the_index_keeps_the_names_and_the_order(client, filed, section):
    articles = ladder(section)

    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())

    assert found(client, "Pakistan Borderlands monsoon Nwankwo desalination") == [filed.pk]
    assert found(client, "saffron") == [articles[place].pk for place in ("headline", "standfirst", "name", "body")]
