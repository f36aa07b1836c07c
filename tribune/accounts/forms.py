from allauth.account.forms import SignupForm

from django import forms
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .mail import edition_language
from .names import display_name_clean


class ReaderSignupForm(SignupForm):
    """Registration: email, password, and the name shown with the reader's comments."""

    display_name = forms.CharField(
        label=_("Display name"), max_length=60, help_text=_("Shown with your comments. You can change it later.")
    )

    def clean_display_name(self):
        return display_name_clean(self.cleaned_data["display_name"])

    def try_save(self, request):
        # A taken address makes no account (allauth mails its owner), but the password is hashed all the same, so
        # the answer takes as long as a new account's: timing does not tell which addresses have accounts.
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)

    def save(self, request):
        user = super().save(request)
        user.display_name = self.cleaned_data["display_name"]
        # Emails follow the edition the reader signed up in, until they choose another on their profile.
        user.language = edition_language(translation.get_language()) or ""
        user.save(update_fields=["display_name", "language"])
        return user


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=60)
    notify_replies = forms.BooleanField(label=_("Email me when someone replies to my comments"), required=False)
    language = forms.ChoiceField(
        label=_("Language of emails"), help_text=_("The language Tribune writes to you in."), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user  # whose name it is: an expert's linked account may use the expert's name
        self.fields["language"].choices = settings.LANGUAGES

    def clean_display_name(self):
        return display_name_clean(self.cleaned_data["display_name"], user=self.user)


class DeleteAccountForm(forms.Form):
    KEEP, DELETE = "keep", "delete"
    comments = forms.ChoiceField(
        label=_("What should happen to your comments?"),
        choices=[
            (KEEP, _("Keep them, shown as “Former reader” (your name is removed)")),
            (DELETE, _("Delete them (replies to them stay, under a “deleted” placeholder)")),
        ],
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(label=_("I understand that deleting my account cannot be undone"))
