"""Writes for images."""

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction

from tribune.core.uploads import storing_error

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
    try:
        # The file is written (whole or not at all: core.uploads) before the row is inserted; the savepoint keeps a
        # caller's transaction usable after a refused write.
        with transaction.atomic():
            image.save()
    except OSError as error:
        raise ValidationError({"file": [storing_error(error)]}) from error
    return image
