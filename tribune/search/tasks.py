"""Background work for search: index entries of articles whose filed-under names changed."""

from django_tasks import task

from wagtail.search.backends import get_search_backends

from tribune.core import fragments
from tribune.newsroom.models import ArticlePage

from . import selectors

CHUNK = 500


@task()
def articles_reindex(*, filed_under: str = "", pk: int = 0, article_ids: list[int] = ()) -> int:
    """Write the search index entries of the articles filed under one topic, country, contributor, section or
    series (``filed_under`` and its ``pk``), or of ``article_ids``; return how many were written.

    Wagtail updates an article's entry when the article is saved, not when a name it carries changes elsewhere.
    Articles deleted since the task was queued are skipped. Stored search results are then forgotten (they were
    chosen by the old entries), by moving the content generation on.
    """
    ids = set(article_ids)
    if filed_under:
        ids |= set(selectors.articles_filed_under(filed_under, pk).values_list("pk", flat=True))
    ordered, written = sorted(ids), 0
    for start in range(0, len(ordered), CHUNK):
        articles = list(ArticlePage.get_indexed_objects().filter(pk__in=ordered[start : start + CHUNK]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ArticlePage, articles)
        written += len(articles)
    if written:
        fragments.bump(fragments.CONTENT)
    return written
