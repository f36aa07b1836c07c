"""Pages that shared caches must not keep, though nothing in the request makes them personal.

The page cache and the edges store an anonymous page under its address, query string included. A part of the page
that reads a query parameter it cannot match to real content (a comment page past the last, a thread that does not
exist) still answers with the ordinary page, but calls ``keep_out_of_shared_caches``: the page cache
(``tribune.delivery.middleware``) then neither stores it nor marks it public, so an edge does not either, and
invented addresses cannot fill either cache.
"""

from django.http import HttpRequest

_ATTRIBUTE = "_tribune_keep_out_of_shared_caches"


def keep_out_of_shared_caches(request: HttpRequest) -> None:
    setattr(request, _ATTRIBUTE, True)


def is_kept_out_of_shared_caches(request: HttpRequest) -> bool:
    return getattr(request, _ATTRIBUTE, False)
