from django.apps import AppConfig


class ContributorsConfig(AppConfig):
    name = "tribune.contributors"
    label = "contributors"
    verbose_name = "Contributors"

    def ready(self):
        from tribune.accounts.names import reserved_names_source
        from tribune.core.translated_fields import use_translation_form

        from .names import expert_names_kept_from

        reserved_names_source(expert_names_kept_from)
        use_translation_form(self.get_model("Contributor"))
        use_translation_form(self.get_model("Expertise"))
