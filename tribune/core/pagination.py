"""Pagination that never answers 500: a malformed page number gives page one, an out-of-range one a 404."""

from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404


def paginate(object_list, page_number: str | None, per_page: int) -> Page:
    try:
        number = int(page_number or 1)
    except (TypeError, ValueError):
        number = 1
    try:
        return Paginator(object_list, per_page).page(number)
    except EmptyPage:
        raise Http404("No such page") from None
