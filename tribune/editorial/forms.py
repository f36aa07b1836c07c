"""Forms for the editorial screens. They shape and bound the input; the services decide who may do what."""

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tribune.accounts.mail import edition_language
from tribune.core.forms import BoundedIntegersMixin
from tribune.newsroom.models import SectionPage

from . import services
from .models import Invitation, Pitch, PitchMessage

PASSWORDS_DIFFER = "The two passwords do not match."

MESSAGE_MAX_LENGTH = PitchMessage._meta.get_field("text").max_length


def _sections_queryset(sections: list[SectionPage]):
    return SectionPage.objects.filter(pk__in=[section.pk for section in sections]).order_by("title")


class PitchForm(BoundedIntegersMixin, forms.ModelForm):
    expected_length = forms.IntegerField(
        label=_("Expected length (words)"),
        min_value=services.PITCH_MIN_WORDS,
        max_value=services.PITCH_MAX_WORDS,
        initial=1200,
        help_text=format_lazy(
            _("Between {min} and {max} words."), min=services.PITCH_MIN_WORDS, max=services.PITCH_MAX_WORDS
        ),
    )

    class Meta:
        model = Pitch
        fields = ["working_title", "summary", "angle", "why_now", "section", "expected_length"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "angle": forms.Textarea(attrs={"rows": 4}),
            "why_now": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, sections: list[SectionPage], **kwargs):
        super().__init__(*args, **kwargs)
        section_field = self.fields["section"]
        section_field.queryset = _sections_queryset(sections)
        section_field.error_messages["invalid_choice"] = services.NOT_ASSIGNED_TO_SECTION
        if len(sections) == 1:
            section_field.initial = sections[0].pk


class AcceptForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the author (optional)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": services.REASON_REQUIRED},
        help_text=_("The author receives this by email."),
    )


class AskForm(forms.Form):
    question = forms.CharField(
        label=_("Question"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": services.QUESTION_REQUIRED},
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": services.REPLY_REQUIRED},
    )


class WithdrawForm(forms.Form):
    """Nothing to fill in: the button is the decision."""


class InvitationForm(BoundedIntegersMixin, forms.ModelForm):
    sections = forms.ModelMultipleChoiceField(
        label=_("Sections"),
        queryset=SectionPage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": services.SECTIONS_REQUIRED},
        help_text=_("The expert may pitch and write for these sections."),
    )
    language = forms.ChoiceField(
        required=False,  # the outlet's default language
        label=_("Language"),
        help_text=_("The invitation is written in it, and the expert's emails from Tribune will be too."),
    )

    class Meta:
        model = Invitation
        fields = ["name", "email"]

    def __init__(self, *args, sections: list[SectionPage], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].queryset = _sections_queryset(sections)
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["language"].initial = edition_language(translation.get_language()) or settings.LANGUAGE_CODE


class InvitationAcceptForm(forms.Form):
    """Choose a password. Its strength is judged by the service, with Django's password validators."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Confirm password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Enter the same password again."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_validators_help_text_html()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", PASSWORDS_DIFFER)
        return cleaned
