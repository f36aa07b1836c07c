"""Writes for images."""

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile

from .models import TribuneImage
from .validation import validate_image_file


def image_create(
    *,
    file: ImageFile,
    title: str,
    alt_text: str = "",
    caption: str = "",
    agency: str = "",
    photographer: str = "",
    year_taken: int | None = None,
    licence: str = "",
    collection=None,
) -> TribuneImage:
    try:
        validate_image_file(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    image = TribuneImage(
        file=file,
        title=title,
        description=alt_text,
        caption=caption,
        agency=agency,
        photographer=photographer,
        year_taken=year_taken,
        licence=licence,
    )
    if collection is not None:
        image.collection = collection
    image.full_clean(exclude=["file_hash", "file_size", "width", "height"])
    image.save()
    return image
