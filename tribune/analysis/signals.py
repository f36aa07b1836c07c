"""Signals the analysis sends for the layers above it (``delivery`` forgets the pages a change makes stale)."""

from django.dispatch import Signal

# The live article's countries changed without a publish (accepted countries added by ``services``); sent with
# ``sender=ArticlePage`` and ``instance``, the live article.
article_countries_changed = Signal()
