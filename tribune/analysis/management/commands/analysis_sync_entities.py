from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create or refresh the analysis entities: every entity of the extraction's seed (countries, organisations, "
        "regions, people) and every published expert. Idempotent; also run after every migrate."
    )

    def handle(self, *args, **options):
        from tribune.analysis.services import entities_sync

        result = entities_sync()
        self.stdout.write(
            f"Entities: {result.created} created, {result.updated} updated; {result.contributors} experts in step."
        )
