"""Abstract, photographic-style compositions, one visual family per section and varied within it by the seed:
economy's market-screen bokeh, politics' colonnade and flags in soft focus, sci-tech's circuit light, health's
cells under the microscope, analysis' contour lines, opinion's light through blinds. Drawn small and soft, then
enlarged, which reads as shallow depth of field and keeps them quick to make."""

import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .common import Colour, blend, rng_for

SIZE = (1600, 900)
WORK = (800, 450)  # drawn at half size: everything here is out of focus anyway


def section_scene(section: str, seed: str) -> Image.Image:
    rng = rng_for("scene", section, seed)
    draw_scene = SCENES.get(section, _contours)
    image = draw_scene(rng)
    if rng.random() < 0.5:  # half of them seen from the other side
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    image = image.resize(SIZE, Image.Resampling.BICUBIC)
    return _grain(_vignette(image), rng)


def _gradient(top: Colour, bottom: Colour, size=WORK) -> Image.Image:
    column = Image.new("RGB", (1, size[1]))
    for y in range(size[1]):
        column.putpixel((0, y), blend(top, bottom, y / (size[1] - 1)))
    return column.resize(size)


def _glow(base: Image.Image, layer: Image.Image, radius: float) -> Image.Image:
    return ImageChops.screen(ImageChops.screen(base, layer.filter(ImageFilter.GaussianBlur(radius))), layer)


def _economy(rng: random.Random) -> Image.Image:
    hue = rng.choice([((6, 18, 28), (14, 42, 52)), ((10, 14, 30), (30, 30, 60)), ((16, 20, 18), (24, 48, 40))])
    image = _gradient(*hue)
    bokeh = Image.new("RGB", WORK)
    draw = ImageDraw.Draw(bokeh)
    palette = [(40, 200, 120), (220, 60, 60), (240, 170, 60), (80, 160, 240)]
    for _ in range(rng.randint(40, 70)):
        x, y, r = rng.uniform(0, WORK[0]), rng.uniform(0, WORK[1]), rng.uniform(6, 34)
        colour = blend(rng.choice(palette), (0, 0, 0), rng.uniform(0.35, 0.75))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    image = ImageChops.screen(image, bokeh.filter(ImageFilter.GaussianBlur(rng.uniform(5, 9))))
    lines = Image.new("RGB", WORK)
    draw = ImageDraw.Draw(lines)
    for y in range(0, WORK[1], 30):
        draw.line([(0, y), (WORK[0], y)], fill=(22, 40, 46))
    for _ in range(rng.randint(2, 4)):
        level, points = rng.uniform(0.3, 0.8) * WORK[1], []
        for x in range(-10, WORK[0] + 20, 14):
            level = min(max(level + rng.gauss(0, 9), 40), WORK[1] - 40)
            points.append((x, level))
        draw.line(points, fill=rng.choice(palette), width=2)
    return _glow(image, lines.filter(ImageFilter.GaussianBlur(1.2)), 6)


def _politics(rng: random.Random) -> Image.Image:
    sky_top, sky_bottom = rng.choice([((172, 190, 210), (236, 228, 214)), ((220, 196, 170), (246, 232, 210))])
    image = _gradient(sky_top, sky_bottom)
    draw = ImageDraw.Draw(image)
    stone = rng.choice([(226, 218, 202), (214, 210, 204), (232, 222, 206)])
    shadow = blend(stone, (60, 60, 70), 0.45)
    spacing, width = rng.uniform(80, 120), rng.uniform(34, 48)
    offset = rng.uniform(-40, 0)
    base_y = WORK[1] * rng.uniform(0.82, 0.9)
    draw.rectangle([0, WORK[1] * 0.08, WORK[0], WORK[1] * 0.16], fill=blend(stone, shadow, 0.2))
    x = offset
    while x < WORK[0] + spacing:
        draw.rectangle([x, WORK[1] * 0.16, x + width, base_y], fill=stone)
        draw.rectangle([x + width * 0.62, WORK[1] * 0.16, x + width, base_y], fill=blend(stone, shadow, 0.5))
        for flute in range(1, 4):
            fx = x + width * flute / 4
            draw.line([(fx, WORK[1] * 0.18), (fx, base_y - 4)], fill=blend(stone, shadow, 0.25))
        draw.rectangle([x - 6, WORK[1] * 0.15, x + width + 6, WORK[1] * 0.18], fill=blend(stone, shadow, 0.15))
        x += spacing
    draw.rectangle([0, base_y, WORK[0], WORK[1]], fill=blend(stone, shadow, 0.3))
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(2.5, 4)))
    flags = Image.new("RGBA", WORK, (0, 0, 0, 0))
    draw = ImageDraw.Draw(flags)
    colours = [(150, 40, 50), (30, 60, 120), (226, 226, 220), (30, 100, 80), (200, 160, 60)]
    for _ in range(rng.randint(2, 4)):
        pole = rng.uniform(0, WORK[0])
        top = rng.uniform(20, 120)
        draw.line([(pole, top), (pole, WORK[1])], fill=(70, 66, 60, 255), width=5)
        # One colour per flag, lighter at its fly: no nation's flag is suggested.
        base = rng.choice(colours)
        for i, colour in enumerate((base, blend(base, (255, 255, 255), 0.15), blend(base, (255, 255, 255), 0.3))):
            wave = [(pole + dx, top + i * 26 + 6 * math.sin(dx / 30 + i)) for dx in range(0, 150, 10)] + [
                (pole + dx, top + (i + 1) * 26 + 6 * math.sin(dx / 30 + i)) for dx in range(140, -10, -10)
            ]
            draw.polygon(wave, fill=(*colour, 255))
    flags = flags.filter(ImageFilter.GaussianBlur(rng.uniform(7, 11)))
    image.paste(flags, (0, 0), flags)
    return image


def _sci_tech(rng: random.Random) -> Image.Image:
    image = _gradient(*rng.choice([((4, 10, 30), (10, 30, 60)), ((6, 16, 22), (8, 44, 58))]))
    traces = Image.new("RGB", WORK)
    draw = ImageDraw.Draw(traces)
    light = rng.choice([(60, 200, 255), (90, 240, 200), (255, 170, 70)])
    grid = 20
    for _ in range(rng.randint(26, 40)):
        x, y = rng.randrange(0, WORK[0], grid), rng.randrange(0, WORK[1], grid)
        points = [(x, y)]
        for _step in range(rng.randint(3, 8)):
            dx, dy = rng.choice([(1, 0), (0, 1), (1, 1), (-1, 0), (0, -1)])
            length = rng.randint(1, 5) * grid
            x, y = x + dx * length, y + dy * length
            points.append((x, y))
        colour = blend(light, (0, 0, 0), rng.uniform(0.1, 0.6))
        draw.line(points, fill=colour, width=2, joint="curve")
        for px, py in (points[0], points[-1]):
            draw.ellipse([px - 4, py - 4, px + 4, py + 4], outline=colour, width=2)
    chip_x, chip_y = rng.uniform(0.25, 0.75) * WORK[0], rng.uniform(0.3, 0.7) * WORK[1]
    draw.rectangle([chip_x - 60, chip_y - 60, chip_x + 60, chip_y + 60], outline=light, width=3)
    image = _glow(image, traces, 8)
    # Focus falls off across the board, as under a macro lens.
    soft = image.filter(ImageFilter.GaussianBlur(5))
    mask = _gradient((0, 0, 0), (255, 255, 255)).convert("L")
    if rng.random() < 0.5:
        mask = mask.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    return Image.composite(soft, image, mask)


def _health(rng: random.Random) -> Image.Image:
    tint = rng.choice(
        [((214, 236, 234), (176, 214, 216)), ((236, 226, 236), (206, 196, 222)), ((226, 238, 220), (190, 218, 200))]
    )
    image = _gradient(*tint)
    membrane = rng.choice([(120, 180, 190), (190, 120, 160), (130, 170, 120)])
    for depth, blur in ((0, 9), (1, 4), (2, 1.2)):
        layer = Image.new("RGBA", WORK, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        for _ in range(rng.randint(5, 9) - depth * 2):
            x, y = rng.uniform(0, WORK[0]), rng.uniform(0, WORK[1])
            r = rng.uniform(30, 70) * (1 + depth * 0.3)
            squash = rng.uniform(0.8, 1.15)
            box = [x - r, y - r * squash, x + r, y + r * squash]
            draw.ellipse(box, fill=(*blend(membrane, (255, 255, 255), 0.55), 150), outline=(*membrane, 210), width=3)
            nr = r * rng.uniform(0.3, 0.45)
            nx, ny = x + rng.uniform(-0.3, 0.3) * r, y + rng.uniform(-0.3, 0.3) * r
            draw.ellipse([nx - nr, ny - nr, nx + nr, ny + nr], fill=(*blend(membrane, (40, 40, 80), 0.35), 200))
        layer = layer.filter(ImageFilter.GaussianBlur(blur))
        image.paste(layer, (0, 0), layer)
    return image


def _contours(rng: random.Random) -> Image.Image:
    image = _gradient(*rng.choice([((34, 40, 48), (62, 70, 80)), ((40, 34, 30), (84, 70, 58))]))
    lines = Image.new("RGB", WORK)
    draw = ImageDraw.Draw(lines)
    ink = rng.choice([(200, 190, 160), (170, 200, 210), (210, 170, 140)])
    for _ in range(rng.randint(2, 3)):
        cx, cy = rng.uniform(0, WORK[0]), rng.uniform(0, WORK[1])
        phases = [rng.uniform(0, math.tau) for _ in range(3)]
        for ring in range(1, rng.randint(12, 20)):
            radius = ring * rng.uniform(14, 18)
            points = []
            for step in range(73):
                angle = step / 72 * math.tau
                wobble = 1 + 0.18 * math.sin(3 * angle + phases[0]) + 0.1 * math.sin(5 * angle + phases[1] + ring / 4)
                points.append((cx + math.cos(angle) * radius * wobble * 1.4, cy + math.sin(angle) * radius * wobble))
            draw.line(points, fill=blend(ink, (0, 0, 0), 0.3 + 0.5 * ring / 20), width=1)
    image = _glow(image, lines, 3)
    return image.filter(ImageFilter.GaussianBlur(0.6))


def _blinds(rng: random.Random) -> Image.Image:
    wall, light = rng.choice(
        [((70, 52, 44), (250, 214, 160)), ((48, 52, 62), (236, 220, 190)), ((84, 70, 58), (255, 226, 180))]
    )
    image = _gradient(blend(wall, (0, 0, 0), 0.2), wall)
    stripes = Image.new("L", (WORK[0] * 2, WORK[1] * 2), 0)
    draw = ImageDraw.Draw(stripes)
    pitch, gap = rng.uniform(22, 48), rng.uniform(0.35, 0.65)
    y = 0.0
    while y < stripes.height:
        draw.rectangle([0, y, stripes.width, y + pitch * gap], fill=255)
        y += pitch
    stripes = stripes.rotate(rng.uniform(-36, -6), resample=Image.Resampling.BILINEAR)
    left, top = WORK[0] // 2, WORK[1] // 2
    stripes = stripes.crop((left, top, left + WORK[0], top + WORK[1]))
    window = Image.new("L", WORK, 0)
    ImageDraw.Draw(window).rectangle(
        [rng.uniform(0.05, 0.35) * WORK[0], -20, rng.uniform(0.65, 0.95) * WORK[0], WORK[1] * rng.uniform(0.7, 1)],
        fill=210,
    )
    mask = ImageChops.multiply(stripes, window.filter(ImageFilter.GaussianBlur(40))).filter(ImageFilter.GaussianBlur(3))
    image = Image.composite(Image.new("RGB", WORK, light), image, mask)
    # A leaf shadow across the light.
    shadow = Image.new("L", WORK, 0)
    draw = ImageDraw.Draw(shadow)
    stem_x = rng.uniform(0.2, 0.8) * WORK[0]
    for _ in range(rng.randint(5, 8)):
        angle = rng.uniform(-2.4, -0.7)
        length = rng.uniform(60, 140)
        tip = (stem_x + math.cos(angle) * length * 1.3, WORK[1] + math.sin(angle) * length * 2)
        draw.polygon([(stem_x - 8, WORK[1]), tip, (stem_x + 8, WORK[1])], fill=150)
    shadow = shadow.filter(ImageFilter.GaussianBlur(10))
    return Image.composite(Image.new("RGB", WORK, blend(wall, (0, 0, 0), 0.4)), image, shadow)


def _vignette(image: Image.Image) -> Image.Image:
    mask = Image.new("L", (160, 90), 0)
    ImageDraw.Draw(mask).ellipse([-20, -20, 180, 110], fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(18)).resize(image.size, Image.Resampling.BILINEAR)
    dark = Image.eval(image, lambda v: int(v * 0.72))
    return Image.composite(image, dark, mask)


def _grain(image: Image.Image, rng: random.Random) -> Image.Image:
    """A little film grain, from the seeded generator (Pillow's own noise is not seeded)."""
    small = (SIZE[0] // 2, SIZE[1] // 2)
    noise = Image.frombytes("L", small, rng.randbytes(small[0] * small[1])).resize(SIZE).convert("RGB")
    return ImageChops.blend(image, noise, 0.035)


SCENES = {
    "economics": _economy,
    "politics": _politics,
    "sci-tech": _sci_tech,
    "health": _health,
    "analysis": _contours,
    "opinion": _blinds,
}
