"""Reader pages that live outside the page tree: expert directory and profiles, topics, corrections. (Country pages
are the analysis app's: ``tribune.analysis.views``.)"""

import re
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from tribune.contributors.models import Contributor, Expertise
from tribune.core.conf import page_size
from tribune.core.pagination import paginate
from tribune.core.shared_caches import vouch_for_page
from tribune.core.text import query_param
from tribune.taxonomy.models import Country, Topic

from . import selectors
from .models import SectionPage


def _paginated_cards(request, queryset):
    page = paginate(queryset, request.GET.get("page"), page_size(), max_pages=settings.TRIBUNE_LISTING_MAX_PAGES)
    page.object_list = selectors.attach_sections(page.object_list)
    vouch_for_page(request, page.number)
    return page


def contributor_directory(request):
    contributors = selectors.public_contributors()
    expertise = Expertise.objects.filter(slug=query_param(request, "expertise")).first()
    country = Country.objects.filter(code=query_param(request, "country").upper()).first()
    if expertise:
        contributors = contributors.filter(expertise=expertise)
    if country:
        contributors = contributors.filter(country=country)
    page = paginate(contributors, request.GET.get("page"), 24)
    vouch_for_page(request, page.number)
    context = {
        "contributors": page,
        "expertise_options": Expertise.objects.filter(contributors__live=True).distinct(),
        "country_options": Country.objects.filter(pk__in=Contributor.objects.public().values("country")),
        "selected_expertise": expertise,
        "selected_country": country,
        "filter_query": urlencode(
            {
                key: value
                for key, value in (
                    ("expertise", getattr(expertise, "slug", "")),
                    ("country", getattr(country, "code", "")),
                )
                if value
            }
        ),
    }
    return render(request, "newsroom/contributor_directory.html", context)


def contributor_detail(request, slug):
    contributor = get_object_or_404(selectors.public_contributors().prefetch_related("links"), slug=slug)
    articles = _paginated_cards(request, selectors.contributor_articles(contributor))
    return render(request, "newsroom/contributor_detail.html", {"contributor": contributor, "articles": articles})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = _paginated_cards(request, selectors.topic_articles(topic))
    return render(request, "newsroom/topic_detail.html", {"topic": topic, "articles": articles})


def corrections(request):
    """Recent corrections and updates across the site, newest first, each linking to its article."""
    corrections = paginate(selectors.recent_corrections(), request.GET.get("page"), page_size())
    corrections.object_list = selectors.attach_correction_sections(corrections.object_list)
    vouch_for_page(request, corrections.number)
    return render(request, "newsroom/corrections.html", {"corrections": corrections})


# The style guide's colour tokens: the custom properties of the stylesheet's light :root and of its dark-theme one.
COLOUR_TOKEN = re.compile(r"--(?P<name>[a-z-]+):\s*(?P<value>#[0-9a-fA-F]{3,8})\s*;")
TYPE_STEP = re.compile(r"--(?P<name>step-{1,2}\d):\s*(?P<value>[0-9.]+rem)\s*;")


def _stylesheet_tokens() -> tuple[list[dict], list[dict]]:
    css = Path(finders.find("frontend/css/tribune.css")).read_text()
    light = css[css.index(":root {") : css.index("}", css.index(":root {"))]
    dark_start = css.index(":root {", css.index("@media (prefers-color-scheme: dark)"))
    dark = dict(COLOUR_TOKEN.findall(css[dark_start : css.index("}", dark_start)]))
    colours = [
        {"name": name, "light": value, "dark": dark.get(name, value)} for name, value in COLOUR_TOKEN.findall(light)
    ]
    steps = [{"name": name, "size": size} for name, size in TYPE_STEP.findall(light)]
    return colours, steps


@never_cache
def styleguide(request):
    """The living style guide, for developers only (404 unless DEBUG): the type scale and colours read from the
    stylesheet itself, and the components drawn by the real templates with the database's own articles."""
    if not settings.DEBUG:
        raise Http404
    colours, steps = _stylesheet_tokens()
    edition = selectors.published_articles().filter(locale__language_code=get_language())
    articles = selectors.attach_sections(selectors.with_card_data(edition)[:12])
    opinion = next((article for article in articles if article.is_opinion), None)
    sections = list(SectionPage.objects.live().public().filter(locale__language_code=get_language()).order_by("path"))
    first_section = list(selectors.section_articles(sections[0])[:3]) if sections else []
    for article in first_section:
        article.section = sections[0]
    return render(
        request,
        "newsroom/styleguide.html",
        {
            "colours": colours,
            "steps": steps,
            "articles": articles,
            "opinion": opinion,
            "section_block": {"section": sections[0], "articles": first_section} if sections else None,
            "contributors": list(selectors.public_contributors()[:2]),
        },
    )
