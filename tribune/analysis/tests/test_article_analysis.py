"""Saving and publishing an article queue its analysis; what it finds is stored as suggestions, mentions, quotes and
figures, editors' decisions outlive re-analysis, an older revision finishing late changes nothing, and a failure
is recorded without getting in the way of publishing."""

import pytest

from tribune.analysis import runs
from tribune.analysis.models import (
    AnalysisRun,
    ArticleEntity,
    Decision,
    Entity,
    FigureMention,
    Mention,
    QuoteRecord,
    QuoteSource,
    RunOutcome,
    Salience,
)
from tribune.analysis.services import entity_decision_record
from tribune.newsroom.models import ArticlePage

from .conftest import PARAGRAPHS, body_of


def links(article) -> dict[str, ArticleEntity]:
    return {link.entity.key: link for link in ArticleEntity.objects.filter(article=article).select_related("entity")}


def test_publishing_an_article_stores_its_suggestions_mentions_quotes_and_figures(publish):
    article = publish()

    found = links(article)
    assert found["country:KEN"].salience == Salience.PRINCIPAL
    halima = found["person:halima-oduya"]
    assert halima.status == Decision.SUGGESTED and halima.entity.name == "Halima Oduya"
    kenya_mentions = Mention.objects.filter(article=article, entity__key="country:KEN")
    assert {mention.text for mention in kenya_mentions} >= {"Kenya", "Nairobi"}
    first = kenya_mentions.order_by("start").first()
    assert first.revision_id == article.live_revision_id and first.sentence_start <= first.start < first.sentence_end
    quotes = QuoteRecord.objects.filter(article=article).order_by("start")
    assert [(q.speaker_name, q.on_record) for q in quotes] == [("Halima Oduya", True), ("", False)]
    assert quotes[0].speaker.key == "person:halima-oduya" and quotes[0].said_on == article.first_published_at.date()
    assert "diplomat" in quotes[1].description
    assert {(f.text, f.unit) for f in FigureMention.objects.filter(article=article)} == {
        ("$240 million", "USD"),
        ("12 per cent", "percent"),
    }
    run = AnalysisRun.objects.get(article=article)
    assert run.outcome == RunOutcome.OK and run.revision_id == article.live_revision_id and run.attempts == 1


def test_a_surely_found_principal_country_is_accepted_and_joins_the_articles_countries(publish):
    article = publish()

    kenya = links(article)["country:KEN"]
    assert kenya.status == Decision.ACCEPTED and kenya.decided_by is None
    live = ArticlePage.objects.get(pk=article.pk)
    assert {country.code for country in live.countries.all()} >= {"KE", "TZ"}
    # The revisions hold the relation too: the next publish of the latest revision keeps the countries.
    assert set(live.get_latest_revision().content["countries"]) >= {kenya.entity.country_id}


def test_with_auto_accept_off_countries_are_only_suggested(publish, settings):
    settings.TRIBUNE_ANALYSIS_AUTO_ACCEPT_COUNTRIES = False

    article = publish()

    assert links(article)["country:KEN"].status == Decision.SUGGESTED
    assert not ArticlePage.objects.get(pk=article.pk).countries.exists()


def test_re_analysis_keeps_decisions_and_never_brings_back_a_rejected_suggestion(publish, editor, save_draft):
    article = publish()
    found = links(article)
    entity_decision_record(link=found["person:halima-oduya"], status=Decision.ACCEPTED, user=editor)
    entity_decision_record(link=found["country:TZA"], status=Decision.REJECTED, user=editor)

    # Halima is gone from the new text, Tanzania is still there and Uganda is new.
    save_draft(
        article,
        body=body_of(PARAGRAPHS[0], "Uganda wants a say as well, and Tanzania says it can wait.", PARAGRAPHS[2]),
    )

    found = links(article)
    assert found["person:halima-oduya"].status == Decision.ACCEPTED
    assert found["person:halima-oduya"].mention_count == 0
    assert found["country:TZA"].status == Decision.REJECTED and found["country:TZA"].mention_count >= 2
    assert found["country:UGA"].status in (Decision.SUGGESTED, Decision.ACCEPTED)
    assert "org:mombasa-corridor-institute" not in found  # a suggestion no longer found goes


def test_an_older_revision_finishing_late_does_not_overwrite_a_newer_ones_results(publish, monkeypatch):
    article = publish()
    page = ArticlePage.objects.get(pk=article.pk)
    page.body = body_of("Uganda and Rwanda agreed to share the new berths.")
    newer = page.save_revision()  # its analysis not run yet: the commit's callbacks are not executed here
    analyse = runs.analyse

    def slow(*args, **kwargs):
        """The older revision's analysis takes long: meanwhile another worker analyses the newer revision."""
        monkeypatch.setattr(runs, "analyse", analyse)
        result = analyse(*args, **kwargs)
        assert runs.article_analyse(page_id=article.pk, revision_id=newer.pk).outcome == RunOutcome.OK
        return result

    monkeypatch.setattr(runs, "analyse", slow)

    older = runs.article_analyse(page_id=article.pk, revision_id=article.live_revision_id, force=True)

    assert older.outcome == RunOutcome.SUPERSEDED
    assert Mention.objects.filter(article=article, entity__key="country:RWA", revision_id=newer.pk).exists()
    assert links(article)["country:RWA"].revision_id == newer.pk
    # Once a still newer revision exists, ``newer`` is neither the latest nor the live one: not analysed at all (its
    # successor's run is queued).
    page.save_revision()
    assert runs.article_analyse(page_id=article.pk, revision_id=newer.pk) is None


def test_a_failing_analysis_is_recorded_retried_a_few_times_and_publishing_still_succeeds(publish, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the extractor broke")

    monkeypatch.setattr(runs, "analyse", broken)

    article = publish()

    assert ArticlePage.objects.get(pk=article.pk).live
    run = AnalysisRun.objects.get(article=article, revision_id=article.live_revision_id)
    assert run.outcome == RunOutcome.FAILED and "the extractor broke" in run.error
    assert run.attempts == 3  # TRIBUNE_ANALYSIS_MAX_ATTEMPTS, then no more
    assert not ArticleEntity.objects.filter(article=article).exists()


def test_attributed_quote_blocks_join_the_quote_ledger(publish, contributor):
    quote = {"text": "Ports are built on trust.", "speaker": contributor.name, "role": "Fellow"}
    quote["contributor"] = contributor
    article = publish(body=[*body_of(PARAGRAPHS[0]), ("quote", quote)], contributors=[contributor])

    record = QuoteRecord.objects.get(article=article, source=QuoteSource.BLOCK)
    assert record.words == "Ports are built on trust." and record.role == "Fellow"
    assert record.speaker == Entity.objects.get(contributor=contributor)


def test_an_anonymous_quote_block_joins_the_ledger_described_and_a_named_speaker_by_the_editors_entity(publish):
    anonymous = {"text": "The convoy left at night.", "on_record": False, "source_description": "a port official"}
    named = {"text": "Tariffs are a tax on patience.", "speaker": "The bloc", "speaker_entity": "org:sco"}
    article = publish(body=[*body_of(PARAGRAPHS[0]), ("quote", anonymous), ("quote", named)])

    records = QuoteRecord.objects.filter(article=article, source=QuoteSource.BLOCK).order_by("start")
    assert [(r.on_record, r.speaker_name, r.description, r.speaker) for r in records[:1]] == [
        (False, "", "a port official", None)
    ]
    assert records[1].on_record and records[1].speaker.key == "org:sco"


def test_translations_in_other_editions_are_not_analysed(publish, django_capture_on_commit_callbacks):
    from tests.factories import make_translation

    article = publish()
    with django_capture_on_commit_callbacks(execute=True):
        translated = make_translation(article, "hi", title="केन्या और तंज़ानिया")

    assert not AnalysisRun.objects.filter(article_id=translated.pk).exists()


@pytest.fixture
def waiting_backend(settings):
    """A task backend that keeps what is queued, with the time it may run, as the worker's database does."""
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return task_backends["default"]


def queued_analyses(backend) -> list:
    return [result for result in backend.results if result.task.name == "analyse_article"]


def test_a_publish_queues_one_analysis_at_once_and_a_draft_one_that_waits(
    publish, save_draft, waiting_backend, settings
):
    article = publish()

    [published] = queued_analyses(waiting_backend)
    assert published.task.run_after is None and published.args[:2] == [article.pk, article.live_revision_id]

    settings.TRIBUNE_ANALYSIS_DRAFT_DELAY_SECONDS = 20
    save_draft(article, standfirst="Still haggling.")
    drafted = queued_analyses(waiting_backend)[1]
    assert drafted.task.run_after is not None  # autosaves while typing: only the last revision gets analysed
