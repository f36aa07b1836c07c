"""``manage.py maintenance on|off|status``: the site-wide read-only switch (tribune/core/maintenance.py)."""

from django.core.management.base import BaseCommand

from tribune.core import maintenance


class Command(BaseCommand):
    help = "Switch read-only maintenance mode on or off for every process, or show where it is switched on."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["on", "off", "status"])

    def handle(self, *args, action, **options):
        if action in ("on", "off"):
            maintenance.set_read_only(action == "on")
        sources = maintenance.read_only_sources()
        if sources:
            self.stdout.write(f"Read-only maintenance mode is ON ({', '.join(sources)}).")
            self.stdout.write(f"Flag file: {maintenance.flag_file()}")
        else:
            self.stdout.write("Read-only maintenance mode is off.")
        if action == "off" and maintenance.SETTING in sources:
            self.stderr.write("TRIBUNE_READ_ONLY is set in the environment: unset it and restart to end maintenance.")
