"""What else relates one article to another, beyond the newsroom's own topics, countries and section.

The newsroom ranks related coverage (``selectors.related_articles``) but cannot know what an app above it knows, such
as the analysis layer's entities and words: the layers let that app import the newsroom, not the other way round. So
such an app registers a ``RelatedSignal`` here when it starts (``AppConfig.ready``), and the ranking asks every
registered signal for more candidates and for points.
"""

from typing import Protocol

from django.db.models import QuerySet


class RelatedSignal(Protocol):
    def candidates(self, article) -> QuerySet:
        """The ids of articles this signal relates to ``article``, as a one-column queryset the ranking reads as a
        subquery (no query of its own). Need not be published: the ranking keeps only what readers may see."""

    def points(self, article, candidate_ids: list[int]) -> dict[int, float]:
        """Points for each candidate (missing: none), on the scale of the newsroom's own: a shared topic is worth
        3, a shared country 2, the same section 1. A bounded number of queries, whatever the archive's size."""


_signals: dict[str, RelatedSignal] = {}


def register(name: str, signal: RelatedSignal) -> None:
    """Add (or, under the same name, replace) a signal; registering again on a second ``ready()`` is harmless."""
    _signals[name] = signal


def registered() -> list[RelatedSignal]:
    return list(_signals.values())
