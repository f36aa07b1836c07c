"""Topics (free tags chosen by editors) and countries (ISO 3166, loaded from pycountry)."""

from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel

from tribune.core.translated_fields import TranslatedFieldsMixin, translation_panels
from tribune.taxonomy.country_names import country_name


class Topic(TranslatedFieldsMixin, TagBase):
    translated_fields = ("name", "description")

    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), *translation_panels(translated_fields)]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("topic_detail", kwargs={"slug": self.slug})

    @property
    def local_name(self) -> str:
        """The name in the active edition's language (``name`` stays the original, which tagging matches)."""
        return self.localised("name")

    @property
    def local_description(self) -> str:
        return self.localised("description")


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2"))
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the active language, which reader pages show (``name`` stays the English one)."""
        return country_name(self.code, self.name, translation.get_language())

    def get_absolute_url(self) -> str:
        return reverse("country_detail", kwargs={"slug": self.slug})
