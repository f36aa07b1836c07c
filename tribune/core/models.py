"""Abstract building blocks shared by Tribune's page types."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class SocialMetaMixin(models.Model):
    """Search-engine and social-sharing fields that every public page type carries."""

    social_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared; defaults to the lead image."),
    )
    canonical_url = models.URLField(
        _("canonical URL"),
        blank=True,
        help_text=_("Only when this page republishes content that lives elsewhere."),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("social_image"), FieldPanel("canonical_url")], heading=_("Sharing")),
    ]

    class Meta:
        abstract = True

    def get_social_image(self):
        return self.social_image

    def get_canonical_url(self, request=None) -> str:
        return self.canonical_url or self.get_full_url(request)

    def get_meta_description(self) -> str:
        return self.search_description
