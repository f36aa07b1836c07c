"""Where an address the client supplied may send it: back into this site, never anywhere else.

A form's ``next`` field, a ``?next=`` or ``return`` parameter, a Referer: every view that redirects to an address
that came with the request takes it from ``requested_next`` or passes it through ``safe_next``, the one same-site
check. A test (``core/tests/test_redirects.py``) fails when a module reads ``next`` from a request another way.
"""

import unicodedata

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

# The names under which a request may carry the address to go to next.
NEXT_FIELDS = ("next",)


def is_same_site(request: HttpRequest, url) -> bool:
    """Whether ``url`` stays on the host the request came to: a path (not ``//host`` or ``/\\host``), or an absolute
    http(s) address on that host, https when the request is. No control character anywhere (a line break would
    split the Location header)."""
    if not isinstance(url, str) or not url:
        return False
    if any(unicodedata.category(char)[0] == "C" for char in url):
        return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def safe_next(request: HttpRequest, candidate, fallback: str) -> str:
    """``candidate`` when it is a same-site address (``is_same_site``), else ``fallback``, which the caller builds
    (``reverse()``, a page's URL) and so is always safe."""
    return candidate if is_same_site(request, candidate) else fallback


def requested_next(request: HttpRequest, fallback: str, *, field: str = "next") -> str:
    """The address a request asks to go to next (its POST field, else its query parameter), if same-site; else
    ``fallback``."""
    candidate = request.POST.get(field) if request.method == "POST" else None
    return safe_next(request, candidate or request.GET.get(field), fallback)
