"""Runs Tribune's periodic commands (TRIBUNE_SCHEDULE) on a loop, so nothing needs cron in development.

By default: Wagtail's ``publish_scheduled`` (go-live and expiry times) every 15 seconds and the moderators'
``send_moderation_digest`` every hour. Production may run this command or the same commands from cron.
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

DEFAULT_SCHEDULE = [("publish_scheduled", 15), ("send_moderation_digest", 3600), ("apply_invalidations", 2)]


class Command(BaseCommand):
    help = "Run the periodic commands in TRIBUNE_SCHEDULE, each at its interval (seconds)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every command once and exit.")
        parser.add_argument("--tick", type=float, default=1.0, help="Seconds between checks (default 1).")

    def handle(self, *args, once=False, tick=1.0, **options):
        schedule = getattr(settings, "TRIBUNE_SCHEDULE", DEFAULT_SCHEDULE)
        next_run = {name: 0.0 for name, _ in schedule}
        while True:
            now = time.monotonic()
            for name, interval in schedule:
                if once or now >= next_run[name]:
                    try:
                        call_command(name, verbosity=0)
                    except Exception as error:  # noqa: BLE001 - one failing job must not stop the others
                        self.stderr.write(f"{name} failed: {error}")
                    next_run[name] = now + interval
            if once:
                return
            time.sleep(max(0.1, tick))
