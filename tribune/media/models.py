"""Tribune's image model: every photo carries its caption, credit, licence and the year it was taken."""

import datetime
import logging
import os
import secrets

from PIL import Image

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, SourceImageIOError
from wagtail.images.models import Image as WagtailImage

from .metadata import strip_metadata

logger = logging.getLogger(__name__)


# The extensions a stored original may keep (lower-cased); anything else is stored as .bin (and refused by the
# content checks anyway). Servers that choose the Content-Type by extension (nginx, WhiteNoise) need the real one.
STORED_EXTENSIONS = {"avif", "gif", "heic", "jpeg", "jpg", "png", "webp"}


def generated_file_name(uploaded_name: str) -> str:
    """A name for a stored original that Tribune makes (ASVS 5.0 V5.3.2): nothing a contributor typed reaches the file
    system or the addresses of the original and its renditions, and two uploads never collide."""
    extension = os.path.splitext(uploaded_name)[1].lower().lstrip(".")
    return f"{secrets.token_hex(10)}.{extension if extension in STORED_EXTENSIONS else 'bin'}"


def keep_original_metadata() -> bool:
    """``TRIBUNE_IMAGE_KEEP_ORIGINAL_METADATA``: keep uploaded files as they came (renditions are stripped anyway)."""
    return getattr(settings, "TRIBUNE_IMAGE_KEEP_ORIGINAL_METADATA", False)


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
        *WagtailImage.admin_form_fields,
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

    def get_upload_to(self, filename):
        return os.path.join("original_images", generated_file_name(filename))

    def _set_image_file_metadata(self):
        # Every Wagtail upload path (add, multiple add, replace) calls this before saving: strip the file first, so
        # the size and hash Wagtail records are the stored file's.
        self._strip_file_metadata()
        super()._set_image_file_metadata()

    def save(self, *args, **kwargs):
        # Files assigned in code (image_create, the demo loader) are stripped here, before they are first stored.
        if self.file and not self.file._committed and not getattr(self, "_metadata_stripped", False):
            self._strip_file_metadata()
            super()._set_image_file_metadata()
        super().save(*args, **kwargs)

    def _strip_file_metadata(self) -> None:
        """Replace the original's content with the same picture without location, camera and owner metadata
        (``media.metadata``), unless the outlet keeps originals as uploaded."""
        if keep_original_metadata() or not self.file:
            return
        self.file.open("rb")
        self.file.seek(0)
        data = self.file.read()
        stripped = strip_metadata(data)
        self._metadata_stripped = True
        if stripped == data:
            self.file.seek(0)
            return
        name = self.file.name
        if self.file._committed:  # already in storage (Wagtail's multiple upload writes the file first)
            storage = self.file.storage
            storage.delete(name)
            self.file.name = storage.save(name, ContentFile(stripped))
        else:
            self.file = ContentFile(stripped, name=os.path.basename(name))

    def generate_rendition_file(self, filter, *, source=None):
        """Renditions are made from the original without its metadata, whatever is stored: Willow writes the
        source's EXIF (GPS included) into every JPEG, PNG and WebP it saves."""
        if source is None:
            with self.open_file() as original:
                data = original.read()
        else:
            source.seek(0)
            data = source.read()
        stripped = ContentFile(strip_metadata(data), name=os.path.basename(self.file.name))
        try:
            return super().generate_rendition_file(filter, source=stripped)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
            # A stored file that cannot be decoded (damaged after upload, or from before uploads were decoded) is,
            # to Wagtail, a missing source: its callers show a placeholder instead of failing the page.
            raise SourceImageIOError(str(error)) from error

    def get_rendition(self, filter):
        try:
            return super().get_rendition(filter)
        except SourceImageIOError:
            logger.warning("image %s: no rendition, its file cannot be read", self.pk, exc_info=True)
            return self._placeholder_rendition()
        except OSError:
            # The rendition could not be written (a full disk): the storage left no partial file, nothing was
            # recorded, and the next request tries again. Until then the page shows a broken image, not a 500.
            logger.error("image %s: rendition not stored", self.pk, exc_info=True)
            return self._placeholder_rendition()

    def get_renditions(self, *filters, **kwargs):
        try:
            return super().get_renditions(*filters, **kwargs)
        except SourceImageIOError:
            logger.warning("image %s: no renditions, its file cannot be read", self.pk, exc_info=True)
        except OSError:  # not written (a full disk): see get_rendition
            logger.error("image %s: renditions not stored", self.pk, exc_info=True)
        placeholder = self._placeholder_rendition()
        return {spec if isinstance(spec, str) else spec.spec: placeholder for spec in filters}

    def _placeholder_rendition(self):
        """What Wagtail's own tags show for a missing file (``get_rendition_or_not_found``): a broken image, not
        a failed page."""
        rendition = TribuneRendition(image=self, width=0, height=0)
        rendition.file.name = "not-found"
        return rendition

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
