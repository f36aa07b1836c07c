from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NewsletterList


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label=_("Your email address"), max_length=254, error_messages={"required": _("Enter a valid email address.")}
    )
    newsletters = forms.ModelMultipleChoiceField(
        label=_("Newsletters"),
        queryset=NewsletterList.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="slug",
        error_messages={"required": _("Choose at least one newsletter.")},
    )
