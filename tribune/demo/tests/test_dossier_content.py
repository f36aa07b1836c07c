"""The demo gives the analysis layer's reader pages something to show: pairs of countries that are principal together
in an article (the relationship dossiers), named and anonymous sources, and figures. Read as the background analysis
reads an article (``text.article_text`` over the loader's own blocks), with the extraction alone: no database."""

from types import SimpleNamespace

from tribune.analysis.extraction import analyse
from tribune.analysis.extraction.entities import PRINCIPAL
from tribune.analysis.text import article_text
from tribune.demo.loader import ALL_ARTICLES, body_blocks

PAK_RUS = frozenset({"country:PAK", "country:RUS"})
KEN_TZA = frozenset({"country:KEN", "country:TZA"})
DOSSIER_SLUGS = {
    "pakistan-russia-clearing-account-wheat-fuel": PAK_RUS,
    "pakistan-russia-oil-payment-channel-discount": PAK_RUS,
    "kenya-tanzania-border-lorry-queues-agreement": KEN_TZA,
}
# The content files give countries as ISO alpha-2 codes, the extraction as alpha-3.
ALPHA_2 = {"country:PAK": "PK", "country:RUS": "RU", "country:KEN": "KE", "country:TZA": "TZ"}


def _analysed(data: dict):
    body = [{"type": kind, "value": value} for kind, value in body_blocks(data["body"], {}, {})]
    text = article_text(
        SimpleNamespace(title=data["title"], standfirst=data["standfirst"], body=SimpleNamespace(raw_data=body))
    )
    return text, analyse(text.headline, text.standfirst, text.body)


def _principal_countries(analysis) -> frozenset[str]:
    return frozenset(
        entity.id for entity in analysis.entities if entity.kind == "country" and entity.salience == PRINCIPAL
    )


def test_two_pairs_of_countries_are_principal_together_one_of_them_in_articles_weeks_apart():
    pairs: dict[frozenset, list[dict]] = {}
    for data in ALL_ARTICLES:
        principal = _principal_countries(_analysed(data)[1])
        if len(principal) >= 2:
            pairs.setdefault(principal, []).append(data)
    assert set(pairs) == {PAK_RUS, KEN_TZA}
    assert {data["slug"] for articles in pairs.values() for data in articles} == set(DOSSIER_SLUGS)
    days = sorted(data["days_ago"] for data in pairs[PAK_RUS])
    assert len(days) == 2 and days[1] - days[0] >= 21


def test_dossier_articles_carry_named_and_anonymous_sources_and_figures():
    for slug, countries in DOSSIER_SLUGS.items():
        data = next(data for data in ALL_ARTICLES if data["slug"] == slug)
        text, analysis = _analysed(data)
        assert _principal_countries(analysis) == countries, slug
        assert {ALPHA_2[country] for country in countries} == set(data["countries"]), slug
        named = [quote for quote in analysis.quotes if quote.speaker.on_record]
        anonymous = [quote for quote in analysis.quotes if not quote.speaker.on_record]
        assert named and all(quote.speaker.entity_id.startswith("person:") and quote.speaker.role for quote in named)
        assert anonymous and all(quote.speaker.entity_id is None and quote.speaker.description for quote in anonymous)
        blocks = {quote.on_record for quote in text.block_quotes}
        assert blocks == {True, False}, slug
        assert all(quote.description for quote in text.block_quotes if not quote.on_record)
        units = {figure.unit for figure in analysis.figures}
        assert {"USD", "percent"} <= units and units & {"tonnes", "barrels_per_day"}, slug
        kinds = {entity.kind for entity in analysis.entities}
        assert {"org", "region", "person"} <= kinds, slug
