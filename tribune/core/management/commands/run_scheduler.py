"""Runs Wagtail's scheduled publishing on a loop, so go-live and expiry times are honoured without cron."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Publish and unpublish scheduled pages every --interval seconds "
        "(cron or a systemd timer running publish_scheduled works too)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=30, help="Seconds between runs (default 30).")
        parser.add_argument("--once", action="store_true", help="Run once and exit.")

    def handle(self, *args, interval=30, once=False, **options):
        while True:
            call_command("publish_scheduled", verbosity=0)
            if once:
                return
            time.sleep(max(1, interval))
