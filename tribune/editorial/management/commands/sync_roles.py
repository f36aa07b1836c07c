from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create or complete Tribune's roles (groups and permissions) and review workflows. Runs after migrate too."

    def handle(self, *args, **options):
        from tribune.editorial.roles import roles_sync
        from tribune.editorial.workflows import workflows_sync

        groups = roles_sync()
        workflows = workflows_sync()
        self.stdout.write(self.style.SUCCESS(f"Roles: {', '.join(groups)}. Workflows: {len(workflows)}."))
