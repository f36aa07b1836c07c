"""Which editions a reader can switch to from where they are.

A page links its live translations in the enabled languages (``TRIBUNE_LANGUAGES``); a view that is not a page
(search, experts, topics, countries, corrections, accounts) exists in every edition, so it links the same address
under each language's prefix. The links of a page are kept under the content generation (``core.fragments``), so a
page served from fragments still runs no query for them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation

from wagtail.models import Page

from tribune.core import fragments
from tribune.core.sites import public_url

STORE_NAME = "editions"
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


def _in_language_order(links: list[EditionLink]) -> list[EditionLink]:
    order = list(language_names())
    return sorted(links, key=lambda link: order.index(link.language_code))


def _page_links(page: Page, request) -> list[EditionLink]:
    names = language_names()
    own_language = page.locale.language_code
    translations = list(live_translations(page)) if own_language in names else []
    if not translations:
        return []
    links = [
        EditionLink(
            language_code=translated.locale.language_code,
            name=names[translated.locale.language_code],
            path=translated.get_url(request=request),
            current=False,
        )
        for translated in translations
    ]
    links.append(EditionLink(own_language, names[own_language], page.get_url(request=request), True))
    # A page outside every site's tree has no address: it cannot be linked.
    return _in_language_order([link for link in links if link.path])


def page_editions(page: Page, request) -> list[EditionLink]:
    """The editions of ``page`` (itself among them) when it has at least one live translation; else none."""
    if getattr(request, "is_preview", False):
        return _page_links(page, request)  # a draft's links are never stored
    return fragments.cached(STORE_NAME, [page.pk], [fragments.CONTENT], lambda: _page_links(page, request))


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
