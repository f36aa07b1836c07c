"""Runs Tribune's periodic commands (TRIBUNE_SCHEDULE) on a loop, so nothing needs cron in development.

By default: Wagtail's ``publish_scheduled`` (go-live and expiry times) every 15 seconds and the moderators'
``send_moderation_digest`` every hour. Production may run this command or the same commands from cron.

It lives through database restarts: a command that fails because the database is unavailable closes the
connections (a connection the server closed stays closed: "the connection is closed" every 15 s, forever, was the
old behaviour) and is tried again after a back-off of 0.5 s doubling to 15 s, not its full interval, so a go-live
due during the outage happens within seconds of the database's return. An outage is logged once when it starts and
once when it ends. Each run is recorded for the liveness summary (``core.liveness``). Nothing runs while the site
is in read-only maintenance (``core.maintenance``): a go-live due meanwhile happens when it ends.
"""

import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError

from tribune.core import liveness
from tribune.core.maintenance import MaintenancePause
from tribune.core.outages import DATABASE_UNAVAILABLE, Backoff, Outage, forget_connections, refresh_connections

DEFAULT_SCHEDULE = [("publish_scheduled", 15), ("send_moderation_digest", 3600), ("apply_invalidations", 2)]

logger = logging.getLogger("tribune.scheduler")


class Command(BaseCommand):
    help = "Run the periodic commands in TRIBUNE_SCHEDULE, each at its interval (seconds)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every command once and exit.")
        parser.add_argument("--tick", type=float, default=1.0, help="Seconds between checks (default 1).")
        parser.add_argument(
            "--max-loops", type=int, default=None, help="Exit after this many checks (for tests and bounded runs)."
        )

    def handle(self, *args, once=False, tick=1.0, max_loops=None, **options):
        schedule = getattr(settings, "TRIBUNE_SCHEDULE", DEFAULT_SCHEDULE)
        next_run = {name: 0.0 for name, _ in schedule}
        backoff = Backoff()
        outage = Outage(logger, "Scheduler")
        maintenance = MaintenancePause(logger, "Scheduler")
        loops = 0
        while True:
            loops += 1
            now = time.monotonic()
            holding = maintenance.holding()  # read-only maintenance: nothing runs (a go-live waits for its end)
            for name, interval in schedule:
                if holding or not (once or now >= next_run[name]):
                    continue
                next_run[name] = now + interval
                try:
                    refresh_connections()
                    call_command(name, verbosity=0)
                except DATABASE_UNAVAILABLE as error:
                    outage.failed(error)
                    forget_connections()
                    liveness.record_run(name, ok=False, error=f"{type(error).__name__}: {error}")
                    forget_connections()
                    next_run[name] = now + min(interval, backoff.next_delay())
                except Exception as error:  # noqa: BLE001 - one failing job must not stop the others
                    self.stderr.write(f"{name} failed: {error}")
                    if isinstance(error, DatabaseError):
                        forget_connections()  # a connection an error left unusable must not be reused
                    liveness.record_run(name, ok=False, error=f"{type(error).__name__}: {error}")
                else:
                    if outage.ongoing:
                        outage.recovered()
                        backoff.reset()
                    liveness.record_run(name, ok=True)
            if once or (max_loops is not None and loops >= max_loops):
                return
            time.sleep(max(0.1, tick))
