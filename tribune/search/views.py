"""Site search over an edition's published articles, using Wagtail's search backend (the database backend by
default). The edition is the active language: ``/ru/search/`` searches the Russian edition."""

from urllib.parse import quote_plus

from django.shortcuts import render
from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant

from tribune.core.conf import page_size
from tribune.core.pagination import paginate
from tribune.core.text import query_param

from .selectors import article_search

MAX_QUERY_LENGTH = 200


def search(request):
    query = query_param(request, "q", MAX_QUERY_LENGTH)
    results = found = None
    if query:
        found = article_search(query, language_code=get_supported_content_language_variant(get_language()))
        results = paginate(found, request.GET.get("page"), page_size())
    context = {
        "query": query,
        "query_param": quote_plus(query),
        "results": results,
        "more_results": found is not None and found.capped,
    }
    return render(request, "search/search.html", context)
