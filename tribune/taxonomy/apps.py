from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "tribune.taxonomy"
    label = "taxonomy"
    verbose_name = "Topics and countries"

    def ready(self):
        from tribune.core.translated_fields import use_translation_form

        use_translation_form(self.get_model("Topic"))
