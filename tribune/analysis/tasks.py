"""The analysis of an article revision, in the background (never in the request that saved or published it)."""

import datetime
import logging

from django_tasks import task

from django.db import transaction
from django.utils import timezone

from . import conf, runs
from .models import RunOutcome

logger = logging.getLogger(__name__)


@task()
def analyse_article(page_id: int, revision_id: int, force: bool = False) -> str:
    """Analyse one revision of an article and store what it found (``runs.article_analyse``). A failure is recorded
    on its ``AnalysisRun`` and tried again later, ``TRIBUNE_ANALYSIS_MAX_ATTEMPTS`` times in all."""
    run = runs.article_analyse(page_id=page_id, revision_id=revision_id, force=force)
    if run is None or not run.ran:
        return "skipped"
    if run.outcome == RunOutcome.FAILED:
        if run.attempts < conf.max_attempts():
            _retry(page_id, revision_id, run.attempts)
        else:
            logger.error(
                "The analysis of article %s, revision %s failed %d times: not tried again",
                page_id,
                revision_id,
                run.attempts,
            )
    return run.outcome


def _retry(page_id: int, revision_id: int, attempts: int) -> None:
    """Later, with a backend that can wait (the worker's); at once with one that cannot (the immediate backend of
    tests and of a site without a worker), which the attempt count still bounds."""
    if analyse_article.get_backend().supports_defer:
        run_after = timezone.now() + datetime.timedelta(seconds=conf.retry_seconds() * attempts)
        analyse_article.using(run_after=run_after).enqueue(page_id, revision_id)
    else:
        analyse_article.enqueue(page_id, revision_id)


class _Queued:
    """One analysis waiting for the transaction to commit. A revision saved and published in one transaction (the
    usual publish) is queued once, as a publish: without the draft's delay."""

    def __init__(self, page_id: int, revision_id: int, *, draft: bool, force: bool):
        self.key = (page_id, revision_id)
        self.draft, self.force = draft, force

    def __call__(self) -> None:
        page_id, revision_id = self.key
        delay = conf.draft_delay_seconds() if self.draft else 0
        if delay and analyse_article.get_backend().supports_defer:
            run_after = timezone.now() + datetime.timedelta(seconds=delay)
            analyse_article.using(run_after=run_after).enqueue(page_id, revision_id, self.force)
        else:
            analyse_article.enqueue(page_id, revision_id, self.force)


def analysis_enqueue(page_id: int, revision_id: int, *, draft: bool = False, force: bool = False) -> None:
    """Queue the analysis once the current transaction commits. A draft's waits a little (``conf``), so the
    revisions autosave writes while an editor types are analysed once: each run skips a revision that is no longer
    the latest."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # The same revision already waiting for this commit (Django's list of callbacks, emptied on rollback).
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _Queued) and callback.key == (page_id, revision_id):
                callback.draft, callback.force = callback.draft and draft, callback.force or force
                return
    transaction.on_commit(_Queued(page_id, revision_id, draft=draft, force=force))
