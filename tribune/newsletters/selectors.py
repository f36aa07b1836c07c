"""Which newsletter a reader page offers, without a query per page: the open lists are read once and kept in the
shared cache until one changes."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from .models import NewsletterList

CACHE_KEY = "newsletters:open-lists"
CACHE_SECONDS = 3600


@dataclass(frozen=True)
class OfferedList:
    slug: str
    name: str
    description: str
    language: str
    section_id: int | None
    contributor_id: int | None
    topic_id: int | None
    country_id: int | None
    cadence: str

    @property
    def is_general(self) -> bool:
        return not (self.section_id or self.contributor_id or self.topic_id or self.country_id)


def open_lists() -> list[OfferedList]:
    lists = cache.get(CACHE_KEY)
    if lists is None:
        lists = [
            OfferedList(
                n.slug,
                n.name,
                n.description,
                n.language or settings.LANGUAGE_CODE,
                n.section_id,
                n.contributor_id,
                n.topic_id,
                n.country_id,
                n.cadence,
            )
            for n in NewsletterList.objects.filter(active=True).order_by("name")
        ]
        cache.set(CACHE_KEY, lists, CACHE_SECONDS)
    return lists


def forget_open_lists(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def offered_list(*, section=None, contributor=None, topic=None, country=None) -> OfferedList | None:
    """The list closest to what the page is about, in the page's language: the expert's, topic's, country's or
    section's own list, else the edition's general list that goes out most often."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    lists = [offered for offered in open_lists() if offered.language == language]
    for attribute, obj in (
        ("contributor_id", contributor),
        ("topic_id", topic),
        ("country_id", country),
        ("section_id", section),
    ):
        if obj is not None:
            match = next((offered for offered in lists if getattr(offered, attribute) == obj.pk), None)
            if match:
                return match
    general = [offered for offered in lists if offered.is_general]
    cadence_order = {NewsletterList.Cadence.DAILY: 0, NewsletterList.Cadence.WEEKLY: 1}
    return min(general, key=lambda offered: cadence_order.get(offered.cadence, 2), default=None)
