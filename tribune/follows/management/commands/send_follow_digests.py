from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Queue the daily alert emails for the task worker: each reader with daily alerts who is due gets the new "
        "articles from what they follow (each at most once a day)."
    )

    def handle(self, *args, **options):
        from tribune.follows.tasks import daily_digests

        daily_digests.enqueue()
        if options["verbosity"] > 1:
            self.stdout.write("Daily digests queued.")
