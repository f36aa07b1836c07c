"""Helpers for the analysis tests: one article analysed, its entities, quotes and figures as plain JSON."""

import pytest

from tribune.analysis.extraction import analyse


def analysed(body: str = "", *, headline: str = "", standfirst: str = "") -> dict:
    return analyse(headline, standfirst, body).as_json()


def linked(body: str = "", **zones) -> list[tuple[str, str]]:
    """(mention text, entity id) pairs in text order."""
    result = analysed(body, **zones)
    pairs = [
        (mention["start"], mention["text"], entity["id"])
        for entity in result["entities"]
        for mention in entity["mentions"]
    ]
    return [(text, entity_id) for _, text, entity_id in sorted(pairs)]


@pytest.fixture
def analyse_article():
    return analysed


# The Django side: articles published through the newsroom's service, with what their commit queues run at once
# (the immediate task backend), so the analysis runs as the worker would run it.

HEADLINE = "Kenya and Tanzania haggle over a lake port"
STANDFIRST = "Nairobi wants the berths finished by March; Dodoma wants a bigger share of the fees."
PARAGRAPHS = [
    "Negotiators from Kenya and Tanzania met in Arusha this week to settle who pays for the new berths, which "
    "will cost $240 million. The East African Community is watching closely, and so are traders across East Africa.",
    "“We will not sign a deal that leaves our traders paying twice,” said Halima Oduya, a trade economist at the "
    "Mombasa Corridor Institute. Freight volumes fell 12 per cent last year.",
    "A diplomat at the Tanzanian ministry said: “Nobody is walking away from this port.”",
]


def body_of(*paragraphs: str) -> list:
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


@pytest.fixture
def publish(section, django_capture_on_commit_callbacks):
    """Publish an article (created, or updated by slug) and run what its commit queues."""
    from tests.factories import make_article

    def run(**fields):
        fields.setdefault("title", HEADLINE)
        fields.setdefault("standfirst", STANDFIRST)
        fields.setdefault("body", body_of(*PARAGRAPHS))
        with django_capture_on_commit_callbacks(execute=True):
            article = make_article(section, **fields)
        article.refresh_from_db()
        return article

    return run


@pytest.fixture
def save_draft(django_capture_on_commit_callbacks):
    """Save a new draft revision of ``article`` with ``fields`` changed, running what its commit queues."""
    from tribune.newsroom.models import ArticlePage

    def run(article, **fields):
        page = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
        for name, value in fields.items():
            setattr(page, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            revision = page.save_revision()
        return revision

    return run
