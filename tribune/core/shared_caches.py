"""Pages that shared caches must not keep, though nothing in the request makes them personal.

The page cache and the edges store an anonymous page under its address, query string included. Two rules keep
invented addresses from filling them:

* A parameter that only a part of some pages reads (the discussion's ``comments``, ``cpage`` and ``thread``) must be
  vouched for by that part (``vouch_for_query``) once it has matched the value to real content; a page that ignores
  the parameter (a section page asked for ``?thread=12``) never vouches, and is not stored.
* A part that reads a value it cannot match (a comment page past the last, a thread that does not exist) still
  answers with the ordinary content, but calls ``keep_out_of_shared_caches``.
* Paging (``page``, the sitemaps' ``p``) is vouched for by a listing that shows the page the value names, spelt
  plainly (``vouch_for_page``): pages that do not paginate (an article, the home page) never vouch, and an odd
  spelling (``007``, ``abc``) answers page one or the named page without being stored.

The page cache (``tribune.delivery.middleware``) then neither stores the page nor marks it public, so an edge does
not store it either.
"""

from django.http import HttpRequest

from tribune.core.pagination import parse_positive_int

_KEPT_OUT = "_tribune_keep_out_of_shared_caches"
_VOUCHED = "_tribune_vouched_query"


def keep_out_of_shared_caches(request: HttpRequest) -> None:
    setattr(request, _KEPT_OUT, True)


def vouch_for_query(request: HttpRequest, *names: str) -> None:
    """The page read these query parameters and found what they name."""
    setattr(request, _VOUCHED, vouched_query(request) | set(names))


def vouch_for_page(request: HttpRequest, number: int | None, name: str = "page") -> None:
    """The listing shows its page ``number``: ``?name=`` may vary a stored copy when it spells that number plainly."""
    if number is not None and parse_positive_int(request.GET.get(name)) == number:
        vouch_for_query(request, name)


def vouched_query(request: HttpRequest) -> frozenset:
    return frozenset(getattr(request, _VOUCHED, ()))


def may_share(request: HttpRequest, vouched_names) -> bool:
    """Whether shared caches may keep this request's page: not kept out, and each of ``vouched_names`` it carries
    vouched for."""
    if getattr(request, _KEPT_OUT, False):
        return False
    return (set(request.GET) & set(vouched_names)) <= vouched_query(request)
