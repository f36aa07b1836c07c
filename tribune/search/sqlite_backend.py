"""Wagtail's SQLite (FTS5) search backend with field weights: see ``backend`` for what changes and why.

Wagtail's search is django-modelsearch (``wagtail.search`` re-exports it): the classes extended here are its own.
Two more changes make every search safe whatever is typed or asked for:

- each word is one FTS5 string literal (``"…"``, a double quote doubled inside), and a query is one flat string
  (``"a" AND "b"``): the stock backend left a ``"`` in a word unescaped (an FTS5 syntax error);
- a search restricted to some fields (``search(fields=[…])``, as the admin listings with ``search_fields`` ask)
  looks in the FTS5 columns that hold those fields: ``title`` for a field named "title", ``body`` for the others,
  ``autocomplete`` for an autocomplete search. The stock backend named the model's fields as FTS5 columns, which
  do not exist ("no such column: name").
"""

from modelsearch.backends.database.sqlite.query import (
    BM25,
    SearchQueryExpression,
    SearchQueryField,
    SQLiteFTSIndexEntry,
)
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.index import SearchField
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from django.db.models import Expression

from .backend import BoundedQueryMixin, mentions, search_terms

# FTS5 columns in the table's order (``fts5(autocomplete, body, title)``, wagtailsearch migration 0006), and the
# weights that make BM25 count one column only; the autocomplete column is not searched here.
HEADLINE_ONLY = (0.0, 0.0, 1.0)
BODY_ONLY = (0.0, 1.0, 0.0)
HEADLINE_FACTOR = 100


class WeightedObjectIndexer(ObjectIndexer):
    @property
    def body(self) -> str:
        texts = []
        for field in self.search_fields:
            for current_field, value in self.prepare_field(self.obj, field):
                if isinstance(current_field, SearchField) and current_field.field_name != "title" and value:
                    texts.extend([value] * mentions(current_field.boost))
        return " ".join(texts)


class WeightedSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        # The stock method with ``WeightedObjectIndexer``: entries are updated in place or created, then the
        # title lengths refreshed (the FTS table follows the entries through the triggers of its migration).
        if not model.get_search_fields():
            return
        entries = {}
        for obj in objs:
            indexer = WeightedObjectIndexer(obj, self.backend)
            entries[indexer.id] = (indexer.title, indexer.autocomplete, indexer.body)
        if not entries:
            return
        of_model = self.entries.filter(content_type_id=get_content_type_pk(model))
        indexed = set(of_model.filter(object_id__in=entries.keys()).values_list("object_id", flat=True))
        for object_id in indexed:
            title, autocomplete, body = entries[object_id]
            of_model.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        self.entries.bulk_create(
            IndexEntry(
                content_type_id=get_content_type_pk(model),
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in entries.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class WeightedBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        table = SQLiteFTSIndexEntry._meta.db_table

        def bm25(weights):
            return f"bm25({table}, {', '.join(str(weight) for weight in weights)})"

        return f"({HEADLINE_FACTOR} * {bm25(HEADLINE_ONLY)} + {bm25(BODY_ONLY)})", []


def fts5_string(text: str) -> str:
    """``text`` as one FTS5 string literal: words to match as a phrase, never operators."""
    return '"' + text.replace("\x00", " ").replace('"', '""') + '"'


# An empty phrase: a valid FTS5 query that matches no row.
MATCHES_NOTHING = '""'


class FTS5Query(Expression):
    """A finished FTS5 query, compiled as it is (``MatchExpression`` puts it into one SQL parameter)."""

    def __init__(self, text: str):
        super().__init__(output_field=SearchQueryField())
        self.text = text

    def as_sql(self, compiler, connection):
        return "%s", [self.text]


class SafeFTS5Mixin(BoundedQueryMixin):
    """For SQLite's query compilers: words quoted as FTS5 strings, and requested fields mapped to FTS5 columns."""

    def fts5_column(self, field_name: str) -> str:
        return "title" if field_name == "title" else "body"

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            terms = search_terms(query.query_string)
            if not terms:
                return SearchQueryExpression(FTS5Query(MATCHES_NOTHING))
            strings = [fts5_string(term) for term in terms]
            if self.LAST_TERM_IS_PREFIX:
                strings[-1] += "*"
            return SearchQueryExpression(FTS5Query(f" {query.operator.upper()} ".join(strings)))
        if isinstance(query, Phrase):
            return SearchQueryExpression(FTS5Query(fts5_string(query.query_string)))
        return super().build_search_query_content(query, config=config)

    def search(self, config, start, stop, score_field=None):
        # The stock method names ``self.fields`` as the FTS5 columns to match in; it is given the columns that hold
        # those fields for as long as it builds the query, then the fields the caller asked for are put back.
        requested = self.fields
        if requested:
            columns = {self.fts5_column(field_name) for field_name in requested}
            self.fields = [column for column in self.FTS_TABLE_FIELDS if column in columns]
        try:
            return super().search(config, start, stop, score_field=score_field)
        finally:
            self.fields = requested


class WeightedSQLiteSearchQueryCompiler(SafeFTS5Mixin, SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        # FTS5 computes one BM25 per matching row, whatever the query's shape: lower is better, as in the stock
        # backend, which orders by it ascending.
        return WeightedBM25()


class SafeSQLiteAutocompleteQueryCompiler(SafeFTS5Mixin, SQLiteAutocompleteQueryCompiler):
    def fts5_column(self, field_name: str) -> str:
        return "autocomplete"


class WeightedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = WeightedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SafeSQLiteAutocompleteQueryCompiler
    index_class = WeightedSQLiteIndex
