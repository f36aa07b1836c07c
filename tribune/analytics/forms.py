"""The dashboard's and the article panel's GET filters. Whatever arrives in the query string, the screens get valid
values: a field that does not validate falls back to its default, never to an error page."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tribune.contributors.models import Contributor
from tribune.newsroom.models import SectionPage

from .selectors import DEFAULT_PERIOD, PERIODS


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, section):
        # The editions' sections share their names in translation; the language tells them apart.
        language = section.locale.language_code
        return section.title if language == settings.LANGUAGE_CODE else f"{section.title} ({language})"


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Period"),
        # Called for each form, so the labels are in the language of the request.
        choices=lambda: [(days, gettext("Last %(days)s days") % {"days": days}) for days in PERIODS],
        coerce=int,
        required=False,
    )

    @classmethod
    def cleaned(cls, data, **kwargs) -> dict:
        """The valid values of ``data``, each invalid or missing one replaced by its default."""
        form = cls(data, **kwargs)
        form.is_valid()
        values = {name: form.cleaned_data.get(name) for name in form.fields}
        values["days"] = values["days"] or DEFAULT_PERIOD
        return values

    @classmethod
    def showing(cls, values: dict, **kwargs) -> "PeriodForm":
        """A form drawn with the values in use (not the rejected ones that came in)."""
        return cls(initial=values, **kwargs)


class DashboardFilterForm(PeriodForm):
    section = SectionChoiceField(
        label=_("Section"),
        queryset=SectionPage.objects.select_related("locale").order_by("locale_id", "path"),
        required=False,
        empty_label=_("All sections"),
    )
    expert = forms.ModelChoiceField(
        label=_("Expert"),
        queryset=Contributor.objects.filter(bylines__isnull=False).distinct().only("id", "name").order_by("name"),
        required=False,
        empty_label=_("All experts"),
    )
