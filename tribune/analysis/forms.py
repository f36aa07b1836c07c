"""Forms of the analysis screens: an editor's decision on a suggestion, the entity form (other names one per line),
and the choice of the entity another is merged into. All plain forms: they work without JavaScript."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from tribune.analysis.extraction.slugs import slugify
from tribune.core.forms import BoundedIntegersMixin, WellFormedPostMixin

from .models import Entity, EntitySource

ALIAS_MAX_LENGTH = 200
ALIASES_MAX = 50
KEY_TAKEN = _("Another entity already has the key “%(key)s”: choose another slug.")
ALIAS_TOO_LONG = _("Keep each name to %(limit)d characters.")
TOO_MANY_ALIASES = _("Give at most %(limit)d other names.")


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
