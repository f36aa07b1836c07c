from django.apps import AppConfig


class FollowsConfig(AppConfig):
    name = "tribune.follows"
    label = "follows"
    verbose_name = "Follows"

    def ready(self):
        from tribune.accounts.personal_data import register_personal_data

        from . import personal_data, signal_handlers

        register_personal_data("follows", personal_data.FOLLOWS_DESCRIPTION, personal_data.follows)
        register_personal_data("saved_articles", personal_data.SAVED_DESCRIPTION, personal_data.saved_articles)
        register_personal_data("follow_alerts", personal_data.ALERTS_DESCRIPTION, personal_data.alert_emails)
        signal_handlers.register()
