"""``OutOfRangeIdMiddleware``: a path naming a number no database id can hold is a 404 before any view reads it.

Wagtail's and Django's views take ids from the path (``/admin/pages/<int:page_id>/``, ``/documents/<id>/<name>``)
and look them up: a number beyond 64 bits raised ``OverflowError`` in SQLite's driver, and one over Python's 4,300
digits a ``ValueError`` in ``int()`` — a 500 either way, in views Tribune does not own.
"""

import re

from django.http import Http404

BIGINT_MAX = 2**63 - 1
_ID_SEGMENT = re.compile(r"(?:^|/)([0-9]{19,})(?=/|$)")


def _beyond_bigint(digits: str) -> bool:
    return len(digits) > 19 or int(digits) > BIGINT_MAX


class OutOfRangeIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(_beyond_bigint(digits) for digits in _ID_SEGMENT.findall(request.path_info)):
            raise Http404("No such id.")
        return self.get_response(request)
