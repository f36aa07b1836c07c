"""Reader pages of the analysis: an entity's page (a person, organisation or region), a country's page with its
relationships, and the dossier of a pair of countries. Thin: what they show comes from ``coverage``."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from tribune.core.conf import page_size
from tribune.core.pagination import paginate
from tribune.core.shared_caches import vouch_for_page
from tribune.newsroom import selectors as newsroom_selectors
from tribune.taxonomy.models import Country
from tribune.taxonomy.services import country_for_former_slug

from . import coverage, selectors
from .models import EntityKind

# The feed beside each kind's page (``tribune.syndication.urls``); an editors' country with no ISO country has none.
FEEDS = {
    EntityKind.PERSON: "person_feed",
    EntityKind.ORGANISATION: "organisation_feed",
    EntityKind.REGION: "region_feed",
}


def _paginated_cards(request, queryset):
    page = paginate(queryset, request.GET.get("page"), page_size(), max_pages=settings.TRIBUNE_LISTING_MAX_PAGES)
    page.object_list = newsroom_selectors.attach_sections(page.object_list)
    vouch_for_page(request, page.number)
    return page


def _survivor_redirect(entity):
    """A merged entity's address leads, permanently, to the page of the entity it was merged into."""
    survivor = selectors.resolve(entity.key)
    if survivor is None or survivor.pk == entity.pk:
        raise Http404
    return redirect(survivor.get_absolute_url(), permanent=True)


def entity_detail(request, kind: str, slug: str):
    entity = coverage.entity_for_page(kind, slug)
    if entity is None:
        raise Http404
    if entity.is_merged:
        return _survivor_redirect(entity)
    # The knowledge base knows far more people and organisations than Tribune has written about: a page with
    # nothing on it is not one.
    if not coverage.has_coverage(entity):
        raise Http404
    articles = _paginated_cards(request, coverage.entity_articles(entity))
    analysis = coverage.entity_page(entity) if articles.number == 1 else coverage.EntityPage(entity=entity)
    context = {"entity": entity, "articles": articles, "analysis": analysis, "feed": FEEDS.get(kind)}
    return render(request, "analysis/entity_detail.html", context)


def country_detail(request, slug: str):
    country = Country.objects.filter(slug=slug).first()
    if country is None and (renamed := country_for_former_slug(slug)) is not None:
        return redirect(renamed.get_absolute_url(), permanent=True)
    if country is None:
        # A country entity of the editors' own (no ISO country): its page is an entity page.
        entity = coverage.entity_for_page(EntityKind.COUNTRY, slug)
        if entity is None:
            raise Http404
        if entity.is_merged:
            return _survivor_redirect(entity)
        if entity.country_id:
            return redirect(entity.country.get_absolute_url(), permanent=True)
        return entity_detail(request, EntityKind.COUNTRY, slug)
    entity = coverage.country_entity(country)
    if entity is not None and entity.is_merged:
        entity = selectors.resolve(entity.key)
    articles = _paginated_cards(request, coverage.entity_articles(entity, country))
    analysis = coverage.entity_page(entity, country) if articles.number == 1 else coverage.EntityPage(entity=entity)
    context = {"country": country, "entity": entity, "articles": articles, "analysis": analysis}
    return render(request, "analysis/country_detail.html", context)


def _country_entity_by_slug(slug: str):
    country = Country.objects.filter(slug=slug).first() or country_for_former_slug(slug)
    if country is None:
        raise Http404
    entity = coverage.country_entity(country)
    if entity is None:
        raise Http404
    return country, entity


def country_pair(request, first: str, second: str):
    """The dossier of two countries principal together in at least one published article; the reversed address
    redirects to the one address (``coverage.pair_order``)."""
    if first == second:
        raise Http404
    first_country, first_entity = _country_entity_by_slug(first)
    second_country, second_entity = _country_entity_by_slug(second)
    ordered = coverage.pair_order(first_country.slug, second_country.slug)
    if ordered != (first, second):
        return redirect(reverse("country_pair", kwargs={"first": ordered[0], "second": ordered[1]}), permanent=True)
    articles = _paginated_cards(request, coverage.pair_articles(first_entity, second_entity))
    if not articles.paginator.count:
        raise Http404
    dossier = coverage.dossier(first_entity, second_entity) if articles.number == 1 else None
    context = {
        "first": first_country,
        "second": second_country,
        "articles": articles,
        "dossier": dossier,
    }
    return render(request, "analysis/country_pair.html", context)
