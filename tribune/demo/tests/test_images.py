"""The demo's pictures: drawn by the project, the same bytes for the same seed, maps that highlight the countries an
article covers, distinct portraits, and structured credits and alt texts set by the loader."""

import io
from collections import Counter

import pytest
from PIL import Image

from tribune.demo.artwork import boundaries
from tribune.demo.artwork.charts import comparable_figures
from tribune.demo.artwork.maps import HIGHLIGHT, LAND, locator_map
from tribune.demo.artwork.portraits import portrait
from tribune.demo.content.articles_economy_science import ARTICLES as ECONOMY_SCIENCE
from tribune.demo.content.articles_world import ARTICLES as WORLD
from tribune.demo.content.contributors import CONTRIBUTORS
from tribune.demo.images import lead_artwork, portrait_artwork, section_artwork
from tribune.demo.loader import _image

ARTICLES = [*WORLD, *ECONOMY_SCIENCE]
needs_boundaries = pytest.mark.skipif(not boundaries.available(), reason="the boundaries package is not installed")


def _close(pixel, colour, tolerance=6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


@pytest.mark.parametrize(
    "make", [lambda: section_artwork("health", "seed", year=2026), lambda: portrait_artwork("a", "A")]
)
def test_the_same_seed_draws_the_same_bytes(make):
    assert make().make().read() == make().make().read()


@needs_boundaries
def test_a_map_highlights_the_covered_countries_and_mutes_their_neighbours():
    drawn = locator_map(["PK", "RU"])
    assert drawn.names == ["Pakistan", "Russia"]
    # Inside Pakistan (Balochistan), inside Siberia, and inside Afghanistan, a neighbour.
    for lon, lat, colour in ((65.5, 27.5, HIGHLIGHT), (100.0, 62.0, HIGHLIGHT), (64.0, 33.5, LAND)):
        x, y = drawn.projection.point(lon, lat)
        assert _close(drawn.image.getpixel((round(x), round(y))), colour), (lon, lat)


@needs_boundaries
def test_a_regional_map_is_framed_around_its_countries():
    drawn = locator_map(["KE", "TZ"])
    assert drawn.projection.kind == "regional"
    width, height = drawn.image.size
    # Northern Kenya and southern Tanzania (clear of their labels), then Uganda, a neighbour.
    for lon, lat, colour in ((39.5, 2.5, HIGHLIGHT), (36.0, -9.0, HIGHLIGHT), (32.5, 1.5, LAND)):
        x, y = drawn.projection.point(lon, lat)
        assert 0.15 * width < x < 0.85 * width and 0.1 * height < y < 0.9 * height
        assert _close(drawn.image.getpixel((round(x), round(y))), colour)


def test_the_twelve_experts_portraits_differ():
    images = [portrait(data["slug"]) for data in CONTRIBUTORS]
    # Clearly different: no two share their backdrop, clothing and face colours all at once.
    signatures = [(im.getpixel((20, 20)), im.getpixel((240, 440)), im.getpixel((240, 230))) for im in images]
    assert len(set(signatures)) == len(images)
    assert len({im.tobytes() for im in images}) == len(images)


def test_lead_images_are_a_mix_of_maps_charts_and_illustrations():
    kinds = Counter(lead_artwork(data, year=2026).kind for data in ARTICLES)
    assert kinds["chart"] == sum(1 for data in ARTICLES if comparable_figures(data["body"]))
    assert kinds["illustration"] >= 10
    if boundaries.available():
        assert kinds["map"] >= 10


@pytest.mark.django_db
@needs_boundaries
def test_the_loader_stores_a_map_with_its_credit_and_alt_text():
    artwork = next(lead_artwork(a, year=2026) for a in ARTICLES if lead_artwork(a, year=2026).kind == "map")
    image = _image(artwork, title="Map test")
    assert image.alt_text.startswith("Map of ")
    assert " and " in image.alt_text or len(image.alt_text.split()) <= 4
    assert (image.agency, image.photographer, image.year_taken) == (
        "Tribune graphics",
        "Map, boundaries: Natural Earth",
        2026,
    )
    assert image.credit_line == "© TRIBUNE GRAPHICS 2026 / MAP, BOUNDARIES: NATURAL EARTH"
    with image.open_file() as stored:
        assert Image.open(io.BytesIO(stored.read())).size == (1600, 900)


@pytest.mark.django_db
def test_the_loader_credits_charts_with_their_source_and_illustrations_as_illustrations():
    data = next(a for a in ARTICLES if comparable_figures(a["body"]))
    chart = _image(lead_artwork(data, year=2026), title="Chart test")
    assert chart.agency == "Tribune graphics"
    assert chart.photographer.startswith("Chart, source: ")
    assert chart.alt_text.startswith("Bar chart, ")
    portrait_image = _image(portrait_artwork("amara-okafor", "Amara Okafor", year=2026), title="Portrait test")
    assert (portrait_image.agency, portrait_image.photographer) == ("Tribune", "Illustration")
    assert portrait_image.alt_text == "Illustrated portrait of Amara Okafor"
