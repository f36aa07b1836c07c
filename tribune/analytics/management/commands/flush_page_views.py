"""Queue the flush of buffered page views for the task worker (in TRIBUNE_SCHEDULE, every minute)."""

from django.core.management.base import BaseCommand

from tribune.analytics.services import page_views_flush
from tribune.analytics.tasks import flush_page_views


class Command(BaseCommand):
    help = "Queue the task that writes the page views buffered in Redis to the database (--now: write them here)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="write them in this process instead of queueing")

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(f"{page_views_flush()} views written")
        else:
            flush_page_views.enqueue()
