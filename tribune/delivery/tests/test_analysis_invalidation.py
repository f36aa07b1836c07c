"""The analysis's reader pages stay inside the page cache: a publish, an unpublish, a re-analysis of a live article
and an editor's decision forget exactly the stored entity pages, country pages and dossiers they change, in every
edition, and leave the others stored."""

import pytest

from tribune.analysis.models import ArticleEntity, Decision, Entity
from tribune.analysis.services import article_footprint, entity_decision_record
from tribune.analysis.tests.conftest import body_of
from tribune.delivery import invalidation
from tribune.delivery.page_cache import HEADER

pytestmark = pytest.mark.usefixtures("page_cache_on")

PAIR = "/countries/kenya/tanzania/"


def stored(client, *paths):
    for path in paths:
        client.get(path)
        assert client.get(path)[HEADER] == "hit", path


def test_an_articles_paths_include_its_entities_speakers_and_pairs_in_every_edition(publish):
    article = publish()

    paths = invalidation.article_paths(article.pk)

    for prefix in ("", "/hi", "/ru"):
        assert {
            f"{prefix}/countries/kenya/",
            f"{prefix}/countries/tanzania/",
            f"{prefix}{PAIR}",
            f"{prefix}/people/halima-oduya/",
            f"{prefix}/regions/east-africa/",
            f"{prefix}/feeds/people/halima-oduya/rss/",
            f"{prefix}/feeds/countries/kenya/atom/",
        } <= paths
    assert "/countries/tanzania/kenya/" not in paths  # the reversed address only redirects
    footprint = article_footprint(article.pk)
    assert Entity.objects.get(key="person:halima-oduya").pk in footprint.entity_ids


def test_a_new_piece_about_the_pair_reaches_the_stored_dossier_and_country_pages(client, publish):
    publish(slug="lake-port")
    stored(client, PAIR, "/countries/kenya/", "/people/halima-oduya/", "/experts/")

    second = publish(
        slug="border-clinic",
        title="Tanzania and Kenya open a clinic at their busiest crossing",
        standfirst="A shared health post at Namanga is meant to shorten the queues.",
        body=body_of("Officials from Tanzania and Kenya opened a shared clinic on Monday."),
    )

    dossier = client.get(PAIR)
    assert dossier[HEADER] == "miss" and second.title in dossier.content.decode()
    assert second.title in client.get("/countries/kenya/").content.decode()


def test_an_editors_rejection_forgets_the_entitys_stored_page_and_the_articles_panel(
    client, publish, editor, django_capture_on_commit_callbacks
):
    article = publish()
    stored(client, "/regions/east-africa/", article.url, "/people/halima-oduya/")
    link = ArticleEntity.objects.get(article=article, entity__key="region:east-africa")

    with django_capture_on_commit_callbacks(execute=True):
        entity_decision_record(link=link, status=Decision.REJECTED, user=editor)

    assert client.get("/regions/east-africa/").status_code == 404
    page = client.get(article.url)
    assert page[HEADER] == "miss" and 'href="/regions/east-africa/"' not in page.content.decode()


def test_re_analysis_of_a_live_article_forgets_the_pages_it_leaves(client, publish, django_capture_on_commit_callbacks):
    article = publish()
    stored(client, "/people/halima-oduya/")

    # Published again without Halima Oduya: her ledger and her page no longer have the piece.
    page = article.get_latest_revision_as_object()
    page.body = body_of("Negotiators from Kenya and Tanzania met in Arusha this week to settle the berths' costs.")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert client.get("/people/halima-oduya/").status_code == 404


def test_an_unpublish_takes_the_piece_off_the_stored_entity_pages(client, publish, django_capture_on_commit_callbacks):
    article = publish()
    stored(client, "/countries/kenya/", PAIR)

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()

    assert article.title not in client.get("/countries/kenya/").content.decode()
    assert client.get(PAIR).status_code == 404


def test_renaming_a_linked_entity_forgets_the_site(client, publish, django_capture_on_commit_callbacks):
    article = publish()
    stored(client, article.url, "/regions/east-africa/")
    region = Entity.objects.get(key="region:east-africa")
    region.name = "Eastern Africa"

    with django_capture_on_commit_callbacks(execute=True):
        region.save()

    assert "Eastern Africa" in client.get(article.url).content.decode()
    assert "Eastern Africa" in client.get("/regions/east-africa/").content.decode()


def test_analysing_the_same_live_text_again_forgets_nothing(publish, django_capture_on_commit_callbacks):
    from tribune.analysis import runs
    from tribune.delivery.models import PendingInvalidation

    article = publish()
    before = PendingInvalidation.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        runs.article_analyse(page_id=article.pk, revision_id=article.live_revision_id, force=True)

    assert PendingInvalidation.objects.count() == before  # a backfill of an unchanged archive purges nothing
