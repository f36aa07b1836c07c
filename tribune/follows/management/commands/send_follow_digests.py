from django.core.management.base import BaseCommand

from tribune.follows.alerts import send_daily_digests


class Command(BaseCommand):
    help = "Email readers with daily alerts the new articles from what they follow (each at most once a day)."

    def handle(self, *args, **options):
        sent = send_daily_digests()
        if options["verbosity"] > 1:
            self.stdout.write(f"{sent} digests queued.")
