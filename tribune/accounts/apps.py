from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tribune.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import security_log, sessions

        security_log.connect()
        sessions.connect()
