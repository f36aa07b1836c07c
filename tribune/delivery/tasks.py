"""Invalidation that waits: the purge at the end of a burst of likes (``invalidation.forget_reactions_on_commit``)."""

from django_tasks import task


@task()
def forget_article_reactions(article_id: int) -> None:
    from .invalidation import forget_reactions_now

    forget_reactions_now(article_id)
