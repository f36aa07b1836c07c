"""Pagination that never answers 500: a malformed page number gives page one, an out-of-range one a 404.

Listings of the archive (sections, topics, experts' pages) page through at most ``max_pages``: counting every
article of a large section would cost more than rendering the page, and grow with the archive. The last page
then says there is more, and points to search.
"""

from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404

# Digits a positive integer from a query string may have: enough for any database key (2**63 has 19), few enough
# that Python never converts thousands of digits (it refuses past 4,300: a 500 if uncaught).
MAX_INT_DIGITS = 18


def parse_positive_int(value, default: int | None = None, *, maximum: int | None = None) -> int | None:
    """A query parameter read as a positive integer in its canonical spelling ("7", not "07", "+7", " 7" or "٧"), at
    most ``maximum``; anything else is ``default``. Never raises, whatever a client sends."""
    if not isinstance(value, str) or not (0 < len(value) <= MAX_INT_DIGITS) or not value.isascii():
        return default
    if not value.isdigit() or value[0] == "0":
        return default
    number = int(value)
    return default if maximum is not None and number > maximum else number


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
