"""The demo's pictures, made by the project and never downloaded (``demo.artwork``): each article's lead image is
chosen by what it covers — a chart of its key figures when they compare, else a locator map of its countries or an
abstract composition for its section, picked by its slug so a front page shows a mix — and each expert gets an
illustrated portrait. Credits go in the image model's own fields: the maker as agency, the kind of picture and its
data source in the photographer's place."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.images import ImageFile

from .artwork.charts import comparable_figures, key_figures_chart
from .artwork.common import jpeg_file, stable_index
from .artwork.portraits import portrait
from .artwork.scenes import section_scene

GRAPHICS = "Tribune graphics"
ILLUSTRATION = "Illustration"
SECTION_NAMES = {
    "opinion": "opinion",
    "analysis": "analysis",
    "politics": "politics",
    "economics": "economics",
    "sci-tech": "science and technology",
    "health": "health",
}
SCENE_SUBJECTS = {
    "economics": "out-of-focus market screens, coloured lights and price lines",
    "politics": "a colonnade and flags in soft focus",
    "sci-tech": "glowing circuit traces on a dark board",
    "health": "cells under a microscope in soft pastel light",
    "analysis": "contour lines glowing on a dark ground",
    "opinion": "light falling through window blinds onto a wall",
}
# The running series' pictures are their subjects' compositions.
SERIES_SCENES = {"energy-transition": "sci-tech", "crowded-election-year": "politics"}


@dataclass
class Artwork:
    """A picture to store: ``make`` draws it (only when the image is not stored yet), ``fields`` for image_create."""

    kind: str  # "map", "chart" or "illustration"
    make: Callable[[], ImageFile]
    fields: dict = field(default_factory=dict)


def lead_artwork(data: dict, *, year: int) -> Artwork:
    """The lead image for one of the demo's article dicts (slug, section, countries, body)."""
    slug, countries = data["slug"], data.get("countries") or []
    chart = comparable_figures(data.get("body") or [])
    if chart is not None:
        title, figures, source = chart
        described = "; ".join(f"{figure.label}: {figure.shown}" for figure in figures)
        return Artwork(
            "chart",
            lambda: jpeg_file(key_figures_chart(title, figures, source), f"{slug}-chart.jpg"),
            {
                "alt_text": f"Bar chart, {title}. {described}"[:255],
                "caption": f"{title}.",
                "agency": GRAPHICS,
                "photographer": f"Chart, source: {source}"[:120],
                "year_taken": year,
                "licence": "All rights reserved",
            },
        )
    if countries and stable_index(slug, 2) == 0 and maps_available():
        from .artwork import boundaries
        from .artwork.maps import covered_names, locator_map

        names = covered_names(countries)
        if names:
            listed = _listed(names)
            return Artwork(
                "map",
                lambda: jpeg_file(locator_map(countries).image, f"{slug}-map.jpg"),
                {
                    "alt_text": f"Map of {listed}",
                    "caption": f"{listed}, the {'country' if len(names) == 1 else 'countries'} this article covers.",
                    "agency": GRAPHICS,
                    "photographer": f"Map, boundaries: {boundaries.SOURCE}",
                    "year_taken": year,
                    "licence": f"All rights reserved; boundaries public domain ({boundaries.SOURCE})",
                },
            )
    return section_artwork(data["section"], slug, year=year)


def maps_available() -> bool:
    """Maps need the boundaries package and numpy, demo-only dependencies (requirements-dev.txt); without them
    every article gets a chart or a composition."""
    try:
        from .artwork import boundaries
    except ImportError:
        return False
    return boundaries.available()


def section_artwork(section: str, seed: str, *, year: int) -> Artwork:
    subject = SCENE_SUBJECTS.get(section, SCENE_SUBJECTS["analysis"])
    return Artwork(
        "illustration",
        lambda: jpeg_file(section_scene(section, seed), f"{seed}-illustration.jpg"),
        {
            "alt_text": f"Abstract illustration: {subject}",
            "caption": "",
            "agency": "Tribune",
            "photographer": ILLUSTRATION,
            "year_taken": year,
            "licence": "All rights reserved",
        },
    )


def series_artwork(slug: str, *, year: int) -> Artwork:
    return section_artwork(SERIES_SCENES.get(slug, "analysis"), f"series-{slug}", year=year)


def portrait_artwork(slug: str, name: str, *, year: int | None = None) -> Artwork:
    year = year or datetime.date.today().year
    return Artwork(
        "illustration",
        lambda: jpeg_file(portrait(slug), f"{slug}.jpg", quality=90),
        {
            "alt_text": f"Illustrated portrait of {name}",
            "agency": "Tribune",
            "photographer": ILLUSTRATION,
            "year_taken": year,
            "licence": "All rights reserved",
        },
    )


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
