"""The admin's account page leads to the site's account pages, where changes to the email address, the password and
two-factor authentication ask for a recent re-authentication (Wagtail's own forms for them are off)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets.button import Button

from . import admin_views


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


@hooks.register("register_admin_urls")
def personal_data_urls():
    urls = [
        path("<int:user_id>/export/", admin_views.export, name="export"),
        path("<int:user_id>/erase/", admin_views.erase, name="erase"),
    ]
    return [path("readers/", include((urls, "accounts_admin"), namespace="accounts_admin"))]


@hooks.register("register_user_listing_buttons")
def personal_data_buttons(user, request_user):
    buttons = []
    if request_user.has_perm(admin_views.EXPORT_PERMISSION):
        buttons.append(Button(_("Export data"), reverse("accounts_admin:export", args=[user.pk]), priority=60))
    if request_user.has_perm(admin_views.ERASE_PERMISSION) and not (user.is_staff or user.is_superuser):
        buttons.append(Button(_("Erase reader"), reverse("accounts_admin:erase", args=[user.pk]), priority=70))
    return buttons
