from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tribune.editions.services import edition_add


class Command(BaseCommand):
    help = (
        "Open a language's edition: its Wagtail locale and published copies of the home page and the sections, for "
        "editors to translate. The language must be in TRIBUNE_LANGUAGES. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("language_code", help="a code listed in TRIBUNE_LANGUAGES, e.g. hi")

    def handle(self, *args, language_code: str, **options):
        try:
            result = edition_add(language_code=language_code.strip().lower())
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for page in result.translated:
            self.stdout.write(f"Translated {page.title!r}: {page.url}")
        for page in result.already_translated:
            self.stdout.write(f"Already there: {page.title!r}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Edition {result.locale.language_code}: {len(result.translated)} pages copied for translation, "
                f"{len(result.already_translated)} already there."
            )
        )
