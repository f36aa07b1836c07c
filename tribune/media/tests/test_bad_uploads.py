"""A file that is not a whole, sane image is a form error, never a 500: in every admin upload (add, multiple add,
replace, documents) and ``image_create``; and an image already stored broken shows a placeholder on reader pages."""

import io
import zlib

import pytest
from PIL import Image

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

from tests.factories import make_article, make_image
from tribune.media.models import TribuneImage
from tribune.media.services import image_create


def encoded(image_format: str, size=(400, 300)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (20, 120, 60)).save(output, image_format)
    return output.getvalue()


def bomb() -> bytes:
    """A small PNG that says it is 40,000 × 40,000 pixels (1.6 gigapixels): what a decompression bomb looks like."""
    data = bytearray(encoded("PNG", size=(1, 1)))
    data[16:24] = (40_000).to_bytes(4, "big") * 2  # width and height in the IHDR chunk
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    return bytes(data)


SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
BAD_FILES = {
    "truncated jpeg": ("cut.jpg", encoded("JPEG")[:600]),
    "truncated png": ("cut.png", encoded("PNG")[:150]),
    "zero bytes": ("empty.jpg", b""),
    "text named jpg": ("notes.jpg", b"Dear editor, this is not a picture.\n" * 20),
    "decompression bomb": ("bomb.png", bomb()),
    "svg with script named png": ("vector.png", SVG_WITH_SCRIPT),
}


def root_collection() -> int:
    return Collection.get_first_root_node().pk


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@pytest.fixture(params=BAD_FILES.values(), ids=BAD_FILES.keys())
def bad_file(request):
    return request.param


def test_the_admin_add_view_answers_a_form_error(admin_client, bad_file):
    response = admin_client.post(
        reverse("wagtailimages:add"), {"title": "Bad", "file": upload(*bad_file), "collection": root_collection()}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not TribuneImage.objects.exists()


def test_the_admin_multiple_upload_answers_an_error(admin_client, bad_file):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": upload(*bad_file), "collection": root_collection()}
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not TribuneImage.objects.exists()


def test_replacing_an_image_file_answers_a_form_error(admin_client, bad_file):
    image = make_image()
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Swap", "file": upload(*bad_file), "collection": root_collection()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    image.refresh_from_db()
    with image.open_file() as stored:  # the old file is still there
        Image.open(stored).verify()


def test_image_create_refuses_the_file(db, bad_file):
    name, data = bad_file
    with pytest.raises(ValidationError):
        image_create(file=ContentFile(data, name=name), title="Bad")
    assert not TribuneImage.objects.exists()


def test_a_document_upload_never_answers_500(admin_client, bad_file):
    name, data = bad_file
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Doc",
            "file": SimpleUploadedFile(name.rsplit(".", 1)[0] + ".pdf", data),
            "collection": root_collection(),
        },
    )
    assert response.status_code in {200, 302}


def test_an_image_stored_broken_shows_a_placeholder_on_reader_pages(client, section):
    image = make_image()
    article = make_article(section, lead_image=image)
    with image.file.storage.open(image.file.name, "wb") as stored:  # the file went bad on disk after upload
        stored.write(encoded("JPEG")[:600])
    image.renditions.all().delete()
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title in response.content.decode()
