"""The page cache's fast path, in front of Django: a hot page is answered from the worker's memory
without building a request, running middleware or touching the network (see page_cache)."""

from http import HTTPStatus

from . import page_cache
from .page_cache import HEADER

OK = "200 OK"
NOT_MODIFIED = f"{HTTPStatus.NOT_MODIFIED.value} {HTTPStatus.NOT_MODIFIED.phrase}"


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
