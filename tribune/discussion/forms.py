from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReportReason


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 5}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # A field people never see: bots fill it in, and their comment is dropped.
    website = forms.CharField(required=False, label=_("Leave this field empty"))


class EditForm(forms.Form):
    body = forms.CharField(label=_("Edit your comment"), widget=forms.Textarea(attrs={"rows": 5}))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should moderators look at this comment?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Anything else (optional)"), required=False, max_length=300)
