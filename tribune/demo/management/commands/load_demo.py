import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from tribune.demo.loader import demo_accounts_ensure, demo_discussion_ensure, index_updates_deferred, outlet_build
from tribune.demo.readers import reader_follows_ensure


class Command(BaseCommand):
    help = (
        "Load Tribune's demo outlet (sections, experts, articles, series, images) and the editions of the enabled "
        "languages (TRIBUNE_LANGUAGES). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when articles already exist.")
        parser.add_argument("--no-accounts", action="store_true", help="Skip the demo accounts.")

    def handle(self, *args, if_empty=False, no_accounts=False, **options):
        logging.getLogger("wagtail").setLevel(logging.WARNING)  # one progress line per step, not per revision
        from tribune.newsroom.models import ArticlePage

        if if_empty and ArticlePage.objects.exists():
            self.stdout.write("Demo content already present; nothing to do.")
            return

        def log(line):
            self.stdout.write(f"  {line}")

        # Everything below queues no index task: both indexes are rebuilt once, at the end.
        with index_updates_deferred(log=log):
            summary = outlet_build(log=log)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo outlet ready: {summary['articles']} articles ({summary['created']} new), "
                    f"{summary['contributors']} experts, {summary['sections']} sections."
                )
            )
            for code, edition in summary["editions"].items():
                self.stdout.write(
                    f"Edition {code}: {edition['translated']} new translations, {edition['originals']} new originals, "
                    f"{edition['profiles']} profiles and {edition['topics']} topics translated."
                )
            if no_accounts:
                return
            if not settings.DEBUG:
                self.stdout.write("DEBUG is off: demo accounts were not created.")
                return
            accounts = demo_accounts_ensure()
            self.stdout.write("Demo accounts (sign in at /admin/; password from TRIBUNE_DEMO_PASSWORD or the README):")
            for username, role in accounts:
                self.stdout.write(f"  {username:<12} {role}")
            demo_discussion_ensure(log=log)
            reader_follows_ensure(log=log)
