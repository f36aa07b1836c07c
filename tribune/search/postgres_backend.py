"""Wagtail's PostgreSQL search backend with every query ``bounded`` first, and each object indexed with the text-search
configuration of its language.

Bounding: the stock backend already passes each word to ``to_tsquery`` as a quoted lexeme and a phrase to
``phraseto_tsquery`` as a parameter; what it lacked was a bound on the number of words (one nested expression per
word) and a guard against NUL characters, which PostgreSQL refuses in any string (see ``backend``).

Languages: the stock backend builds every index entry with its one ``SEARCH_CONFIG``. All database backends share
one index table (one row per object), so a backend per language cannot work: each would overwrite the others' rows
(wagtail/wagtail#9253). Here the one backend stems each object with the configuration of its locale's language
(``config_for_language``: ``english`` for English, ``russian`` for Russian, ``simple`` for Hindi and any language
PostgreSQL has no stemmer listed for), and a search asks for the same configuration through the backend's own
``SEARCH_CONFIG`` parameter (``backend.language_search_backend``).
"""

import copy
from collections import defaultdict

from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from wagtail.models import Locale

from .backend import BoundedQueryMixin, config_for_language, default_language


class BoundedPostgresSearchQueryCompiler(BoundedQueryMixin, PostgresSearchQueryCompiler):
    pass


class BoundedPostgresAutocompleteQueryCompiler(BoundedQueryMixin, PostgresAutocompleteQueryCompiler):
    pass


class LanguagePostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """The stock method once per configuration among ``objs``, each time with a backend of that configuration
        (the stock indexer reads its configuration from the backend it is given)."""
        objs = list(objs)
        by_config = defaultdict(list)
        languages = self._languages(objs)
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None), default_language())
            by_config[config_for_language(language, self.backend.search_configs)].append(obj)
        for config, group in by_config.items():
            index = copy.copy(self)
            index.backend = self.backend.with_config(config)
            super(LanguagePostgresIndex, index).add_items(model, group)

    @staticmethod
    def _languages(objs) -> dict[int, str]:
        """Language codes by locale id, in one query (translatable objects carry ``locale_id``, others index in the
        default language)."""
        locale_ids = {locale_id for obj in objs if (locale_id := getattr(obj, "locale_id", None))}
        if not locale_ids:
            return {}
        return dict(Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code"))


class BoundedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = BoundedPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = BoundedPostgresAutocompleteQueryCompiler
    index_class = LanguagePostgresIndex

    def __init__(self, params):
        super().__init__(params)
        # Per-language configurations (``SEARCH_CONFIGS``, over the defaults); ``SEARCH_CONFIG`` when given is the
        # configuration of queries, else the default language's.
        self.search_configs = params.get("SEARCH_CONFIGS") or {}
        self.config = params.get("SEARCH_CONFIG") or config_for_language(default_language(), self.search_configs)

    def with_config(self, config: str) -> "BoundedPostgresSearchBackend":
        backend = copy.copy(self)
        backend.config = config
        return backend
