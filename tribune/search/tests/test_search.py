"""Site search: what it finds, what it never shows, how it pages, and that no reader input can break it."""

import datetime
import itertools
import re

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from tests.factories import make_article, make_contributor, paragraph
from tribune.newsroom.models import ArticlePage

SEARCH_URL = reverse("search")


def search(client, q, **params):
    return client.get(SEARCH_URL, {"q": q, **params})


def found(response) -> list[int]:
    results = response.context["results"]
    return [] if results is None else [article.pk for article in results.object_list]


_slugs = itertools.count(1)


# How an article can exist, carry the searched word, and still not be for readers.
def a_draft_never_published(section, other_section, **fields):
    draft = ArticlePage(slug=f"draft-{next(_slugs)}", live=False, kind="analysis", **fields)
    section.add_child(instance=draft)
    draft.save_revision()
    return draft


def an_unpublished_article(section, other_section, **fields):
    article = make_article(section, **fields)
    article.unpublish()
    return article


def an_article_scheduled_for_tomorrow(section, other_section, **fields):
    return make_article(section, published_at=timezone.now() + datetime.timedelta(days=1), **fields)


def an_article_waiting_for_its_go_live_date(section, other_section, **fields):
    page = ArticlePage(
        slug=f"embargoed-{next(_slugs)}",
        live=False,
        kind="analysis",
        go_live_at=timezone.now() + datetime.timedelta(days=2),
        **fields,
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    return page


def a_password_protected_article(section, other_section, **fields):
    article = make_article(section, **fields)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="s3cret")
    return article


def an_article_in_a_login_only_section(section, other_section, **fields):
    article = make_article(other_section, **fields)
    PageViewRestriction.objects.create(page=other_section, restriction_type=PageViewRestriction.LOGIN)
    return article


HIDDEN = [
    a_draft_never_published,
    an_unpublished_article,
    an_article_scheduled_for_tomorrow,
    an_article_waiting_for_its_go_live_date,
    a_password_protected_article,
    an_article_in_a_login_only_section,
]


@pytest.fixture
def findable(section):
    """A published article whose every searchable field holds its own unusual word."""
    return make_article(
        section,
        title="Cassava prices and the coming harvest",
        standfirst="Why hydrography matters to farmers.",
        body=[paragraph("Rain gauges in Zanzibari villages tell the story.")],
        contributors=[make_contributor(slug="obiageli-nwankwo", name="Obiageli Nwankwo")],
        topics=["Desalination"],
    )


class TestWhatSearchFinds:
    @pytest.mark.parametrize(
        ("q", "where"),
        [
            ("cassava", "headline"),
            ("hydrography", "standfirst"),
            ("zanzibari", "body"),
            ("Nwankwo", "contributor name"),
            ("desalination", "topic"),
        ],
    )
    def test_a_published_article_is_found_by_a_word_from_each_searchable_field(self, client, findable, q, where):
        response = search(client, q)

        assert response.status_code == 200
        assert found(response) == [findable.pk], f"not found by its {where}"
        assert findable.title in response.content.decode()

    def test_several_words_find_articles_matching_any_of_them(self, client, findable, article_factory):
        other = article_factory(title="Groundnut pyramids of Kano")

        response = search(client, "cassava groundnut")

        assert set(found(response)) == {findable.pk, other.pk}

    def test_a_word_nobody_wrote_finds_nothing_and_says_so(self, client, findable):
        response = search(client, "quetzalcoatl")

        assert response.status_code == 200
        assert found(response) == []
        assert "No results for" in response.content.decode()

    def test_results_show_as_article_cards_linking_to_the_article(self, client, findable):
        response = search(client, "cassava")

        html = response.content.decode()
        assert 'class="card' in html
        assert f'href="{findable.url}"' in html
        assert "1 result for" in html


class TestWhatSearchNeverShows:
    @pytest.mark.parametrize("hide", HIDDEN, ids=lambda hide: hide.__name__)
    def test_pages_readers_may_not_see_are_never_in_the_results(self, client, section, other_section, findable, hide):
        hidden = hide(section, other_section, title="Cassava futures, the inside story", standfirst="Secret cassava.")
        assert hidden.pk in [page.pk for page in ArticlePage.objects.search("cassava")], "the index holds it"

        response = search(client, "cassava")

        assert response.status_code == 200
        assert found(response) == [findable.pk]
        html = response.content.decode()
        assert "inside story" not in html
        assert f'href="{hidden.url}"' not in html

    def test_hidden_pages_alone_give_the_no_results_page(self, client, section, other_section):
        for hide in HIDDEN:
            hide(section, other_section, title=f"Cassava: {hide.__name__}", standfirst="Cassava.")

        response = search(client, "cassava")

        assert response.status_code == 200
        assert found(response) == []
        assert response.context["results"].paginator.count == 0


class TestPagination:
    @pytest.fixture
    def three_matches(self, settings, article_factory):
        settings.TRIBUNE_PAGE_SIZE = 2
        return [article_factory(title=f"Saffron report {n}") for n in range(3)]

    def test_results_come_a_page_at_a_time_and_every_match_appears_once(self, client, three_matches):
        pages = [search(client, "saffron", page=n) for n in (1, 2)]

        assert [len(found(page)) for page in pages] == [2, 1]
        seen = [pk for page in pages for pk in found(page)]
        assert sorted(seen) == sorted(article.pk for article in three_matches)
        assert pages[0].context["results"].paginator.count == 3

    def test_pagination_links_keep_the_query(self, client, three_matches):
        first = search(client, "saffron report").content.decode()
        second = search(client, "saffron report", page=2).content.decode()

        assert 'href="?q=saffron+report&amp;page=2"' in first
        assert 'href="?q=saffron+report&amp;page=1"' in second

    def test_a_page_that_is_not_a_number_gives_the_first_page(self, client, three_matches):
        response = search(client, "saffron", page="abc")

        assert response.status_code == 200
        assert response.context["results"].number == 1
        assert len(found(response)) == 2

    @pytest.mark.parametrize("page", ["0", "-1", "3", "99999999999999999999"])
    def test_a_page_number_out_of_range_is_not_found(self, client, three_matches, page):
        assert search(client, "saffron", page=page).status_code == 404

    @pytest.mark.parametrize("page", ["abc", "0", "-1", "99999999999999999999", "1.5", ""])
    def test_the_page_number_is_ignored_when_there_is_no_query(self, client, home, page):
        response = client.get(SEARCH_URL, {"page": page})

        assert response.status_code == 200
        assert response.context["results"] is None


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


class TestWhichResultsComeFirst:
    """The order is defined in ``tribune/search/selectors.py``: the most relevant of the newest matches first."""

    def test_an_article_about_the_word_comes_before_a_newer_one_that_mentions_it_in_passing(
        self, client, article_factory
    ):
        about = article_factory(
            title="Saffron growers count the cost",
            standfirst="Saffron prices doubled this year.",
            body=[paragraph("Saffron fields in the valley. ")],
            published_at=days_ago(30),
        )
        in_passing = article_factory(
            title="A long look at regional trade",
            body=[paragraph("Ports, tariffs and freight rates. " * 30 + "Spices such as saffron are a footnote.")],
            published_at=days_ago(1),
        )

        assert found(search(client, "saffron")) == [about.pk, in_passing.pk]

    def test_an_article_with_all_the_words_comes_before_ones_with_only_some(self, client, article_factory):
        both = article_factory(title="Saffron and drought", published_at=days_ago(30))
        saffron_only = article_factory(title="Saffron and tariffs", published_at=days_ago(2))
        drought_only = article_factory(title="Drought and tariffs", published_at=days_ago(1))

        order = found(search(client, "saffron drought"))

        assert order[0] == both.pk
        assert set(order) == {both.pk, saffron_only.pk, drought_only.pk}

    def test_only_the_newest_matches_are_offered_however_relevant_an_older_one(self, client, settings, article_factory):
        settings.TRIBUNE_SEARCH_MAX_RESULTS = 2
        oldest_and_best = article_factory(
            title="Saffron, saffron, saffron",
            standfirst="Everything about saffron.",
            body=[paragraph("Saffron. " * 20)],
            published_at=days_ago(300),
        )
        newer = [
            article_factory(title=f"Markets report {n}", body=[paragraph(f"Saffron was traded on day {n}.")])
            for n in (1, 2)
        ]

        shown = found(search(client, "saffron"))

        assert sorted(shown) == sorted(article.pk for article in newer)
        assert oldest_and_best.pk not in shown

    def test_hidden_articles_do_not_take_the_places_of_the_newest_matches(
        self, client, settings, section, other_section, article_factory
    ):
        settings.TRIBUNE_SEARCH_MAX_RESULTS = 1
        visible = article_factory(title="Saffron visible", published_at=days_ago(10))
        for hide in HIDDEN:
            hide(section, other_section, title=f"Saffron: {hide.__name__}", standfirst="Saffron.")

        response = search(client, "saffron")

        assert found(response) == [visible.pk]
        assert response.context["more_results"] is False


class TestTheResultCount:
    def test_up_to_the_limit_the_exact_number_of_results_is_shown(self, client, settings, article_factory):
        settings.TRIBUNE_SEARCH_MAX_RESULTS = 3
        for n in range(3):
            article_factory(title=f"Saffron report {n}")

        response = search(client, "saffron")

        assert response.context["results"].paginator.count == 3
        assert response.context["more_results"] is False
        assert "3 results for “saffron”" in response.content.decode()

    def test_beyond_the_limit_the_page_says_there_are_more(self, client, settings, article_factory):
        settings.TRIBUNE_SEARCH_MAX_RESULTS = 2
        for n in range(3):
            article_factory(title=f"Saffron report {n}")

        response = search(client, "saffron")

        assert response.context["results"].paginator.count == 2
        assert response.context["more_results"] is True
        assert (
            "More than 2 results for “saffron”. Showing the most relevant of the newest 2." in response.content.decode()
        )

    def test_capped_results_page_through_the_newest_matches_only(self, client, settings, article_factory):
        settings.TRIBUNE_PAGE_SIZE = 2
        settings.TRIBUNE_SEARCH_MAX_RESULTS = 3
        articles = [article_factory(title=f"Saffron report {n}", published_at=days_ago(n)) for n in range(5)]

        pages = [search(client, "saffron", page=n) for n in (1, 2)]

        assert [len(found(page)) for page in pages] == [2, 1]
        assert sorted(pk for page in pages for pk in found(page)) == sorted(a.pk for a in articles[:3])
        assert pages[1].context["results"].paginator.num_pages == 2
        assert search(client, "saffron", page=3).status_code == 404
        assert found(search(client, "saffron", page="abc")) == found(pages[0])


BAD_QUERIES = {
    "empty": "",
    "whitespace only": " \t\n  ",
    "five thousand characters": "cassava " * 625,
    "double quotes": '"cassava harvest"',
    "single quotes": "'cassava'",
    "unbalanced double quote": '"cassava',
    "quote inside a word": 'cassa"va',
    "unbalanced single quote": "farmer's",
    "boolean operators": "cassava AND harvest OR rain NOT drought",
    "lone operators": "AND OR NOT",
    "minus and plus": "-cassava +harvest",
    "star": "cass*",
    "lone star": "*",
    "sql drop table": "'; DROP TABLE wagtailcore_page; --",
    "sql tautology": "1 OR 1=1",
    "fts near": "NEAR(cassava harvest",
    "fts column filter": "title:cassava",
    "fts caret": "^cassava",
    "fts braces": "{title} : cassava",
    "parentheses": "(cassava) (",
    "emoji": "🌽🌧️ cassava 👩🏾‍🌾",
    "arabic": "الانتخابات في نيجيريا",
    "hebrew": "בחירות בניגריה",
    "nul byte": "cassava\x00harvest",
    "lone nul byte": "\x00",
    "control characters": "cassava\x01\x02\x1b[31m\x7f",
    "percent signs": "100% cassava %s %%",
    "lone percent": "%",
    "backslashes": "cassava\\ \\",
    "underscore wildcard": "_",
}


class TestAnyInputGivesAResultsPage:
    @pytest.mark.parametrize("q", BAD_QUERIES.values(), ids=BAD_QUERIES.keys())
    def test_the_search_page_answers_200(self, client, findable, q):
        response = search(client, q)

        assert response.status_code == 200
        assert b'id="search-page-q"' in response.content

    @pytest.mark.parametrize("name", ["empty", "sql drop table", "fts near", "emoji", "arabic", "percent signs"])
    def test_a_bad_query_with_a_bad_page_number_still_answers_200(self, client, findable, name):
        assert search(client, BAD_QUERIES[name], page="abc").status_code == 200

    def test_an_empty_query_shows_the_search_form_without_results(self, client, findable):
        response = search(client, "   ")

        assert response.context["results"] is None
        assert response.context["query"] == ""

    def test_a_very_long_query_is_cut_short_and_still_finds(self, client, findable):
        response = search(client, "cassava " * 625)

        assert len(response.context["query"]) <= 200
        assert found(response) == [findable.pk]

    @pytest.mark.parametrize("q", ['"cassava"', '"cassava', "cassava AND", "NOT cassava", "-cassava", "cassava*"])
    def test_quotes_and_operators_are_just_words_around_the_word_searched_for(self, client, findable, q):
        assert found(search(client, q)) == [findable.pk]

    def test_sql_in_the_query_leaves_the_page_tree_alone(self, client, findable):
        search(client, "'; DROP TABLE wagtailcore_page; --")

        assert ArticlePage.objects.filter(pk=findable.pk).exists()
        assert found(search(client, "cassava")) == [findable.pk]

    def test_an_rtl_query_is_echoed_as_typed(self, client, findable):
        html = search(client, "الانتخابات").content.decode()

        assert "الانتخابات" in html


class TestTheQueryIsEchoedSafely:
    @pytest.mark.parametrize("with_results", [True, False], ids=["with results", "without results"])
    def test_a_script_tag_in_the_query_comes_back_escaped(self, client, findable, with_results):
        q = "<script>alert(1)</script>" + (" cassava" if with_results else "")

        response = search(client, q)

        html = response.content.decode()
        assert bool(found(response)) is with_results
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_a_query_cannot_break_out_of_the_search_box_value(self, client, findable):
        response = search(client, '"><img src=x onerror=alert(1)> cassava')

        assert response.status_code == 200
        html = response.content.decode()
        assert "<img src=x" not in html
        search_box = re.search(r'<input id="search-page-q"[^>]*>', html).group(0)
        assert re.fullmatch(
            r'<input id="search-page-q" type="search" name="q" value="[^"<>]*" maxlength="200" dir="auto">', search_box
        )

    def test_the_query_in_pagination_links_is_url_encoded(self, client, settings, article_factory):
        settings.TRIBUNE_PAGE_SIZE = 1
        article_factory(title="Saffron one")
        article_factory(title="Saffron two")

        html = search(client, "saffron &<x>").content.decode()

        assert 'href="?q=saffron+%26%3Cx%3E&amp;page=2"' in html
