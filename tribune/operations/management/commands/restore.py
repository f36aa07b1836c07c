"""``manage.py restore BACKUP_DIRECTORY``: checks, replaces the database and the media, forgets every cache."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tribune.operations.backups import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: every part's checksum is verified first; then the database and "
        "MEDIA_ROOT are replaced and every cache (page cache, fragments, the edge) is forgotten."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="The backup's directory (it holds manifest.json).")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")
        parser.add_argument("--no-media", action="store_true", help="Leave MEDIA_ROOT as it is.")
        parser.add_argument("--check", action="store_true", help="Only verify the backup's checksums.")
        parser.add_argument(
            "--allow-unknown-migrations",
            action="store_true",
            help="Restore a backup made by a release with migrations this code does not have.",
        )
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, source, database, no_media, check, allow_unknown_migrations, interactive, **options):
        try:
            manifest = backup_verify(source)
            if check:
                self.stdout.write(f"{source}: every part matches its checksum (made {manifest['created']}).")
                return
            if interactive:
                answer = input(f"Replace the database{'' if no_media else ' and the media'} with {source}? [y/N] ")
                if answer.strip().lower() not in {"y", "yes"}:
                    raise CommandError("Nothing restored.")
            manifest = backup_restore(
                source=source,
                using=database,
                media=not no_media,
                allow_unknown_migrations=allow_unknown_migrations,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup made {manifest['created']}; every cache forgotten.")
        self.stdout.write("Run `manage.py migrate` if this release has migrations newer than the backup.")
