"""Wagtail's database search backend, with the weights of ``search_fields`` honoured on SQLite as on PostgreSQL.

On PostgreSQL each field's boost becomes a weight (A-D) in the text-search vector, and ``ts_rank`` uses it: the
stock backend is used as it is. SQLite's stock backend ignores boosts: its FTS5 table has a ``title`` and a
``body`` column, and it ranks by BM25 over the whole row, so an article whose only mention of a word is in a short
body could come before one with the word in its headline. Here, on SQLite:

- the rank is BM25 over the ``title`` column (the headline) times ``HEADLINE_FACTOR``, plus BM25 over the ``body``
  column. BM25 is at most 2.2 per word (FTS5's k1 = 1.2), and even a long article's headline match scores above a
  tenth of that, so a match in the headline comes first whatever the articles' lengths, as on PostgreSQL (the stock
  rank is one BM25 over the whole row, where a long article's headline loses to a short one's body, multiplied by a
  title-length factor whichever column matched);
- in the ``body`` column each field's text is written as many times as its boost (rounded; at least once), so a
  word in the standfirst (boost 3) counts as three mentions, one in the names an article is filed under (boost 2)
  as two, one in the body as one. BM25 saturates repeated mentions, so this orders single mentions as PostgreSQL
  does; many mentions in the body can still outweigh one elsewhere, as they can on PostgreSQL.

Whatever the database, every query goes through ``bounded`` before it is compiled, so what a reader or an editor
types (in the site search and in every admin search and chooser) is words to look for, never syntax: NUL characters
are spaces, words without a letter or a digit are dropped, repeats count once, and a query keeps at most
``MAX_TERMS`` words. The stock backends build one nested expression per word (recursion, and on SQLite a query
string rebuilt at each level), so an unbounded query of thousands of words took seconds, then failed.

Languages: searches run in one edition (``language_search_backend``). On PostgreSQL each object is indexed, and each
query parsed, with the text-search configuration of its language (``SEARCH_CONFIGS``: stemming for English and
Russian, none for Hindi; see ``postgres_backend`` for why one backend does this rather than one backend per
language). SQLite's FTS5 table has no per-language stemming: its tokenizer splits words of any script, and a word
is looked for as it is typed.

The SQLite classes live in ``sqlite_backend`` (they can only be imported where SQLite's search tables exist), the
PostgreSQL ones in ``postgres_backend``. Any other database gets the stock choice of
``wagtail.search.backends.database``.
"""

from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.query import MATCH_NONE, And, Boost, Fuzzy, Not, Or, Phrase, PlainText, SearchQuery

from django.conf import settings
from django.db import connection

from wagtail.search.backends import get_search_backend

# PostgreSQL's text-search configuration per language code; a language not listed is searched with ``simple`` (words
# lower-cased, not stemmed: right for any script). Hindi gets ``simple`` too: only some PostgreSQL builds have a
# Hindi stemmer. A project can add or change entries with the backend's ``SEARCH_CONFIGS`` parameter.
SEARCH_CONFIGS = {"en": "english", "ru": "russian", "hi": "simple"}
UNSTEMMED = "simple"

# What a search engine would keep of a long query (Google's limit): more words only make the query slower.
MAX_TERMS = 32


def default_language() -> str:
    return settings.LANGUAGE_CODE


def config_for_language(language_code: str, overrides: dict[str, str] | None = None) -> str:
    """The text-search configuration for ``language_code`` ("pt-br" falls back to "pt")."""
    configs = {**SEARCH_CONFIGS, **(overrides or {})}
    return configs.get(language_code) or configs.get(language_code.split("-")[0]) or UNSTEMMED


def language_search_backend(language_code: str):
    """The default backend, searching with ``language_code``'s configuration where the backend has one per language
    (PostgreSQL); as it is otherwise."""
    backend = get_search_backend()
    configs = getattr(backend, "search_configs", None)
    if configs is None:
        return backend
    return backend.with_config(config_for_language(language_code, configs))


def mentions(boost: float | None) -> int:
    """How many times a field's text is written into SQLite's body column."""
    return max(1, round(boost or 1))


def search_terms(text: str, limit: int = MAX_TERMS) -> list[str]:
    """The words of ``text`` a search can use: split at white space and NULs, words with no letter or digit left out
    (they match nothing, and some are operators to FTS5), each word once, at most ``limit`` of them."""
    terms = []
    for word in text.replace("\x00", " ").split():
        if any(character.isalnum() for character in word) and word not in terms:
            terms.append(word)
    return terms[:limit]


def bounded(query: SearchQuery) -> SearchQuery:
    """``query`` with its user text reduced to ``search_terms``, at most ``MAX_TERMS`` words in all; a query left with
    no words finds nothing."""
    budget = [MAX_TERMS]

    def words(text: str) -> str:
        terms = search_terms(text, budget[0])
        budget[0] -= len(terms)
        return " ".join(terms)

    def walk(node: SearchQuery) -> SearchQuery | None:
        if isinstance(node, PlainText):
            text = words(node.query_string)
            return PlainText(text, operator=node.operator, boost=node.boost) if text else None
        if isinstance(node, Phrase):
            text = words(node.query_string)
            return Phrase(text) if text else None
        if isinstance(node, Fuzzy):
            text = words(node.query_string)
            return Fuzzy(text, operator=node.operator, unaccent=node.unaccent) if text else None
        if isinstance(node, And | Or):
            subqueries = [found for subquery in node.subqueries if (found := walk(subquery)) is not None]
            return type(node)(subqueries) if subqueries else None
        if isinstance(node, Not):
            subquery = walk(node.subquery)
            return Not(subquery) if subquery is not None else None
        if isinstance(node, Boost):
            subquery = walk(node.subquery)
            return Boost(subquery, node.boost) if subquery is not None else None
        return node  # MatchAll, and any query type that carries no user text

    return walk(query) or MATCH_NONE


class BoundedQueryMixin:
    """For a backend's query compilers: the query is ``bounded`` before anything is built from it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = bounded(self.query)


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a backend module)
    """The backend for the default database: the weighted SQLite one where the stock choice is SQLite's FTS5
    backend, the bounded PostgreSQL one where it is PostgreSQL's, else the stock choice."""
    backend = database_search_backend(params)
    if connection.vendor == "sqlite":
        from . import sqlite_backend

        if type(backend) is sqlite_backend.SQLiteSearchBackend:
            return sqlite_backend.WeightedSQLiteSearchBackend(params)
    if connection.vendor == "postgresql":
        from . import postgres_backend

        if type(backend) is postgres_backend.PostgresSearchBackend:
            return postgres_backend.BoundedPostgresSearchBackend(params)
    return backend
