"""Related coverage ranked with the analysis: shared entities weighted by how central they are to both pieces, the
likeness of their words (TF-IDF), recency decay; editors' picks still first; a rejected link, a draft's words and an
unpublished piece never count; and a ranking that costs the same queries however many candidates there are."""

import datetime
import math

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_article
from tribune.analysis.extraction.terms import cosine, term_counts, weighted
from tribune.analysis.models import ArticleEntity, ArticleTerms, Decision, TermStat
from tribune.analysis.services import entity_decision_record
from tribune.newsroom.models import ArticleRelatedPick
from tribune.newsroom.selectors import related_articles

from .conftest import body_of

GLUT = (
    "The IMF and OPEC+ argue over who pays for the oil glut",
    "A lender and a cartel read the same price charts differently.",
    "The International Monetary Fund wants producers to cut subsidies; OPEC+ wants the fund to soften its loan "
    "terms. Both blame the glut on the other. The IMF has said its programmes cannot absorb another price fall, and "
    "OPEC+ ministers meet next month.",
)
BLAME = (
    "OPEC+ and the IMF trade blame as crude slides",
    "The fund's economists and the cartel's ministers disagree on subsidies.",
    "OPEC+ ministers say the IMF is pushing importers too hard; the IMF says the cartel kept output too high for too "
    "long. Neither side expects prices to recover before spring.",
)
HARBOUR = (
    "A harbour town rebuilds its fish market",
    "Stalls return after the storm, slowly.",
    "Traders in the harbour town reopened the covered fish market after repairs that took most of the year. One "
    "stallholder noted that an IMF report once called the town's port a model, but nobody here reads it. The new "
    "roof leaks less than the old one, the traders say, and the ice machines work again.",
)
BRINE = (
    "Desalination plants and the brine they leave behind",
    "Coastal cities want fresh water; fishermen count the cost of the salty discharge.",
    "Desalination plants along the coast pump brine back into shallow bays, where the salt and the chemicals used to "
    "clean membranes settle on seagrass. Engineers propose diffusers that spread the brine further out; fishermen "
    "want the plants to pay for monitoring the seagrass beds.",
)
BRINE_AGAIN = (
    "Who monitors the brine from desalination?",
    "Seagrass surveys lag behind the plants' expansion.",
    "The desalination plants doubled their output, but the brine diffusers were never installed, and nobody funds "
    "the seagrass surveys the fishermen asked for. Membranes are cleaned with chemicals that end up in the bays.",
)
OPERA = (
    "The opera house reopens with a new stage",
    "A season of premieres after three years of building work.",
    "The opera house opened its doors again with a premiere, a new orchestra pit and seats that finally let the "
    "audience see the whole stage. Tickets for the season sold out within a week.",
)


def days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def piece(django_capture_on_commit_callbacks):
    """Publish a piece with this text in this section, running its analysis as the worker would."""

    def run(section, text, *, days=0.0, **fields):
        headline, standfirst, body = text
        with django_capture_on_commit_callbacks(execute=True):
            article = make_article(
                section,
                title=headline,
                standfirst=standfirst,
                body=body_of(body),
                published_at=days_ago(days) - datetime.timedelta(seconds=1),
                **fields,
            )
        article.refresh_from_db()
        return article

    return run


def titles(article) -> list[str]:
    return [related.title for related in related_articles(article)]


# The words


def test_terms_are_content_words_folded_with_headline_and_standfirst_counting_double():
    counts = term_counts("Sanctions bite", "", "The sanction was said to bite in 2024, as sanctions do. Gas crisis.")

    assert counts["sanction"] == 4  # "Sanctions" in the headline (2), "sanction" and "sanctions" in the body
    assert counts["bite"] == 3
    assert counts["gas"] == counts["crisis"] == 1  # no plural "s" taken from these
    assert not {"the", "was", "said", "2024", "as", "do"} & set(counts)


def test_vectors_have_length_one_and_rare_terms_weigh_more():
    counts = term_counts("", "", "brine brine port port")
    vector = weighted(counts, {"port": 90, "brine": 1}, documents=100)

    assert math.isclose(sum(weight * weight for weight in vector.values()), 1.0, abs_tol=1e-4)
    assert vector["brine"] > vector["port"]
    assert cosine(vector, vector) == pytest.approx(1.0, abs=1e-4)
    assert cosine(vector, weighted(term_counts("", "", "opera stage"), {}, 100)) == 0


# The ranking


def test_pieces_sharing_central_entities_outrank_a_newer_piece_of_the_same_section(piece, section, other_section):
    glut = piece(section, GLUT)
    blame = piece(other_section, BLAME, days=10)
    piece(section, OPERA, days=0.1)

    assert titles(glut) == [BLAME[0], OPERA[0]]
    assert ArticleEntity.objects.filter(article=blame, entity__key="org:imf", salience="principal").exists()


def test_an_entity_a_piece_leads_with_counts_more_than_one_it_mentions_in_passing(piece, section):
    glut = piece(section, GLUT)
    piece(section, HARBOUR, days=0.1)  # the IMF named once, in a story about a fish market
    piece(section, BLAME, days=0.2)

    assert titles(glut)[:2] == [BLAME[0], HARBOUR[0]]


def test_a_rejected_link_counts_for_nothing(piece, section, other_section, editor):
    glut = piece(section, GLUT)
    blame = piece(other_section, BLAME, days=1)
    for link in ArticleEntity.objects.filter(article=blame):
        entity_decision_record(link=link, status=Decision.REJECTED, user=editor)

    assert BLAME[0] not in titles(glut)  # shares no topic, country or section: only the entities brought it


def test_alike_words_outrank_a_newer_piece_on_another_subject(piece, section):
    brine = piece(section, BRINE)
    piece(section, BRINE_AGAIN, days=5)
    piece(section, OPERA, days=1)

    assert titles(brine) == [BRINE_AGAIN[0], OPERA[0]]
    vectors = dict(ArticleTerms.objects.values_list("article__title", "vector"))
    assert cosine(vectors[BRINE[0]], vectors[BRINE_AGAIN[0]]) > 0.1
    assert cosine(vectors[BRINE[0]], vectors[OPERA[0]]) == 0


def test_points_decay_with_age_so_a_year_old_twin_gives_way_to_this_weeks_piece(piece, section):
    brine = piece(section, BRINE)
    piece(section, BRINE_AGAIN, days=400)
    piece(section, OPERA, days=2)

    assert titles(brine) == [OPERA[0], BRINE_AGAIN[0]]


def test_editors_picks_still_come_first(piece, section, other_section):
    glut = piece(section, GLUT)
    piece(other_section, BLAME, days=1)
    opera = piece(other_section, OPERA, days=3)
    glut.related_picks = [ArticleRelatedPick(article=opera, sort_order=0)]
    glut.save_revision().publish()

    assert titles(glut) == [OPERA[0], BLAME[0]]


def test_only_the_live_texts_words_count(piece, section, save_draft):
    brine = piece(section, BRINE)
    opera = piece(section, OPERA, days=1)
    piece(section, HARBOUR, days=0.5)
    save_draft(opera, body=body_of(BRINE_AGAIN[2]))  # a draft about brine, not published

    terms = ArticleTerms.objects.get(article=opera)
    assert terms.revision_id == opera.live_revision_id
    assert "brine" not in terms.counts
    assert titles(brine) == [HARBOUR[0], OPERA[0]]  # by date alone: neither shares a word that counts


def test_a_republished_text_moves_the_document_frequencies(piece, section, django_capture_on_commit_callbacks):
    brine = piece(section, BRINE)
    piece(section, BRINE_AGAIN, days=1)
    assert TermStat.objects.get(term="brine").documents == 2

    brine.title, brine.body = OPERA[0], body_of(OPERA[2])
    with django_capture_on_commit_callbacks(execute=True):
        brine.save_revision().publish()

    assert TermStat.objects.get(term="brine").documents == 1
    assert TermStat.objects.get(term="opera").documents == 1
    brine.refresh_from_db()
    assert ArticleTerms.objects.get(article=brine).revision_id == brine.live_revision_id


def test_analyse_archive_terms_stores_missing_words_and_weighs_again(piece, section):
    brine = piece(section, BRINE)
    again = piece(section, BRINE_AGAIN, days=1)
    ArticleTerms.objects.filter(article=again).delete()
    TermStat.objects.update(documents=50)  # stale counts
    again.unpublish()
    piece(section, OPERA, days=2)

    call_command("analyse_archive", "--terms", verbosity=0)

    assert set(ArticleTerms.objects.values_list("article__title", flat=True)) == {BRINE[0], OPERA[0]}
    assert TermStat.objects.get(term="brine").documents == 1  # the unpublished piece's words no longer count
    assert TermStat.objects.get(term="opera").documents == 1
    assert ArticleTerms.objects.get(article=brine).vector


def test_the_ranking_costs_the_same_queries_however_many_candidates(piece, section, other_section):
    glut = piece(section, GLUT)
    piece(other_section, BLAME, days=1)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            related_articles(glut)
        return len(captured)

    queries()  # what a first request caches (the site, the locales) is not the ranking's
    few = queries()
    for n in range(8):
        piece(other_section if n % 2 else section, BLAME if n % 2 else BRINE_AGAIN, days=2 + n, slug=f"more-{n}")
    assert queries() == few
