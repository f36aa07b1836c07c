"""Whether an uploaded file is a whole image Tribune can show: read to its last pixel, within the pixel limit."""

import io
import warnings

from PIL import Image

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UNREADABLE_IMAGE = _(
    "This file is not a complete image that can be shown: it may be truncated, damaged or of another type. "
    "Export it again and upload the new file."
)
TOO_MANY_PIXELS = _("This image has too many pixels to be shown. Reduce its size and upload it again.")


def max_pixels() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000)


def validate_image_file(file) -> None:
    """Raise ``ValidationError`` unless ``file`` (any file-like object) decodes completely."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    data = file.read()
    file.seek(position)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > max_pixels():
                    raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels")
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels") from error
    except Exception as error:  # noqa: BLE001 - whatever Pillow cannot decode, the uploader is told the same
        raise ValidationError(UNREADABLE_IMAGE, code="unreadable_image") from error
