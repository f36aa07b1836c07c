"""A full disk during an upload is a form error and leaves no file behind (issue 12, failure 7).

The disks here are real: a 1 MB tmpfs mounted by the test and filled to its last pages (which needs root; the tests
skip, saying so, where mounting is refused), and — everywhere — the kernel's file-size limit (``RLIMIT_FSIZE``),
which fails a write past the limit just as a full disk does (``EFBIG`` instead of ``ENOSPC``)."""

import errno
import io
import os
import random
import resource
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.models import Collection

from tests.factories import make_image
from tribune.core.uploads import NO_ROOM, NO_ROOM_FOR_FILE, AtomicFileSystemStorage, is_out_of_space
from tribune.media.models import TribuneImage, TribuneRendition
from tribune.media.services import image_create

FILLER = "filler.bin"


def noisy_png(side: int = 260) -> bytes:
    """A PNG that does not compress (random pixels): about 200 KB, far more than the room left on the disk."""
    generator = random.Random(12)
    image = Image.frombytes("RGB", (side, side), bytes(generator.getrandbits(8) for _ in range(side * side * 3)))
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def files_under(directory: Path) -> list[str]:
    return sorted(str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file())


def fill(directory: Path, leave: int = 16 * 1024) -> None:
    """Fill the filesystem holding ``directory`` until only ``leave`` bytes are free."""
    stats = os.statvfs(directory)
    free = stats.f_bavail * stats.f_frsize
    with open(directory / FILLER, "wb") as filler:
        filler.write(b"\0" * max(free - leave, 0))


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs of its own, unmounted afterwards."""
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    mount, umount = shutil.which("mount"), shutil.which("umount")
    if not (mount and umount):
        pytest.skip("no mount command here; the RLIMIT_FSIZE tests below cover the same cleanup")
    mounted = subprocess.run(  # noqa: S603 - fixed arguments
        [mount, "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mountpoint)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(
            "a small filesystem cannot be mounted here (mount needs root or CAP_SYS_ADMIN: "
            f"{mounted.stderr.strip()}); the RLIMIT_FSIZE tests below cover the same cleanup"
        )
    yield mountpoint
    subprocess.run([umount, "-l", str(mountpoint)], check=True)  # noqa: S603 - fixed arguments


@pytest.fixture
def full_media(small_disk, settings):
    settings.MEDIA_ROOT = str(small_disk)
    fill(small_disk)
    return small_disk


def root_collection() -> int:
    return Collection.get_first_root_node().pk


def test_the_admin_add_view_answers_no_room_and_leaves_nothing(admin_client, full_media):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Harbour", "file": SimpleUploadedFile("harbour.png", noisy_png()), "collection": root_collection()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [str(NO_ROOM)]
    assert files_under(full_media) == [FILLER]
    assert not TribuneImage.objects.exists()


def test_the_multiple_upload_answers_no_room_and_leaves_nothing(admin_client, full_media):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("harbour.png", noisy_png()), "collection": root_collection()},
    )
    assert response.status_code == 200
    assert response.json() == {"success": False, "error_message": str(NO_ROOM)}
    assert files_under(full_media) == [FILLER]
    assert not TribuneImage.objects.exists()


def test_replacing_a_file_on_a_full_disk_keeps_the_old_one(admin_client, small_disk, settings):
    settings.MEDIA_ROOT = str(small_disk)
    image = make_image()
    old_name = image.file.name
    fill(small_disk)
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Swap", "file": SimpleUploadedFile("swap.png", noisy_png()), "collection": root_collection()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [str(NO_ROOM)]
    image.refresh_from_db()
    assert image.file.name == old_name
    assert sorted(files_under(small_disk)) == sorted([FILLER, old_name])


def test_a_full_upload_spool_answers_no_room_and_leaves_no_temporary_file(admin_client, small_disk, settings, tmp_path):
    """Uploads above FILE_UPLOAD_MAX_MEMORY_SIZE are spooled to FILE_UPLOAD_TEMP_DIR while the request is read."""
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    settings.FILE_UPLOAD_TEMP_DIR = str(small_disk)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    fill(small_disk)
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Harbour", "file": SimpleUploadedFile("harbour.png", noisy_png()), "collection": root_collection()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [str(NO_ROOM)]
    assert files_under(small_disk) == [FILLER]
    assert files_under(media) == []
    assert not TribuneImage.objects.exists()


def test_a_document_upload_answers_no_room_and_leaves_nothing(admin_client, full_media):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Report",
            "file": SimpleUploadedFile("report.pdf", os.urandom(200_000)),
            "collection": root_collection(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [str(NO_ROOM_FOR_FILE)]
    assert files_under(full_media) == [FILLER]
    assert not Document.objects.exists()


def test_a_rendition_that_finds_no_room_is_a_placeholder_and_leaves_nothing(db, small_disk, settings):
    settings.MEDIA_ROOT = str(small_disk)
    image = make_image()
    stored = files_under(small_disk)
    fill(small_disk, leave=0)
    rendition = image.get_rendition("width-400")
    assert rendition.file.name == "not-found"
    assert not TribuneRendition.objects.exists()
    assert files_under(small_disk) == sorted([*stored, FILLER])


@pytest.fixture
def file_size_limit():
    """Fail every write past 64 KB in any file of this process, as a full disk would (``EFBIG``)."""
    previous_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the kernel signals before refusing
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))
    yield
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    signal.signal(signal.SIGXFSZ, previous_handler)


def test_the_storage_removes_what_a_failed_write_began(tmp_path, file_size_limit):
    storage = AtomicFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError) as refused:
        storage.save("original_images/big.bin", ContentFile(os.urandom(300_000)))
    assert is_out_of_space(refused.value)
    assert files_under(tmp_path) == []
    assert storage.save("original_images/small.bin", ContentFile(b"whole")) == "original_images/small.bin"
    assert (tmp_path / "original_images" / "small.bin").read_bytes() == b"whole"


def test_the_storage_never_overwrites_a_file_of_the_same_name(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    first = storage.save("a/photo.png", ContentFile(b"first"))
    second = storage.save("a/photo.png", ContentFile(b"second"))
    assert first != second
    assert storage.open(first).read() == b"first"
    assert storage.open(second).read() == b"second"
    assert files_under(tmp_path) == sorted([first, second])


def test_without_hard_links_the_storage_still_never_overwrites(tmp_path, monkeypatch):
    def no_links(source, destination):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    storage = AtomicFileSystemStorage(location=tmp_path)
    first = storage.save("a/photo.png", ContentFile(b"first"))
    second = storage.save("a/photo.png", ContentFile(b"second"))
    assert (storage.open(first).read(), storage.open(second).read()) == (b"first", b"second")
    assert files_under(tmp_path) == sorted([first, second])


def test_the_admin_add_view_answers_a_form_error_when_the_write_is_refused(
    admin_client, settings, tmp_path, file_size_limit
):
    settings.MEDIA_ROOT = str(tmp_path)
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Harbour", "file": SimpleUploadedFile("harbour.png", noisy_png()), "collection": root_collection()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [str(NO_ROOM)]
    assert files_under(tmp_path) == []
    assert not TribuneImage.objects.exists()


def test_image_create_answers_a_validation_error_when_the_write_is_refused(db, settings, tmp_path, file_size_limit):
    settings.MEDIA_ROOT = str(tmp_path)
    with pytest.raises(ValidationError) as refused:
        image_create(file=ContentFile(noisy_png(), name="harbour.png"), title="Harbour")
    assert refused.value.message_dict == {"file": [str(NO_ROOM)]}
    assert files_under(tmp_path) == []
    assert not TribuneImage.objects.exists()
