"""The image form every admin upload uses (add, multiple add, replace; ``WAGTAILIMAGES_IMAGE_FORM_BASE``).

Wagtail checks an upload's type, size and pixel count, but reading the pixel count of a truncated file raises
instead of failing validation (a 500). Here that check's errors are a form error, and the file is also decoded to
its last pixel, so a damaged file is refused when uploaded instead of failing when it is first shown."""

from django.core.exceptions import ValidationError

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from tribune.core.uploads import StoresUploadWhileValidating

from .validation import UNREADABLE_IMAGE, validate_image_file


class TribuneImageField(WagtailImageField):
    def to_python(self, data):
        try:
            file = super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - whatever Willow cannot read is the same answer to the uploader
            raise ValidationError(UNREADABLE_IMAGE, code="unreadable_image") from error
        if file is not None:
            validate_image_file(file)
        return file


class TribuneImageForm(StoresUploadWhileValidating, BaseImageForm):
    """The file is stored while the form is validated (``core.uploads``): a full disk is a form error."""

    def prepare_upload(self) -> None:
        # Strip the metadata (TribuneImage._set_image_file_metadata) before the file is first written.
        self.instance._set_image_file_metadata()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's form factory builds the file field itself (formfield_for_dbfield); give it the stricter checks.
        if isinstance(self.fields.get("file"), WagtailImageField):
            self.fields["file"].__class__ = TribuneImageField


class TribuneDocumentForm(StoresUploadWhileValidating, BaseDocumentForm):
    """Documents are stored while the form is validated too (``WAGTAILDOCS_DOCUMENT_FORM_BASE``)."""

    upload_kind = "file"
