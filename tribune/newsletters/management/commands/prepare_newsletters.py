from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Build and schedule the automatic issues that are due: daily lists once a day, weekly lists once a week "
        "(run by run_scheduler; a list with nothing new since its last issue sends nothing)."
    )

    def handle(self, *args, **options):
        from tribune.newsletters.services import automatic_issues_prepare

        issues = automatic_issues_prepare()
        self.stdout.write(f"{len(issues)} issue(s) scheduled: {', '.join(issue.subject for issue in issues) or '-'}")
