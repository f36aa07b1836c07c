"""Site search over published articles, using Wagtail's search backend (the database backend by default)."""

import re
from urllib.parse import quote_plus

from django.shortcuts import render

from tribune.core.conf import page_size
from tribune.core.pagination import paginate
from tribune.core.text import query_param
from tribune.newsroom import selectors

MAX_QUERY_LENGTH = 200


def search(request):
    query = query_param(request, "q", MAX_QUERY_LENGTH)
    results = None
    # Only the words go to the backend: quotes and operators are not syntax to readers, and SQLite's FTS5
    # rejects unbalanced ones.
    terms = " ".join(re.findall(r"\w+", query))
    if query:
        found = selectors.published_articles().defer_streamfields().search(terms, operator="or") if terms else []
        results = paginate(found, request.GET.get("page"), page_size())
        ids = [article.pk for article in results.object_list]
        cards = {
            a.pk: a
            for a in selectors.attach_sections(
                selectors.with_card_data(selectors.published_articles().filter(pk__in=ids))
            )
        }
        results.object_list = [cards[pk] for pk in ids if pk in cards]
    context = {"query": query, "query_param": quote_plus(query), "results": results}
    return render(request, "search/search.html", context)
