"""Which page answers an address, kept between requests so a page the full-page cache cannot serve skips the lookup.

Wagtail resolves every request afresh: the active locale, the page, then (in its ``on_serve_page`` hook) the page's
ancestors and their view restrictions: four queries before the page's own work begins. All of it changes only when
an editor publishes, moves or deletes a page, changes its privacy or adds a language, and each of those bumps the
content generation (``tribune.delivery.signal_handlers``). So the page found for a site, language and path is stored
under that generation (``tribune.core.fragments``), with whether any view restriction applies to it, and without the
fields readers change (``reader_updated_fields``, loaded when used); each request gets its own unpickled copy. A
page with restrictions is checked by Wagtail as before; one without skips the check.

Only plain page routes are kept: a route that carries view arguments, or finds nothing, takes Wagtail's way every
time (so addresses that do not exist cannot fill the store).
"""

import functools
import pickle

from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from tribune.core import fragments

STORE_NAME = "route"


@functools.cache
def _no_view_restrictions():
    """An empty queryset, evaluated once: Wagtail's hook iterates it on every request, and an unevaluated one is
    compiled to SQL each time (about a twentieth of an article's time with the page cache off). Filtering or ordering
    it gives a new queryset, so sharing it between requests and threads changes nothing for them."""
    empty = PageViewRestriction.objects.none()
    list(empty)
    return empty


def _prepared(request, page: Page, restricted: bool) -> Page:
    if not restricted:
        # Wagtail's hook asks the page for its restrictions; an instance attribute answers without a query.
        page.get_view_restrictions = _no_view_restrictions
    # A page asked for its full address without the request (the canonical link) reads every site's root path from
    # the shared cache, once per instance: the request's copy, kept in this worker (``tribune.core.sites``), answers.
    root_paths = getattr(request, "_wagtail_cached_site_root_paths", None)
    if root_paths is not None:
        page._wagtail_cached_site_root_paths = root_paths
    return page


def route_from_store(request, path: str) -> None:
    """Set Wagtail's per-request route (``request._wagtail_route_for_request``, where ``Page.route_for_request``
    looks first) from the stored copy, storing it first when it is missing and may be kept."""
    site = Site.find_for_request(request)
    if site is None:
        return
    parts = (site.pk, path)
    stored = fragments.peek(STORE_NAME, parts, [fragments.CONTENT])
    if stored is not None:
        page, restricted = pickle.loads(stored)  # noqa: S301 - bytes this application pickled itself
        request._wagtail_route_for_request = RouteResult(_prepared(request, page, restricted))
        return
    found = Page.route_for_request(request, path)
    if found is None or found.args or found.kwargs:
        return
    restricted = found.page.get_view_restrictions().exists()
    fragments.store(STORE_NAME, parts, [fragments.CONTENT], _pickled(found.page, restricted))
    _prepared(request, found.page, restricted)


def _pickled(page: Page, restricted: bool) -> bytes:
    """The page without the fields readers change (a comment count): a copy loads them from the database when
    they are used, since no content generation follows them."""
    volatile = [name for name in getattr(page, "reader_updated_fields", ()) if name in page.__dict__]
    kept = {name: page.__dict__.pop(name) for name in volatile}
    try:
        return pickle.dumps((page, restricted))
    finally:
        page.__dict__.update(kept)


def serve(request, path: str):
    """Wagtail's page view, with the route taken from the store when the fragment cache is on."""
    if fragments.enabled():
        route_from_store(request, path)
    return wagtail_views.serve(request, path)
