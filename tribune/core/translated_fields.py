"""Text of a non-page object in each edition's language: an expert's role and biography, a topic's name.

Pages are translated as pages (Wagtail's locales: a translation is a page of its own, with its own workflow). An
expert, a topic or an area of expertise is *one* thing in every edition: one account, one byline, one address
under each edition's prefix. Only the words about it change, so they are kept on the object itself, one JSON map per
language (``{"hi": {"role": "…", "bio": "…"}}``), the way django-modeltrans stores them: a new edition needs no
migration, reading a translation costs no query (a byline on a card stays one join), and the translations go through
the object's own revisions, workflow and preview with the rest of its fields. (django-modeltrans itself needs
PostgreSQL; django-modeltranslation adds a column per language, so a new edition would need a migration.)

``localised(field)`` gives the active edition's text, falling back to the source text where a field is untranslated;
reader templates use it through the models' ``local_*`` properties. Editors write translations in the admin forms
that ``use_translation_form`` builds: one group of fields per edition after the default one.
"""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


def is_known(code: str) -> bool:
    return code in dict(settings.LANGUAGES)


def translation_languages() -> list[str]:
    """The editions whose text editors may translate: every enabled language after the default one."""
    return list(settings.TRIBUNE_LANGUAGES[1:])


def form_field_name(language: str, field: str) -> str:
    return f"translation_{language.replace('-', '_')}_{field}"


class TranslatedFieldsMixin(models.Model):
    """Adds ``translations`` and ``localised()``; a model names its translatable fields in ``translated_fields``."""

    translated_fields: tuple[str, ...] = ()

    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_("Text shown in the other editions, by language; empty fields show the original text."),
    )

    class Meta:
        abstract = True

    def localised(self, field: str, language: str | None = None) -> str:
        """``field`` as the edition of ``language`` (the active one by default) shows it."""
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        original = getattr(self, field)
        if language == settings.LANGUAGE_CODE or not isinstance(self.translations, dict):
            return original
        text = (self.translations.get(language) or {}).get(field)
        return text if isinstance(text, str) and text.strip() else original

    def translated_languages(self) -> list[str]:
        """Languages with at least one translated field, for the admin listing and the translation board."""
        if not isinstance(self.translations, dict):
            return []
        return [
            language
            for language, fields in self.translations.items()
            if isinstance(fields, dict) and any(isinstance(v, str) and v.strip() for v in fields.values())
        ]

    @admin.display(description=_("translated into"))
    def translated_into(self) -> str:
        """The admin listings' column: "हिन्दी, Русский"."""
        names = [get_language_info(code)["name_local"] for code in self.translated_languages() if is_known(code)]
        return ", ".join(names) or "—"


class TranslatedFieldsForm(WagtailAdminModelForm):
    """Reads and writes ``translations`` through one form field per (language, field); see ``use_translation_form``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.translations if isinstance(self.instance.translations, dict) else {}
        for language in translation_languages():
            for field in self._meta.model.translated_fields:
                name = form_field_name(language, field)
                if name in self.fields and not self.is_bound:
                    self.initial[name] = (stored.get(language) or {}).get(field, "")

    def save(self, commit=True):
        stored = dict(self.instance.translations) if isinstance(self.instance.translations, dict) else {}
        for language in translation_languages():
            text = {}
            for field in self._meta.model.translated_fields:
                name = form_field_name(language, field)
                if name in self.cleaned_data and (self.cleaned_data[name] or "").strip():
                    text[field] = self.cleaned_data[name].strip()
            if text:
                stored[language] = text
            else:
                stored.pop(language, None)
        self.instance.translations = stored
        return super().save(commit=commit)


def use_translation_form(model) -> None:
    """Give ``model``'s admin forms the translation fields, declared on the form class itself (Wagtail builds its
    edit form from the panels' field names, which must exist there) for every edition configured when the code
    loads. Called from the app's ``ready()``: a rich-text form field needs the models loaded."""
    base = getattr(model, "base_form_class", None) or WagtailAdminModelForm
    attrs = {"__module__": model.__module__}
    for language in translation_languages():
        for field in model.translated_fields:
            model_field = model._meta.get_field(field)
            form_field = model_field.formfield(required=False)
            form_field.help_text = ""
            attrs[form_field_name(language, field)] = form_field
    model.base_form_class = type(f"{model.__name__}Form", (TranslatedFieldsForm, base), attrs)


def translation_panels(fields: tuple[str, ...]) -> list[MultiFieldPanel]:
    """One collapsed group per edition, after the original text."""
    panels = []
    for language in translation_languages():
        info = get_language_info(language)
        heading = format_lazy(_("{language} edition"), language=info["name_local"])
        panels.append(
            MultiFieldPanel(
                [FieldPanel(form_field_name(language, field)) for field in fields],
                heading=heading,
                classname="collapsed",
            )
        )
    return panels
