import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Stop all newsletters to addresses that bounced hard or complained: give them as arguments, or one per line "
        "on standard input (e.g. an export of your mail provider's suppression list)."
    )

    def add_arguments(self, parser):
        parser.add_argument("addresses", nargs="*")

    def handle(self, *args, addresses, **options):
        from tribune.newsletters.services import suspend

        addresses = addresses or [line.strip() for line in sys.stdin if line.strip()]
        suspended = sum(suspend(address) for address in addresses)
        self.stdout.write(f"{len(addresses)} address(es) read, {suspended} subscription(s) suspended.")
