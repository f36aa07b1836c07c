"""Location, camera and owner metadata leave no image Tribune stores or serves: originals uploaded through the admin
(add, multiple add, replace) or ``image_create``, and every rendition (JPEG, WebP, AVIF); the orientation still
applies, and the credit stays in the image's own fields."""

import io

import pytest
from PIL import Image

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

from tribune.media.metadata import strip_metadata
from tribune.media.models import TribuneImage
from tribune.media.services import image_create

ORIENTATION, GPS_IFD, EXIF_IFD = 0x0112, 0x8825, 0x8769
ARTIST, BODY_SERIAL, CAMERA_OWNER = 0x013B, 0xA431, 0xA430
# Stored 60 wide and 30 high, shown upright after a quarter turn (orientation 6): 30 wide, 60 high.
STORED_SIZE = (60, 30)


def photo_with_location(image_format: str = "JPEG", **save_options) -> bytes:
    picture = Image.new("RGB", STORED_SIZE, (180, 40, 40))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[ARTIST] = "Jo Source"
    exif.get_ifd(EXIF_IFD).update({BODY_SERIAL: "SN-0042", CAMERA_OWNER: "Jo Source"})
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    output = io.BytesIO()
    picture.save(output, image_format, exif=exif, **save_options)
    return output.getvalue()


def identifying_metadata(data: bytes) -> list[str]:
    found = []
    with Image.open(io.BytesIO(data)) as picture:
        exif = picture.getexif()
        if exif.get_ifd(GPS_IFD):
            found.append("GPS")
        if ARTIST in exif or exif.get_ifd(EXIF_IFD).get(BODY_SERIAL) or exif.get_ifd(EXIF_IFD).get(CAMERA_OWNER):
            found.append("camera or owner")
        if picture.info.get("xmp") or picture.info.get("comment"):
            found.append("XMP or comment")
    for word in (b"SN-0042", b"Jo Source", b"secret place"):
        if word in data:
            found.append(word.decode())
    return found


def upright_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as picture:
        turned = picture.getexif().get(ORIENTATION, 1) in {5, 6, 7, 8}
        return picture.size[::-1] if turned else picture.size


def stored(image: TribuneImage) -> bytes:
    with image.open_file() as original:
        return original.read()


def assert_clean_everywhere(image: TribuneImage) -> None:
    image.refresh_from_db()
    original = stored(image)
    assert identifying_metadata(original) == []
    assert upright_size(original) == (30, 60)  # the orientation is kept
    assert (image.file_size, image.width, image.height) == (len(original), 60, 30)
    for spec in ("width-20|format-jpeg", "width-20|format-webp", "width-20|format-avif", "fill-10x10"):
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as file:
            data = file.read()
        assert identifying_metadata(data) == [], spec
        if spec.startswith("width"):
            assert upright_size(data) == (20, 40), spec  # turned upright, as on the page


def test_the_test_photo_carries_what_must_go():
    data = photo_with_location(comment=b"secret place", xmp=b"<x:xmpmeta>secret place</x:xmpmeta>")
    assert identifying_metadata(data) == [
        "GPS",
        "camera or owner",
        "XMP or comment",
        "SN-0042",
        "Jo Source",
        "secret place",
    ]


@pytest.mark.parametrize(
    "image_format, options",
    [
        ("JPEG", {"comment": b"secret place", "xmp": b"<x:xmpmeta>secret place</x:xmpmeta>"}),
        ("PNG", {}),
        ("WEBP", {"xmp": b"<x:xmpmeta>secret place</x:xmpmeta>"}),
        ("AVIF", {}),
    ],
)
def test_strip_metadata_keeps_the_picture_and_its_orientation(image_format, options):
    data = photo_with_location(image_format, **options)
    stripped = strip_metadata(data)
    assert identifying_metadata(stripped) == []
    assert upright_size(stripped) == (30, 60)
    if image_format in {"JPEG", "PNG", "WEBP"}:  # not re-encoded: the same pixels
        assert Image.open(io.BytesIO(stripped)).tobytes() == Image.open(io.BytesIO(data)).tobytes()


@pytest.mark.parametrize("broken", [b"", b"not an image", photo_with_location()[:200]])
def test_a_file_that_cannot_be_read_is_left_to_the_upload_validation(broken):
    assert strip_metadata(broken) == broken


def test_image_create_stores_no_location(db):
    image = image_create(file=ContentFile(photo_with_location(comment=b"secret place"), name="gps.jpg"), title="GPS")
    assert_clean_everywhere(image)
    assert image.title == "GPS"


def test_the_admin_add_view_stores_no_location(admin_client):
    upload = SimpleUploadedFile("gps.jpg", photo_with_location(), content_type="image/jpeg")
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "From the admin",
            "file": upload,
            "collection": root_collection(),
            "photographer": "Ana Ruiz",
            "agency": "Meridian",
            "year_taken": 2024,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    image = TribuneImage.objects.get(title="From the admin")
    assert_clean_everywhere(image)
    assert (image.photographer, image.agency, image.year_taken) == ("Ana Ruiz", "Meridian", 2024)  # the credit stays


def test_the_admin_multiple_upload_stores_no_location(admin_client):
    upload = SimpleUploadedFile("gps.jpg", photo_with_location(), content_type="image/jpeg")
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": upload, "collection": root_collection()}
    )
    assert response.status_code == 200
    assert response.json()["success"], response.json()
    assert TribuneImage.objects.count() == 1, response.json()
    assert_clean_everywhere(TribuneImage.objects.get())


def test_replacing_the_file_in_the_admin_stores_no_location(admin_client, db):
    image = image_create(file=ContentFile(_plain_jpeg(), name="plain.jpg"), title="Swap")
    upload = SimpleUploadedFile("gps.jpg", photo_with_location(), content_type="image/jpeg")
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Swap", "file": upload, "collection": root_collection()},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert_clean_everywhere(image)


def test_an_outlet_may_keep_originals_as_uploaded_but_renditions_are_stripped(db, settings):
    settings.TRIBUNE_IMAGE_KEEP_ORIGINAL_METADATA = True
    image = image_create(file=ContentFile(photo_with_location(), name="gps.jpg"), title="Kept")
    assert identifying_metadata(stored(image))[:1] == ["GPS"]
    for spec in ("width-20|format-jpeg", "width-20|format-webp"):
        with image.get_rendition(spec).file.open("rb") as file:
            assert identifying_metadata(file.read()) == [], spec


def root_collection() -> int:
    return Collection.get_first_root_node().pk


def _plain_jpeg() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (8, 8)).save(output, "JPEG")
    return output.getvalue()
