"""Forms of the analysis screens: an editor's decision on a suggestion, the entity form (other names one per line),
the choice of the entity another is merged into, the key figure form, and an accepted figure saved as a key figure
or linked to one. All plain forms: they work without JavaScript."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from tribune.analysis.extraction.slugs import slugify
from tribune.core.forms import BoundedIntegersMixin, WellFormedPostMixin

from .models import Entity, EntitySource, KeyFigure

ALIAS_MAX_LENGTH = 200
ALIASES_MAX = 50
KEY_TAKEN = _("Another entity already has the key “%(key)s”: choose another slug.")
ALIAS_TOO_LONG = _("Keep each name to %(limit)d characters.")
TOO_MANY_ALIASES = _("Give at most %(limit)d other names.")
AS_OF_BEFORE_CURRENT = _(
    "The current value holds as of %(date)s: give that date to correct it, or a later one for a new value."
)
ENTITY_TWICE = _("“%(name)s” is listed twice.")


class DecisionForm(BoundedIntegersMixin, forms.Form):
    TARGETS = (("entity", _("Entity")), ("figure", _("Figure")))
    DECISIONS = (("accept", _("Accept")), ("reject", _("Reject")))

    target = forms.ChoiceField(choices=TARGETS)
    id = forms.IntegerField(min_value=1)
    decision = forms.ChoiceField(choices=DECISIONS)


class AliasesField(forms.CharField):
    """A list of names, edited as lines of text."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        names = []
        for line in (value or "").splitlines():
            name = " ".join(line.split())
            if name and name not in names:
                names.append(name)
        if any(len(name) > ALIAS_MAX_LENGTH for name in names):
            raise ValidationError(ALIAS_TOO_LONG, params={"limit": ALIAS_MAX_LENGTH})
        if len(names) > ALIASES_MAX:
            raise ValidationError(TOO_MANY_ALIASES, params={"limit": ALIASES_MAX})
        return names


class EntityForm(WellFormedPostMixin, WagtailAdminModelForm):
    """Editors name entities and add the other ways articles name them. The kind is chosen once: the key
    (``kind:slug``, set when the entity is added) never changes, so links to it keep working. Saved here, an entity
    counts as the editors' (its name and other names feed the knowledge base)."""

    aliases = AliasesField(
        label=_("Other names"),
        required=False,
        help_text=_("One per line: other ways articles name it (“Islamabad”, “the Fund”)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "kind" in self.fields:
            self.fields["kind"].disabled = True
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind") or self.instance.kind
        slug = cleaned.get("slug") or slugify(cleaned.get("name") or "")
        if "slug" in self.fields and kind and slug:
            cleaned["slug"] = slug
            self.instance.slug = slug
            if not self.instance.pk:
                key = f"{kind}:{slug}"
                if Entity.objects.filter(key=key).exists():
                    self.add_error("slug", ValidationError(KEY_TAKEN, params={"key": key}))
                self.instance.key = key
        return cleaned

    def save(self, commit=True):
        self.instance.source = EntitySource.EDITOR
        return super().save(commit=commit)


class MergeForm(BoundedIntegersMixin, forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Entity.objects.none(),
        help_text=_(
            "The entity that stays. Articles, mentions and quotes move to it; this one's names become its other names."
        ),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = candidates


class KeyFigureForm(WellFormedPostMixin, WagtailAdminModelForm):
    """The key figure in the admin. Its value, date and source are the current value: a later date records a new
    value (the old one stays in the history), the same date corrects it; an earlier date is refused here, because
    it would not be the current value."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["value"] = format(self.instance.value.normalize(), "f")  # 42.5, not 42.500000

    def clean(self):
        cleaned = super().clean()
        as_of = cleaned.get("as_of")
        if self.instance.pk and as_of and as_of < self.instance.as_of:
            self.add_error("as_of", ValidationError(AS_OF_BEFORE_CURRENT, params={"date": self.instance.as_of}))
        formset = self.formsets.get("entity_links")
        if formset is not None:
            seen = set()
            for form in formset.forms:
                entity = getattr(form, "cleaned_data", {}).get("entity")
                if entity is None or formset.can_delete and form.cleaned_data.get("DELETE"):
                    continue
                if entity.pk in seen:
                    form.add_error("entity", ValidationError(ENTITY_TWICE, params={"name": entity.name}))
                seen.add(entity.pk)
        return cleaned


class KeyFigureFromFigureForm(BoundedIntegersMixin, forms.Form):
    """An accepted figure saved as a new key figure, prefilled from the figure (``initial_for``)."""

    LABEL_LENGTH = 120

    figure = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    label = forms.CharField(label=_("Label"), max_length=200, help_text=_("What the figure measures."))
    value = forms.DecimalField(label=_("Value"), max_digits=30, decimal_places=6)
    as_of = forms.DateField(
        label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), input_formats=["%Y-%m-%d"]
    )
    source = forms.CharField(label=_("Source"), max_length=200, help_text=_("Who published the figure."))
    source_url = forms.URLField(label=_("Source address"), max_length=500, required=False, assume_scheme="https")
    entities = forms.ModelMultipleChoiceField(
        label=_("About"),
        queryset=Entity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Named in the figure's sentence; the key figure shows on their pages."),
    )

    def __init__(self, *args, entities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entities"].queryset = Entity.objects.filter(pk__in=[entity.pk for entity in entities])
        # The choices drawn from the list at hand: no query to show the form.
        self.fields["entities"].choices = [(entity.pk, entity.name) for entity in entities]

    @classmethod
    def initial_for(cls, figure, *, as_of, entities) -> dict:
        sentence = " ".join(figure.sentence.split())
        label = sentence if len(sentence) <= cls.LABEL_LENGTH else sentence[: cls.LABEL_LENGTH].rsplit(" ", 1)[0] + "…"
        return {
            "figure": figure.pk,
            "label": label or figure.text,
            "value": format(figure.value.normalize(), "f"),
            "as_of": as_of,
            "entities": [entity.pk for entity in entities],
        }


def key_figure_choice(key_figure: KeyFigure) -> str:
    return _("%(label)s (%(value)s %(unit)s, %(date)s)") % {
        "label": key_figure.label,
        "value": key_figure.value_display,
        "unit": key_figure.unit,
        "date": date_format(key_figure.as_of),
    }


class FigureLinkForm(BoundedIntegersMixin, forms.Form):
    """Link an accepted figure to a key figure of its unit, or unlink it."""

    ACTIONS = (("link", _("Link")), ("unlink", _("Unlink")))

    figure = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=ACTIONS, initial="link")
    key_figure = forms.ModelChoiceField(label=_("Key figure"), queryset=KeyFigure.objects.none(), required=False)

    def __init__(self, *args, unit: str, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only key figures counted in the figure's unit are valid; the choices drawn from ``candidates`` when given
        # (the analysis screen reads them for all its figures at once).
        self.fields["key_figure"].queryset = KeyFigure.objects.filter(unit=unit)
        if candidates is not None:
            self.fields["key_figure"].choices = [
                (key_figure.pk, key_figure_choice(key_figure)) for key_figure in candidates
            ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "link" and not cleaned.get("key_figure") and "key_figure" not in self.errors:
            self.add_error("key_figure", ValidationError(self.fields["key_figure"].error_messages["required"]))
        return cleaned
