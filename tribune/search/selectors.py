"""Which published articles match a reader's words, and in what order: the reads behind the search page.

A search looks in one edition: the articles whose locale is the language of the page it was asked from (``/ru/search/``
finds Russian articles only), with that language's text-search configuration (``backend.language_search_backend``).

The order readers get: the candidates are the newest ``max_results()`` (1,000) published articles containing any
of the words; among them the most relevant come first (the search backend's rank: a word in the headline weighs
most, then the standfirst, then the names the article is filed under, countries, topics, section, series and
bylines, then the body, as ``ArticlePage.search_fields`` sets out; on SQLite through ``backend.py``; more of the
words and more mentions rank higher); equally relevant ones come in the backend's tie order (higher page id first,
usually the newer article).

Bounding the candidates bounds the work: one query picks at most ``max_results() + 1`` ids (newest first, through
the publication-date index for a common word, through the full-text index of ``migrations/0001`` for a rarer one),
one ranks only those, one loads the dozen cards of the page. Nothing counts, ranks or sends every match of a common
word, which is what made search take seconds at 100,000 articles.

The candidate ids and each page's ranked ids are kept under the content generation, in the bounded slots of
``search.cache`` (a reader's query must not add entries without limit): when one story breaks, many readers search
for the same words, and only the first of them (after each publish) pays for the full-text queries.
"""

import unicodedata
from contextlib import contextmanager

from django.conf import settings
from django.db import connections, transaction

from wagtail.models import Locale, Page

from tribune.newsroom import selectors as newsroom
from tribune.newsroom.models import ArticlePage

from .backend import language_search_backend
from .cache import normalised, remembered

# PostgreSQL prices evaluating ``(title || body) @@ query`` on a row like comparing two numbers, but it means fetching,
# decompressing and merging two text-search vectors: tens of microseconds. So priced, the planner walked the
# publication-date index for words in 5-7% of the archive, checking some 17,000 rows (about 300 ms at 100,000
# articles) where the full-text index finds them in 60-80 ms. Ten times the default (0.0025), for the query that
# picks the candidates only, it chose the faster plan for every word frequency measured (see the README).
TEXT_SEARCH_CPU_OPERATOR_COST = 0.025


def max_results() -> int:
    """How many matches a search offers at most (``TRIBUNE_SEARCH_MAX_RESULTS``): the newest ones."""
    return getattr(settings, "TRIBUNE_SEARCH_MAX_RESULTS", 1_000)


def search_terms(query: str) -> str:
    """The words of a reader's query. Quotes and operators are not syntax to readers (and SQLite's FTS5 rejects
    unbalanced ones), so only the words reach the backend. A word is letters, digits, underscores and combining
    marks: Devanagari writes most vowels as marks ("चुनाव"), which ``\\w`` alone would cut the word at."""
    text = unicodedata.normalize("NFKC", query)
    return " ".join("".join(char if _in_word(char) else " " for char in text).split())


def _in_word(char: str) -> bool:
    return char == "_" or unicodedata.category(char)[0] in "LNM"


class ArticleSearchResults:
    """Published articles of the edition in ``language_code`` matching ``terms``, shaped for Django's ``Paginator``.

    ``count()`` is one query for the ids of the newest ``limit + 1`` matches (at most ``limit`` are offered;
    ``capped`` says whether there were more). A slice is one query that ranks those candidates and keeps the
    requested ones, then one for their cards (lead image, bylines, series and corrections prefetched).
    """

    def __init__(self, terms: str, *, language_code: str, limit: int):
        self.terms = terms
        self.language_code = language_code
        self.limit = limit
        self._candidate_ids: list[int] | None = None

    def _candidates(self) -> list[int]:
        if self._candidate_ids is None:
            if not self.terms:
                self._candidate_ids = []
            else:
                self._candidate_ids = remembered(
                    "candidates", [self.language_code, normalised(self.terms), self.limit], self._find_candidates
                )
        return self._candidate_ids

    def _find_candidates(self) -> list[int]:
        edition = newsroom.published_articles().filter(
            # A subquery, not a join: the search backend filters on the fields it indexes (``locale``), and the
            # locale is read only when a search is not already stored.
            locale__in=Locale.objects.filter(language_code=self.language_code)
        )
        newest_first = edition.order_by("-first_published_at", "-id")
        matches = self._backend().search(self.terms, newest_first, operator="or", order_by_relevance=False)
        with _text_search_planning(newest_first.db):
            return _ids(matches[: self.limit + 1])

    def _backend(self):
        return language_search_backend(self.language_code)

    @property
    def capped(self) -> bool:
        """More articles match than are offered."""
        return len(self._candidates()) > self.limit

    def count(self) -> int:
        return min(len(self._candidates()), self.limit)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> "ResultCards":
        if not isinstance(window, slice):
            raise TypeError("Search results are read a page (a slice) at a time.")
        candidate_ids = self._candidates()[: self.limit]
        if not candidate_ids:
            return ResultCards([])

        def rank():
            # On the article table alone (the candidates are published: they were chosen through ``published()``
            # a moment ago); the cards are fetched through ``published()`` again, if they are needed.
            candidates = ArticlePage.objects.filter(pk__in=candidate_ids).only("pk")
            return _ids(self._backend().search(self.terms, candidates, operator="or")[window])

        parts = [self.language_code, normalised(self.terms), self.limit, window.start, window.stop]
        page_ids = remembered("page", parts, rank)
        return ResultCards(page_ids)


class ResultCards:
    """One page of results: the article ids in rank order (``ids``), and their cards, with sections attached,
    loaded only when something reads them. A page whose rendered cards are stored (``search/search.html`` keeps
    them per list of ids) then costs no query at all."""

    def __init__(self, ids: list[int]):
        self.ids = ids
        self._cards: list | None = None

    def _loaded(self) -> list:
        if self._cards is None and not self.ids:
            self._cards = []
        if self._cards is None:
            found = newsroom.with_card_data(newsroom.published_articles().filter(pk__in=self.ids))
            cards = {article.pk: article for article in found}
            self._cards = newsroom.attach_sections([cards[pk] for pk in self.ids if pk in cards])
        return self._cards

    def __len__(self) -> int:
        return len(self._loaded()) if self._cards is not None else len(self.ids)

    def __iter__(self):
        return iter(self._loaded())

    def __getitem__(self, index):
        if not isinstance(index, int | slice):
            # Templates try ``cards["ids"]`` before ``cards.ids``: that must not load the cards.
            raise TypeError("Result cards are indexed by position.")
        return self._loaded()[index]


@contextmanager
def _text_search_planning(using: str):
    """On PostgreSQL, plan the queries inside with ``TEXT_SEARCH_CPU_OPERATOR_COST``, and only those: the setting is
    local to a transaction of the block's own, or, inside one already open, put back when the block ends (a local
    setting would outlive the savepoint)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    nested = connection.in_atomic_block
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('cpu_operator_cost'), set_config('cpu_operator_cost', %s, true)",
                [str(TEXT_SEARCH_CPU_OPERATOR_COST)],
            )
            previous = cursor.fetchone()[0]
        yield
        if nested:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('cpu_operator_cost', %s, true)", [previous])


def _ids(results) -> list[int]:
    """The ids of search results, in order. Wagtail's database backends build a Django queryset, so read only the
    ids from it: the results themselves would be whole articles plus the match vector Wagtail selects (about four
    kilobytes a row on PostgreSQL), a thousand times over."""
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is None:  # a backend that is not a database (Elasticsearch, OpenSearch)
        return [article.pk for article in results]
    return list(get_queryset().values_list("pk", flat=True))


def articles_filed_under(kind: str, pk: int):
    """Every article (published or not: the search index holds drafts too) whose index entry carries the name of
    the ``kind`` ("topic", "country", "contributor", "section" or "series") with ``pk``."""
    articles = ArticlePage.objects.all()
    if kind == "section":
        section = Page.objects.filter(pk=pk).values_list("path", "depth").first()
        if section is None:
            return articles.none()
        return articles.filter(path__startswith=section[0], depth=section[1] + 1)
    links = {
        "topic": "tagged_topics__tag_id",
        "country": "countries",
        "contributor": "bylines__contributor_id",
        "series": "series_id",
    }
    return articles.filter(**{links[kind]: pk}).distinct()


def article_search(query: str, *, language_code: str) -> ArticleSearchResults:
    """Published articles of the edition in ``language_code`` matching any word of ``query``, in the order described
    in this module's docstring."""
    return ArticleSearchResults(search_terms(query), language_code=language_code, limit=max_results())
