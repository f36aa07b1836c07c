"""Pagination that never answers 500: a malformed page number gives page one, an out-of-range one a 404.

Listings of the archive (sections, topics, experts' pages) page through at most ``max_pages``: counting every
article of a large section would cost more than rendering the page, and grow with the archive. The last page
then says there is more, and points to search.
"""

from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404


def paginate(object_list, page_number: str | None, per_page: int, *, max_pages: int | None = None) -> Page:
    try:
        number = int(page_number or 1)
    except (TypeError, ValueError):
        number = 1
    limit = max_pages * per_page if max_pages else None
    if limit and isinstance(object_list, QuerySet):
        object_list = object_list[:limit]  # the count becomes COUNT over at most ``limit`` rows
    try:
        page = Paginator(object_list, per_page).page(number)
    except EmptyPage:
        raise Http404("No such page") from None
    page.has_older_beyond = bool(limit) and page.paginator.count >= limit and not page.has_next()
    return page
