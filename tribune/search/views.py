"""Site search over published articles, using Wagtail's search backend (the database backend by default)."""

from urllib.parse import quote_plus

from django.shortcuts import render

from tribune.core.conf import page_size
from tribune.core.pagination import paginate
from tribune.core.text import query_param

from .selectors import article_search

MAX_QUERY_LENGTH = 200


def search(request):
    query = query_param(request, "q", MAX_QUERY_LENGTH)
    results = found = None
    if query:
        found = article_search(query)
        results = paginate(found, request.GET.get("page"), page_size())
    context = {
        "query": query,
        "query_param": quote_plus(query),
        "results": results,
        "more_results": found is not None and found.capped,
    }
    return render(request, "search/search.html", context)
