"""Wagtail's PostgreSQL search backend with every query ``bounded`` first: see ``backend`` for why.

The stock backend already passes each word to ``to_tsquery`` as a quoted lexeme and a phrase to
``phraseto_tsquery`` as a parameter; what it lacked was a bound on the number of words (one nested expression per
word) and a guard against NUL characters, which PostgreSQL refuses in any string.
"""

from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from .backend import BoundedQueryMixin


class BoundedPostgresSearchQueryCompiler(BoundedQueryMixin, PostgresSearchQueryCompiler):
    pass


class BoundedPostgresAutocompleteQueryCompiler(BoundedQueryMixin, PostgresAutocompleteQueryCompiler):
    pass


class BoundedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = BoundedPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = BoundedPostgresAutocompleteQueryCompiler
