import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from tribune.demo.scale import ScaleError, ScaleSpec, archive_clear, archive_generate, archive_index


class Command(BaseCommand):
    help = (
        "Generate a large synthetic archive for benchmarks (default: 100,000 articles, 1,000,000 comments, "
        "2,000 experts) over the existing sections, marked so --clear removes exactly what it made."
    )

    def add_arguments(self, parser):
        defaults = ScaleSpec()
        parser.add_argument("--articles", type=int, default=defaults.articles)
        parser.add_argument("--comments", type=int, default=defaults.comments)
        parser.add_argument("--contributors", type=int, default=defaults.contributors)
        parser.add_argument(
            "--readers", type=int, default=None, help="Reader accounts (default: one per 2,000 comments, 5 to 500)."
        )
        parser.add_argument(
            "--hot-comments",
            type=int,
            default=defaults.hot_comments,
            help="Approved comments on the newest synthetic article, the one to benchmark a long discussion with.",
        )
        parser.add_argument("--batch-size", type=int, default=defaults.batch_size, help="Articles per batch.")
        parser.add_argument("--seed", type=int, default=defaults.seed, help="Same seed, same content.")
        parser.add_argument("--years", type=int, default=defaults.years, help="Spread publication over N years.")
        parser.add_argument(
            "--index",
            action=argparse.BooleanOptionalAction,
            default=defaults.index,
            help=(
                "Also fill the search index for the synthetic articles and experts (default: off; about 9 ms per "
                "article on PostgreSQL, ~15 minutes for 100,000)."
            ),
        )
        parser.add_argument(
            "--reader-password", default=None, help="Give every reader this password (default: unusable passwords)."
        )
        parser.add_argument("--clear", action="store_true", help="First remove what an earlier run generated.")
        parser.add_argument("--clear-only", action="store_true", help="Remove what an earlier run generated; stop.")
        parser.add_argument("--index-only", action="store_true", help="Index what an earlier run generated; stop.")

    def handle(self, *args, **options):
        log = self.stdout.write
        started = time.perf_counter()
        try:
            if options["clear_only"]:
                counts = archive_clear(log=log)
                self.stdout.write(self.style.SUCCESS(f"Removed {sum(counts.values()):,} synthetic rows."))
                return
            if options["index_only"]:
                indexed = archive_index(batch_size=options["batch_size"], log=log)
                self.stdout.write(
                    self.style.SUCCESS(f"Indexed {indexed:,} articles in {time.perf_counter() - started:.1f} s.")
                )
                return
            spec = ScaleSpec(
                articles=options["articles"],
                comments=options["comments"],
                contributors=options["contributors"],
                readers=options["readers"],
                hot_comments=options["hot_comments"],
                batch_size=options["batch_size"],
                seed=options["seed"],
                years=options["years"],
                index=options["index"],
                reader_password=options["reader_password"],
            )
            summary = archive_generate(spec=spec, clear=options["clear"], log=log)
        except ScaleError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{count:,} {name}" for name, count in summary.counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Synthetic archive ready in {time.perf_counter() - started:.1f} s: {counts}.")
        )
        for phase, seconds in summary.timings.items():
            self.stdout.write(f"  {phase:<52} {seconds:7.1f} s")
        if summary.hot_article_url:
            self.stdout.write(f"Hot article ({spec.hot_comments:,} approved comments): {summary.hot_article_url}")
        if not spec.index:
            self.stdout.write(
                "Search index not filled: `manage.py scale_data --index-only` makes the synthetic articles searchable."
            )
