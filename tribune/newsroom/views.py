"""Reader pages that live outside the page tree: expert directory and profiles, topics, corrections. (Country pages
are the analysis app's: ``tribune.analysis.views``.)"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import get_object_or_404, render

from tribune.contributors.models import Contributor, Expertise
from tribune.core.conf import page_size
from tribune.core.pagination import paginate
from tribune.core.shared_caches import vouch_for_page
from tribune.core.text import query_param
from tribune.taxonomy.models import Country, Topic

from . import selectors


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
