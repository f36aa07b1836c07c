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

The SQLite classes live in ``sqlite_backend`` (they can only be imported where SQLite's search tables exist).
Any other database gets the stock choice of ``wagtail.search.backends.database``.
"""

from modelsearch.backends.database import SearchBackend as database_search_backend

from django.db import connection


def mentions(boost: float | None) -> int:
    """How many times a field's text is written into SQLite's body column."""
    return max(1, round(boost or 1))


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a backend module)
    """The backend for the default database: the weighted SQLite one where the stock choice is SQLite's FTS5
    backend, else the stock choice."""
    backend = database_search_backend(params)
    if connection.vendor == "sqlite":
        from . import sqlite_backend

        if type(backend) is sqlite_backend.SQLiteSearchBackend:
            return sqlite_backend.WeightedSQLiteSearchBackend(params)
    return backend
