"""The backfill analyses the published archive in batches and resumes where it stopped; one analysis costs a
bounded number of queries however long the article."""

import io

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from tribune.analysis import runs
from tribune.analysis.models import AnalysisRun, RunOutcome

from .conftest import PARAGRAPHS, body_of


@pytest.fixture
def archive(publish, settings):
    """Four published articles nobody analysed (the analysis was off when they were published)."""
    settings.TRIBUNE_ANALYSIS_ENABLED = False
    articles = [publish(slug=f"archived-{n}", title=f"Kenya and Uganda, part {n}") for n in range(4)]
    settings.TRIBUNE_ANALYSIS_ENABLED = True
    return articles


def backfill(*args: str) -> str:
    out = io.StringIO()
    call_command("analyse_archive", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def analysed_live(articles) -> set[int]:
    return set(
        AnalysisRun.objects.filter(outcome=RunOutcome.OK, article__in=articles).values_list("article_id", flat=True)
    )


def test_the_backfill_resumes_where_it_stopped_and_reports_its_rate(archive):
    assert analysed_live(archive) == set()

    first = backfill("--limit", "3", "--batch-size", "2")

    assert "Analysed 3 article(s), 0 failed" in first and "articles/s" in first
    assert len(analysed_live(archive)) == 3
    second = backfill()
    assert "Analysed 1 article(s)" in second and analysed_live(archive) == {article.pk for article in archive}
    assert "Analysed 0 article(s)" in backfill()
    assert "Analysed 4 article(s)" in backfill("--force")


def test_the_backfill_takes_a_date_and_refuses_a_bad_one(archive):
    assert "Analysed 0 article(s)" in backfill("--since", "2999-01-01")
    with pytest.raises(CommandError):
        backfill("--since", "yesterday")


def test_a_failed_article_is_counted_and_tried_again_by_the_next_backfill(archive, monkeypatch):
    calls = []

    def broken_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("disk full")
        return analyse(*args, **kwargs)

    analyse = runs.analyse
    monkeypatch.setattr(runs, "analyse", broken_once)

    assert "Analysed 4 article(s), 1 failed" in backfill()
    assert "Analysed 1 article(s), 0 failed" in backfill()


def test_the_analysis_of_a_long_article_costs_no_more_queries_than_a_short_ones(
    publish, django_assert_max_num_queries, settings
):
    settings.TRIBUNE_ANALYSIS_ENABLED = False
    short = publish(slug="short", body=body_of(*PARAGRAPHS))
    long = publish(slug="long", body=body_of(*(PARAGRAPHS * 8)))  # eight times the mentions, quotes and figures
    runs.article_analyse(page_id=short.pk, revision_id=short.live_revision_id)  # entities found first created once
    runs.article_analyse(page_id=long.pk, revision_id=long.live_revision_id)

    with django_assert_max_num_queries(BUDGET) as short_queries:
        runs.article_analyse(page_id=short.pk, revision_id=short.live_revision_id, force=True)
    with django_assert_max_num_queries(BUDGET) as long_queries:
        runs.article_analyse(page_id=long.pk, revision_id=long.live_revision_id, force=True)

    assert len(long_queries.captured_queries) == len(short_queries.captured_queries)


# 2026-12-05: +6 for what readers see of the article before and after the store (``services.article_footprint``,
# three queries each), which lets an unchanged re-analysis purge nothing.
BUDGET = 36
