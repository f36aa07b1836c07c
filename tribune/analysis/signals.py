"""Signals the analysis sends for the layers above it (``delivery`` forgets the pages a change makes stale)."""

from django.dispatch import Signal

# The live article's countries changed without a publish (accepted countries added by ``services``); sent with
# ``sender=ArticlePage`` and ``instance``, the live article.
article_countries_changed = Signal()

# What readers are shown of a live article's analysis may have changed (a run stored, a publish synced, an editor's
# decision): sent inside the change's transaction with ``sender=ArticlePage``, ``article_id``, ``entity_ids`` (the
# entities whose pages show the article or its quotes, before and after the change) and ``principal_country_ids``
# (the countries principal in it before and after: their pairs' dossiers).
article_analysis_changed = Signal()
