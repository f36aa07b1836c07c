"""Which editions a reader can switch to from where they are.

A page links its live translations in the enabled languages (``TRIBUNE_LANGUAGES``); a view that is not a page
(search, experts, topics, countries, corrections, accounts) exists in every edition, so it links the same address
under each language's prefix.

Which pages have translations is read once per content generation in each worker (``translated_pages``), as
``core.sites`` keeps the site root paths: any publish, unpublish, move or new locale bumps that generation, and a
reader's page then links its translations without a query of its own, whether or not fragments are on.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation

from wagtail.models import Page

from tribune.core import fragments
from tribune.core.sites import public_url

WAGTAIL_SERVE = "wagtail_serve"  # the page view: an address it answers without a page is a 404, in no edition


@dataclass(frozen=True)
class EditionLink:
    """One edition of what the reader is looking at: its language, that language's own name, its address as a link
    on the site (``path``) and absolute (``url``, for ``hreflang`` alternates), and whether the reader is on it."""

    language_code: str
    name: str
    path: str
    current: bool

    @property
    def url(self) -> str:
        return public_url(self.path)


@dataclass(frozen=True)
class LiveEdition:
    """A live page in an enabled language, as much of it as its address needs."""

    language_code: str
    page_id: int
    url_path: str


def language_names() -> dict[str, str]:
    return dict(settings.LANGUAGES)


def live_translations(page: Page):
    """The page's live translations in the enabled languages, without the page itself."""
    return (
        page.get_translations(inclusive=False)
        .live()
        .filter(locale__language_code__in=language_names())
        .select_related("locale")
    )


def _live_in_enabled_languages():
    return Page.objects.live().filter(locale__language_code__in=language_names())


def _translated_pages_query() -> dict:
    """Every live page in an enabled language that has a live translation in another, by translation key."""
    shared_keys = (
        _live_in_enabled_languages()
        .values("translation_key")
        .annotate(editions=Count("id"))
        .filter(editions__gt=1)
        .values("translation_key")
    )
    rows = (
        _live_in_enabled_languages()
        .filter(translation_key__in=shared_keys)
        .values_list("translation_key", "locale__language_code", "id", "url_path")
    )
    found = defaultdict(list)
    for key, language_code, page_id, url_path in rows:
        found[key].append(LiveEdition(language_code, page_id, url_path))
    return dict(found)


# ``_translated_pages_query()``, read once per content generation in each worker.
translated_pages = fragments.PerGeneration(_translated_pages_query)


def _path(edition: LiveEdition, request) -> str | None:
    # Wagtail's own URL building, from the two fields it reads: no query.
    return Page(id=edition.page_id, url_path=edition.url_path).get_url(request=request)


def page_editions(page: Page, request) -> list[EditionLink]:
    """The editions of ``page`` (itself among them) when it has at least one live translation; else none."""
    names = language_names()
    editions = translated_pages().get(page.translation_key, [])
    own = next((edition for edition in editions if edition.page_id == page.pk), None)
    editions = [edition for edition in editions if edition is not own]
    if not editions:
        return []
    if own is None:  # a preview of a page that is not live
        own = LiveEdition(page.locale.language_code, page.pk, page.url_path)
    if own.language_code not in names:
        return []
    links = [
        EditionLink(edition.language_code, names[edition.language_code], _path(edition, request), edition is own)
        for edition in [*editions, own]
    ]
    order = list(names)
    # A page outside every site's tree has no address: it cannot be linked.
    return sorted((link for link in links if link.path), key=lambda link: order.index(link.language_code))


def path_editions(request) -> list[EditionLink]:
    """The address the reader is on, in every edition: the views outside the page tree exist in each language."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return []
    if match.url_name == WAGTAIL_SERVE:
        return []
    own_language = translation.get_language()
    return [
        EditionLink(code, name, translate_url(request.path, code), code == own_language)
        for code, name in settings.LANGUAGES
    ]


def x_default(links: list[EditionLink]) -> EditionLink | None:
    """The default edition's version (``hreflang="x-default"``), or the current one when there is none."""
    for link in links:
        if link.language_code == settings.LANGUAGE_CODE:
            return link
    return next((link for link in links if link.current), None)
