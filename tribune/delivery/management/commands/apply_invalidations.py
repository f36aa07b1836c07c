"""Applies the cache invalidations still pending (Redis was down or hung when their change committed), and clears a
shared cache found behind the database (Redis restarted from older data). Run every few seconds by run_scheduler."""

from django.core.management.base import BaseCommand, CommandError

from tribune.delivery import invalidation


class Command(BaseCommand):
    help = "Apply pending page-cache invalidations until the shared cache acknowledges them."

    def handle(self, *args, **options):
        if not invalidation.apply_pending():
            # Non-zero, so a cron line or the scheduler's log shows that the shared cache is still away.
            raise CommandError("the shared cache did not acknowledge every pending invalidation; will retry")
        if options["verbosity"] > 1:
            self.stdout.write("every invalidation is applied")
