from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Email moderators a digest of pending and reported comments (run hourly from cron or a timer)."

    def handle(self, *args, **options):
        from tribune.discussion.notifications import moderation_digest

        waiting = moderation_digest()
        self.stdout.write(f"{waiting} comment(s) waiting; digest {'sent' if waiting else 'not needed'}.")
