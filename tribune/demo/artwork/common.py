"""What the demo's drawings share: fonts bundled with Pillow, colour helpers and the encoding of a finished picture."""

import functools
import hashlib
import io
import random

from PIL import Image, ImageFont

from django.core.files.images import ImageFile

Colour = tuple[int, int, int]


@functools.cache
def font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's own scalable face (Aileron): present wherever Pillow is, so nothing depends on system fonts."""
    return ImageFont.load_default(size=size)


def rng_for(*parts: str) -> random.Random:
    """A random generator seeded by text, the same in every process (``hash()`` of a str is salted per process)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def stable_index(text: str, modulo: int) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big") % modulo


def blend(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def hex_colour(value: str) -> Colour:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def jpeg_file(image: Image.Image, name: str, quality: int = 86) -> ImageFile:
    """The picture as a JPEG file for ``image_create``; the same picture always gives the same bytes."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=quality, optimize=True, subsampling=0)
    buffer.seek(0)
    return ImageFile(buffer, name=name)
