"""Site search over published articles, using Wagtail's search backend (the database backend by default)."""

from urllib.parse import quote_plus

from django.shortcuts import render

from tribune.core.conf import page_size
from tribune.core.pagination import paginate
from tribune.core.text import query_param
from tribune.newsroom import selectors

MAX_QUERY_LENGTH = 200


def search(request):
    # Whatever a reader types (quotes, operators, SQL, emoji, RTL text) is just words to the backend.
    query = query_param(request, "q", MAX_QUERY_LENGTH)
    results = None
    if query:
        found = selectors.published_articles().defer_streamfields().search(query, operator="or")
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
