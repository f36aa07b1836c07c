"""Tribune's image model: every photo carries its caption, credit, licence and the year it was taken."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class TribuneImage(AbstractImage):
    caption = models.CharField(_("caption"), max_length=400, blank=True)
    agency = models.CharField(_("agency"), max_length=120, blank=True, help_text=_("e.g. Meridian Photo Agency"))
    photographer = models.CharField(_("photographer"), max_length=120, blank=True)
    year_taken = models.PositiveSmallIntegerField(
        _("year taken"), null=True, blank=True, help_text=_("Used to label file photos on newer articles.")
    )
    licence = models.CharField(
        _("licence"), max_length=120, blank=True, help_text=_("e.g. All rights reserved, CC BY 4.0")
    )
    source_url = models.URLField(_("source"), blank=True, help_text=_("Where the picture came from, for the record."))

    admin_form_fields = (
        *Image.admin_form_fields,
        "caption",
        "agency",
        "photographer",
        "year_taken",
        "licence",
        "source_url",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]

    @property
    def alt_text(self) -> str:
        # Wagtail's own description field is the image's alt text.
        return self.description or ""

    @property
    def credit_line(self) -> str:
        """The credit as printed under a photo: "© AGENCY 2023 / PHOTOGRAPHER"."""
        owner = " ".join(part for part in (self.agency.upper(), str(self.year_taken or "")) if part)
        parts = [f"© {owner}" if owner else "", self.photographer.upper()]
        return " / ".join(part for part in parts if part)

    def is_file_photo_for(self, published: datetime.date | datetime.datetime | None, max_age_days: int) -> bool:
        """True when the photo was taken well before ``published`` (a year-only date counts from its end)."""
        if not self.year_taken or published is None:
            return False
        if isinstance(published, datetime.datetime):
            published = published.date()
        latest_possible_day = datetime.date(self.year_taken, 12, 31)
        return (published - latest_possible_day).days > max_age_days


class TribuneRendition(AbstractRendition):
    image = models.ForeignKey(TribuneImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
