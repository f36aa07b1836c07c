"""``manage.py backup DIRECTORY``: the database and the media, with a manifest (``operations.backups``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tribune.operations.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (a consistent snapshot, the site may keep running) and MEDIA_ROOT into a directory."

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, help="Directory the backup's own directory is created in.")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")
        parser.add_argument("--no-media", action="store_true", help="Leave MEDIA_ROOT out.")

    def handle(self, *args, destination, database, no_media, **options):
        try:
            directory = backup_create(destination=destination, using=database, media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(directory))
