from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tribune.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import security_log

        security_log.connect()
