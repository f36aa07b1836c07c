"""The demo home page's curated front: one block of every kind, so a fresh demo shows what editors can compose."""

from tribune.newsroom.models import ArticlePage, HomePage, SectionPage, SeriesPage
from tribune.newsroom.services import front_publish

LEAD = "europe-grid-security-energy-transition"
TOP_STORIES = ["why-election-observers-still-matter"]
SERIES = "energy-transition"
SECTION = "analysis"


def front_build(home: HomePage) -> None:
    """Publish the demo's front on ``home``. A piece, series or section the demo did not load leaves its block to
    the automatic choice (tests load a few articles only)."""
    articles = {a.slug: a for a in ArticlePage.objects.filter(slug__in=[LEAD, *TOP_STORIES], locale_id=home.locale_id)}
    series = SeriesPage.objects.filter(slug=SERIES, locale_id=home.locale_id).first()
    section = SectionPage.objects.child_of(home).filter(slug=SECTION).first()
    front_publish(
        page=home,
        blocks=[
            ("lead", {"article": articles.get(LEAD)}),
            ("top_stories", {"articles": [articles[slug] for slug in TOP_STORIES if slug in articles], "count": 4}),
            ("opinion", {"heading": "", "articles": [], "count": 4}),
            ("series", {"series": series, "count": 3}),
            ("most_read", None),
            ("experts", {"heading": "", "count": 4}),
            ("sections", {"section": section, "count": 3}),
            ("sections", {"section": None, "count": 3}),
        ],
    )
