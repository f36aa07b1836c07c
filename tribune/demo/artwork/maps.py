"""Locator maps drawn from Natural Earth's country outlines: the countries an article covers highlighted among
muted neighbours, on a graticule with a soft coastal shade, named, with a legend — a newspaper's locator map.

Regional maps use a Lambert azimuthal equal-area projection centred on the countries; sets spread over several
continents use the Equal Earth world projection, cropped around them."""

import math
import unicodedata
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from . import boundaries
from .common import Colour, blend, font

SIZE = (1600, 900)
SCALE = 2  # drawn at twice the size, then reduced: smooth coastlines without an anti-aliasing renderer

SEA: Colour = (214, 226, 234)
SEA_SHADE: Colour = (178, 198, 214)
GRATICULE: Colour = (196, 211, 222)
LAND: Colour = (240, 236, 228)
BORDER: Colour = (176, 168, 156)
HIGHLIGHT: Colour = (190, 70, 48)
HIGHLIGHT_BORDER: Colour = (250, 240, 232)
INK: Colour = (34, 34, 38)
MUTED_INK: Colour = (118, 112, 104)


@dataclass(frozen=True)
class Projection:
    """Longitude/latitude (degrees) to pixels of the finished picture."""

    kind: str  # "regional" or "world"
    lon0: float
    lat0: float
    x0: float
    y0: float
    scale: float  # pixels per projected unit

    def raw(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Projected units and whether each point lies on the drawable side of the globe."""
        lam, phi = np.radians(lon - self.lon0), np.radians(lat)
        if self.kind == "world":  # centred on Greenwich: Natural Earth's outlines are cut at the antimeridian
            return (*_equal_earth(lam, phi), np.ones_like(lam, dtype=bool))
        phi0 = math.radians(self.lat0)
        cos_c = math.sin(phi0) * np.sin(phi) + math.cos(phi0) * np.cos(phi) * np.cos(lam)
        k = np.sqrt(2 / np.maximum(1 + cos_c, 1e-9))
        x = k * np.cos(phi) * np.sin(lam)
        y = k * (math.cos(phi0) * np.sin(phi) - math.sin(phi0) * np.cos(phi) * np.cos(lam))
        return x, y, cos_c > -0.3

    def pixels(self, lon, lat) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        x, y, ok = self.raw(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
        return (x - self.x0) * self.scale, (self.y0 - y) * self.scale, ok

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y, _ok = self.pixels([lon], [lat])
        return float(x[0]), float(y[0])


def _equal_earth(lam: np.ndarray, phi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    theta = np.arcsin(math.sqrt(3) / 2 * np.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * np.cos(theta) / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
    y = theta * (a4 * t6 * t2 + a3 * t6 + a2 * t2 + a1)
    return x, y


@dataclass
class LocatorMap:
    image: Image.Image
    projection: Projection
    names: list[str]


def covered_names(codes: list[str]) -> list[str]:
    """The names of the countries among ``codes`` that the boundaries know, in the order given."""
    known = boundaries.countries()
    return [known[code].name for code in codes if code in known]


def locator_map(codes: list[str]) -> LocatorMap:
    """The map of ``codes`` (ISO alpha-2); deterministic, like everything drawn here."""
    known = boundaries.countries()
    covered = [known[code] for code in codes if code in known]
    if not covered:
        raise ValueError(f"no outline for any of {codes}")
    projection = _frame(covered)
    image = Image.new("RGB", SIZE, SEA)
    _graticule(ImageDraw.Draw(image), projection)

    # Outlines are drawn into masks at twice the size and reduced (smooth coasts without an anti-aliasing renderer),
    # then each colour is laid through its mask: cheaper than painting a large colour picture.
    width, height = SIZE[0] * SCALE, SIZE[1] * SCALE
    masks = {name: Image.new("L", (width, height), 0) for name in ("land", "borders", "covered", "covered_borders")}
    pens = {name: ImageDraw.Draw(mask) for name, mask in masks.items()}
    covered_codes = {country.code for country in covered}
    shapes = _rings_in_frame(projection, width, height)
    for code, rings in shapes:
        highlighted = code in covered_codes
        for ring in rings:
            pens["land"].polygon(ring, fill=255)
            if highlighted:
                pens["covered"].polygon(ring, fill=255)
        lines = pens["covered_borders" if highlighted else "borders"]
        for ring in rings:
            lines.line([*ring, ring[0]], fill=255, width=SCALE * (2 if highlighted else 1), joint="curve")
    masks = {name: mask.reduce(SCALE) for name, mask in masks.items()}

    # A soft shade of the sea along every coast, as atlases print it.
    shade = masks["land"].reduce(4).filter(ImageFilter.GaussianBlur(3)).resize(SIZE, Image.Resampling.BILINEAR)
    image = Image.composite(Image.new("RGB", SIZE, SEA_SHADE), image, shade.point(lambda v: v * 0.55))
    for name, colour in (
        ("land", LAND),
        ("borders", BORDER),
        ("covered", HIGHLIGHT),
        ("covered_borders", HIGHLIGHT_BORDER),
    ):
        image = Image.composite(Image.new("RGB", SIZE, colour), image, masks[name])

    draw = ImageDraw.Draw(image)
    taken: list[tuple[float, float, float, float]] = []
    for country in covered:  # a country too small to see at this scale is ringed, and named beside the ring
        x, y, _ok = projection.pixels(country.bbox[0::2], country.bbox[1::2])
        small = abs(x[1] - x[0]) < 14 and abs(y[1] - y[0]) < 14
        if small:
            cx, cy = projection.point(*country.label)
            draw.ellipse([cx - 13, cy - 13, cx + 13, cy + 13], outline=HIGHLIGHT, width=4)
            taken.append((cx - 15, cy - 15, cx + 15, cy + 15))
        _label(draw, projection, country, taken, size=34, fill=INK, halo=(255, 255, 255), upper=False, beside=small)
    for country in sorted((known[code] for code, _rings in shapes), key=lambda country: -_bbox_area(country.bbox)):
        if country.code not in covered_codes:
            _label(draw, projection, country, taken, size=19, fill=MUTED_INK, halo=LAND, upper=True)
    _legend(draw, len(covered))
    return LocatorMap(image=image, projection=projection, names=[country.name for country in covered])


def _bbox_area(bbox) -> float:
    return (bbox[2] - bbox[0]) * (bbox[3] - bbox[1])


def _frame(covered: list[boundaries.Country]) -> Projection:
    """The projection and framing that show every covered country with room around it, at 16:9."""
    west = min(c.bbox[0] for c in covered)
    east = max(c.bbox[2] for c in covered)
    south = min(c.bbox[1] for c in covered)
    north = max(c.bbox[3] for c in covered)
    regional = east - west <= 75 and north - south <= 50
    if regional:
        lon0, lat0 = (west + east) / 2, (south + north) / 2
        base = Projection("regional", lon0, lat0, 0, 0, 1)
        padding, minimum = 0.35, 0.30
    else:
        base = Projection("world", 0.0, 0.0, 0, 0, 1)
        padding, minimum = 0.12, 1.2
    xs, ys = [], []
    for country in covered:
        for ring in country.rings:
            ring_west, ring_south = ring.min(axis=0)
            ring_east, ring_north = ring.max(axis=0)
            inside = country.bbox[0] - 1 <= ring_west and ring_east <= country.bbox[2] + 1
            if inside and country.bbox[1] - 1 <= ring_south and ring_north <= country.bbox[3] + 1:
                x, y, _ok = base.raw(ring[:, 0], ring[:, 1])
                xs.extend((x.min(), x.max()))
                ys.extend((y.min(), y.max()))
    left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
    span_x = max(right - left, minimum) * (1 + 2 * padding)
    span_y = max(top - bottom, minimum * 0.5) * (1 + 2 * padding)
    aspect = SIZE[0] / SIZE[1]
    span_x, span_y = max(span_x, span_y * aspect), max(span_y, span_x / aspect)
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    # Leave the legend's corner a little more room.
    centre_y -= span_y * 0.04
    return Projection(base.kind, base.lon0, base.lat0, centre_x - span_x / 2, centre_y + span_y / 2, SIZE[0] / span_x)


def _rings_in_frame(projection: Projection, width: int, height: int) -> list[tuple[str, list[list[tuple]]]]:
    """Each country's rings that show in the frame, in drawing pixels, with points closer than a pixel merged."""
    outlines = boundaries.outlines()
    x, y, ok = projection.pixels(outlines.points[:, 0], outlines.points[:, 1])
    x, y = x * SCALE, y * SCALE
    starts = outlines.starts
    visible = (
        np.logical_and.reduceat(ok, starts)
        & (np.maximum.reduceat(x, starts) >= 0)
        & (np.minimum.reduceat(x, starts) <= width)
        & (np.maximum.reduceat(y, starts) >= 0)
        & (np.minimum.reduceat(y, starts) <= height)
        & (
            (np.maximum.reduceat(x, starts) - np.minimum.reduceat(x, starts) >= 2)
            | (np.maximum.reduceat(y, starts) - np.minimum.reduceat(y, starts) >= 2)
        )
    )
    ends = [*starts[1:], len(x)]
    by_country: dict[str, list[list[tuple]]] = {}
    for index in np.flatnonzero(visible):
        start, end = starts[index], ends[index]
        points = np.round(np.column_stack([x[start:end], y[start:end]]) * 2) / 2
        keep = np.ones(len(points), dtype=bool)
        keep[1:] = np.any(np.abs(np.diff(points, axis=0)) >= 1.5, axis=1)
        points = points[keep]
        if len(points) > 2:
            by_country.setdefault(outlines.codes[index], []).append([tuple(p) for p in points.tolist()])
    return list(by_country.items())


def _graticule(draw: ImageDraw.ImageDraw, projection: Projection) -> None:
    step = 5 if projection.kind == "regional" else 20
    for lon in range(-180, 181, step):
        lat = np.linspace(-85, 85, 171)
        _polyline(draw, projection, np.full_like(lat, lon), lat)
    for lat_line in range(-80, 81, step):
        lon = np.linspace(-180, 180, 361)
        _polyline(draw, projection, lon, np.full_like(lon, lat_line))


def _polyline(draw, projection, lon, lat) -> None:
    x, y, ok = projection.pixels(lon, lat)
    width = SIZE[0]
    segment: list[tuple[float, float]] = []
    for px, py, visible in zip(x.tolist(), y.tolist(), ok.tolist(), strict=True):
        jump = segment and abs(px - segment[-1][0]) > width / 2
        if not visible or jump:
            if len(segment) > 1:
                draw.line(segment, fill=GRATICULE, width=1)
            segment = []
        if visible:
            segment.append((px, py))
    if len(segment) > 1:
        draw.line(segment, fill=GRATICULE, width=1)


def _label(draw, projection, country, taken, *, size, fill, halo, upper, beside=False) -> None:
    # Pillow's bundled face has no accented capitals: "Åland" is set as "Aland", as many atlases do.
    text = "".join(c for c in unicodedata.normalize("NFKD", country.name) if not unicodedata.combining(c))
    text = text.upper() if upper else text
    x, y = projection.point(*country.label)
    face = font(size)
    if beside:
        x += 24 + draw.textlength(text, font=face) / 2
    left, top, right, bottom = draw.textbbox((x, y), text, font=face, anchor="mm", stroke_width=3)
    margin = 8
    if left < margin or top < margin or right > SIZE[0] - margin or bottom > SIZE[1] - 130:
        if upper:
            return
        x = min(max(x, (right - left) / 2 + margin), SIZE[0] - (right - left) / 2 - margin)
        y = min(max(y, (bottom - top) / 2 + margin), SIZE[1] - 140)
        left, top, right, bottom = draw.textbbox((x, y), text, font=face, anchor="mm", stroke_width=3)
    box = (left - 6, top - 4, right + 6, bottom + 4)
    if upper and any(_overlap(box, other) for other in taken):
        return
    taken.append(box)
    draw.text((x, y), text, font=face, fill=fill, anchor="mm", stroke_width=3 if not upper else 2, stroke_fill=halo)


def _overlap(a, b) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def _legend(draw: ImageDraw.ImageDraw, count: int) -> None:
    x, y = 36, SIZE[1] - 112
    draw.rounded_rectangle([x, y, x + 470, y + 84], radius=6, fill=blend(LAND, (255, 255, 255), 0.6), outline=BORDER)
    draw.rectangle([x + 18, y + 18, x + 48, y + 40], fill=HIGHLIGHT)
    label = "Country covered in this article" if count == 1 else "Countries covered in this article"
    draw.text((x + 62, y + 29), label, font=font(22), fill=INK, anchor="lm")
    credit = f"Tribune graphics · boundaries: {boundaries.SOURCE} {boundaries.version()}"
    draw.text((x + 18, y + 62), credit, font=font(17), fill=MUTED_INK, anchor="lm")
