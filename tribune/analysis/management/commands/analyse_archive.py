"""manage.py analyse_archive: analyse the published articles whose live revision has not been analysed, in batches,
in this process (not through the task queue), with a progress bar. Re-running it skips what is done, so it can be
stopped and started again; --force analyses every published article again. --terms then stores the words of every
published article that has none and weighs all of them again with the archive's document frequencies: related
coverage's text likeness, worth running once after an upgrade or a bulk import."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError

BAR_WIDTH = 30


class Progress:
    """A one-line progress bar on a terminal (a line per batch otherwise, so logs stay readable)."""

    def __init__(self, stream, total: int, *, shown: bool = True):
        self.stream, self.total, self.shown, self.started = stream, total, shown, time.monotonic()
        self.interactive = stream.isatty()

    def rate(self, done: int) -> float:
        elapsed = time.monotonic() - self.started
        return done / elapsed if elapsed > 0 else 0.0

    def show(self, done: int, failed: int) -> None:
        if not self.shown:
            return
        share = done / self.total if self.total else 1.0
        filled = int(BAR_WIDTH * share)
        line = (
            f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{self.total} ({share:.0%}), "
            f"{failed} failed, {self.rate(done):.1f} articles/s"
        )
        self.stream.write(("\r" + line) if self.interactive else line, ending="" if self.interactive else "\n")
        self.stream.flush()

    def end(self) -> None:
        if self.shown and self.interactive:
            self.stream.write("")


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--since", help="Only articles first published on or after this date (YYYY-MM-DD).")
        parser.add_argument("--limit", type=int, help="At most this many articles in this run.")
        parser.add_argument("--force", action="store_true", help="Analyse articles already analysed too.")
        parser.add_argument("--batch-size", type=int, default=50, help="Articles read per query (default 50).")
        parser.add_argument(
            "--terms",
            action="store_true",
            help="Then store the words of published articles that have none and weigh every article's words again "
            "with the archive's document frequencies (related coverage; run once after a first backfill).",
        )

    def handle(self, *args, since=None, limit=None, force=False, batch_size=50, terms=False, **options):
        from tribune.analysis import related, runs, selectors
        from tribune.analysis.models import RunOutcome

        if since:
            try:
                since = datetime.date.fromisoformat(since)
            except ValueError as error:
                raise CommandError(f"--since must be a date written YYYY-MM-DD, not {since!r}.") from error
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1.")
        batch_size = max(batch_size, 1)
        articles = selectors.articles_to_analyse(since=since, force=force).values_list("pk", "live_revision_id")
        total = articles.count() if limit is None else min(articles.count(), limit)
        progress = Progress(self.stderr, total, shown=options.get("verbosity", 1) > 0)
        done = failed = 0
        last_pk = 0
        while done < total:
            # Keyset pagination on the primary key: what a batch analysed no longer matches, the rest is unchanged.
            batch = list(articles.filter(pk__gt=last_pk).order_by("pk")[: min(batch_size, total - done)])
            if not batch:
                break
            for pk, revision_id in batch:
                # force: an article chosen here is analysed even if its last attempts failed.
                run = runs.article_analyse(page_id=pk, revision_id=revision_id, force=True)
                done += 1
                failed += run is not None and run.outcome == RunOutcome.FAILED
                last_pk = pk
            progress.show(done, failed)
        progress.end()
        self.stdout.write(
            f"Analysed {done} article(s), {failed} failed, in {time.monotonic() - progress.started:.1f} s: "
            f"{progress.rate(done):.1f} articles/s."
        )
        if terms:
            stored = related.terms_backfill()
            weighed = related.terms_reweigh_all()
            self.stdout.write(f"Stored the words of {stored} article(s); weighed {weighed} article(s) again.")
