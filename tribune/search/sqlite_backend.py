"""Wagtail's SQLite (FTS5) search backend with field weights: see ``backend`` for what changes and why.

Wagtail's search is django-modelsearch (``wagtail.search`` re-exports it): the classes extended here are its own.
"""

from modelsearch.backends.database.sqlite.query import BM25, SQLiteFTSIndexEntry
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.index import SearchField
from modelsearch.utils import get_content_type_pk

from .backend import mentions

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


class WeightedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        # FTS5 computes one BM25 per matching row, whatever the query's shape: lower is better, as in the stock
        # backend, which orders by it ascending.
        return WeightedBM25()


class WeightedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = WeightedSQLiteSearchQueryCompiler
    index_class = WeightedSQLiteIndex
