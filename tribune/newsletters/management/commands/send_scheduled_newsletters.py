from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Hand newsletter issues whose sending time has come to the task worker (run by run_scheduler)."

    def handle(self, *args, **options):
        from tribune.newsletters.sending import scheduled_issues_enqueue

        self.stdout.write(f"{scheduled_issues_enqueue()} issue(s) queued for sending.")
