from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "tribune.frontend"
    label = "frontend"
    verbose_name = "Frontend"

    def ready(self) -> None:
        from tribune.frontend import checks  # noqa: F401  (registers the settings checks)
