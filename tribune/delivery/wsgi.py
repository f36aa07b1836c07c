"""The page cache's fast path, in front of Django: a hot page is answered from the worker's memory
without building a request, running middleware or touching the network (see page_cache)."""

from http import HTTPStatus

from . import page_cache
from .page_cache import HEADER

OK = "200 OK"
NOT_MODIFIED = f"{HTTPStatus.NOT_MODIFIED.value} {HTTPStatus.NOT_MODIFIED.phrase}"
# Who a request on the Unix socket came from: a process on this machine (the edge cache), as 127.0.0.1 is over TCP.
LOCAL_PEER = "127.0.0.1"


class PageCacheApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        identity = page_cache.page_request(environ)
        if identity is not None:
            page = page_cache.lookup(page_cache.entry_key(identity))
            if page is not None:
                if page_cache.is_not_modified(environ, page):
                    start_response(NOT_MODIFIED, [*page_cache.not_modified_headers(page), (HEADER, "hit")])
                    return [b""]
                headers, body = page_cache.representation(environ, page)
                start_response(OK, [*headers, (HEADER, "hit")])
                return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]
        return self.application(environ, start_response)


class UnixSocketPeer:
    """Serving on a Unix socket (deploy/serve with WEB_SOCKET), Granian leaves REMOTE_ADDR empty. Without an address
    allauth refuses every sign-in ("Unable to determine client IP address") unless trusted proxies are configured,
    and rate limits and the security log have no key; the peer is local, so it is given the loopback address."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if not environ.get("REMOTE_ADDR"):
            environ["REMOTE_ADDR"] = LOCAL_PEER
        return self.application(environ, start_response)
