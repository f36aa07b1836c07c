"""The admin's account page leads to the site's account pages, where changes to the email address, the password and
two-factor authentication ask for a recent re-authentication (Wagtail's own forms for them are off)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks


@hooks.register("register_account_menu_item")
def email_addresses_item(request):
    return {
        "url": reverse("account_email"),
        "label": _("Email addresses"),
        "help_text": _("Add, confirm or remove your addresses and choose the one we write to."),
    }


@hooks.register("register_account_menu_item")
def password_item(request):
    return {
        "url": reverse("account_change_password"),
        "label": _("Change password"),
        "help_text": _("Asks for your current password or a two-factor code first."),
    }


@hooks.register("register_account_menu_item")
def two_factor_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Two-factor authentication"),
        "help_text": _("Set up an authenticator app or make new recovery codes."),
    }
