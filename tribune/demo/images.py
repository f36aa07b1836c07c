"""Original placeholder photographs for the demo, drawn with Pillow: layered gradients and shapes."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

from django.core.files.images import ImageFile

PALETTES = {
    "dusk": ((38, 28, 72), (214, 110, 92), (247, 196, 120)),
    "ocean": ((8, 44, 78), (34, 122, 160), (170, 220, 228)),
    "forest": ((18, 48, 32), (64, 120, 72), (196, 214, 150)),
    "ember": ((60, 14, 10), (182, 64, 30), (250, 178, 72)),
    "slate": ((30, 34, 42), (92, 104, 120), (206, 212, 220)),
    "sand": ((96, 70, 40), (196, 160, 108), (244, 230, 200)),
}


def _blend(a, b, t):
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def demo_photo(seed: str, palette: str = "slate", size: tuple[int, int] = (1920, 1080)) -> ImageFile:
    """A deterministic abstract 'photo' for ``seed``: the same seed always draws the same picture."""
    rng = random.Random(seed)
    low, mid, high = PALETTES.get(palette, PALETTES["slate"])
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    horizon = rng.uniform(0.45, 0.7)
    for y in range(height):
        t = y / height
        colour = _blend(high, mid, t / horizon) if t < horizon else _blend(mid, low, (t - horizon) / (1 - horizon))
        draw.line([(0, y), (width, y)], fill=colour)
    sun_x, sun_y, radius = (
        rng.uniform(0.15, 0.85) * width,
        horizon * height * rng.uniform(0.4, 0.8),
        rng.uniform(60, 160),
    )
    draw.ellipse(
        [sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=_blend(high, (255, 255, 255), 0.5)
    )
    for layer in range(rng.randint(3, 5)):
        base = horizon * height + layer * rng.uniform(30, 70)
        points = [(0, height)]
        for x in range(0, width + 120, 120):
            points.append((x, base - rng.uniform(0, 160) * (1 - layer * 0.15)))
        points.append((width, height))
        draw.polygon(points, fill=_blend(mid, low, 0.35 + layer * 0.15))
    for _ in range(rng.randint(4, 9)):
        x = rng.uniform(0, width)
        w, h = rng.uniform(30, 90), rng.uniform(120, 420)
        draw.rectangle([x, height - h, x + w, height], fill=_blend(low, (0, 0, 0), 0.3))
    image = image.filter(ImageFilter.GaussianBlur(radius=1.2))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    buffer.seek(0)
    return ImageFile(buffer, name=f"{seed}.jpg")


def demo_portrait(seed: str, initials: str) -> ImageFile:
    """A simple, deterministic portrait placeholder: initials on a coloured disc."""
    rng = random.Random(seed)
    low, mid, high = PALETTES[rng.choice(sorted(PALETTES))]
    image = Image.new("RGB", (480, 480), high)
    draw = ImageDraw.Draw(image)
    draw.ellipse([40, 40, 440, 440], fill=mid)
    draw.ellipse([150, 110, 330, 290], fill=_blend(low, high, 0.3))
    draw.pieslice([90, 280, 390, 560], 180, 360, fill=_blend(low, high, 0.3))
    draw.text((24, 440), initials, fill=low)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    buffer.seek(0)
    return ImageFile(buffer, name=f"{seed}.jpg")
