"""Key figures: a record made from an article's accepted figure, figures of other articles linked to it, links that
outlive re-analysis, values over time, the published articles citing an older value, and the key figures of
entities for their pages in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import UserFactory
from tribune.analysis import selectors, services
from tribune.analysis.models import Decision, Entity, FigureMention, KeyFigure, KeyFigureEntity, KeyFigureValue
from tribune.newsroom.models import ArticlePage

from .conftest import body_of

DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def section_editor(editor, section):
    editor.groups.add(Group.objects.get(name=f"Editors · {section.slug}"))
    return editor


def usd_figure(article, *, revision_id=None) -> FigureMention:
    revision_id = revision_id or ArticlePage.objects.get(pk=article.pk).live_revision_id
    return FigureMention.objects.select_related("article").get(article=article, unit="USD", revision_id=revision_id)


def accepted(figure: FigureMention, user) -> FigureMention:
    return services.figure_decision_record(figure=figure, status=Decision.ACCEPTED, user=user)


def berths_cost(article, user, **fields) -> KeyFigure:
    """A key figure made from the article's "$240 million", as an editor saves it from the analysis screen."""
    values = {"label": "Cost of the lake port's berths", "value": Decimal(240_000_000), "as_of": DAY}
    values.update(source="Kenya Ports Authority", **fields)
    return services.key_figure_create(unit="", figure=accepted(usd_figure(article), user), user=user, **values)


def cited(key_figure) -> set[tuple[str, Decimal, bool]]:
    return {(c.article.title, c.value, c.cites_old_value) for c in selectors.key_figure_citations(key_figure)}


def test_a_figure_saved_as_a_key_figure_takes_its_unit_and_the_article_cites_it(publish, section_editor):
    article = publish()
    pakistan = Entity.objects.get(key="country:PAK")

    key_figure = berths_cost(article, section_editor, entities=[pakistan])

    assert (key_figure.unit, key_figure.value, key_figure.as_of) == ("USD", Decimal(240_000_000), DAY)
    assert list(key_figure.entities.all()) == [pakistan]
    [first] = key_figure.values.all()
    assert (first.value, first.as_of, first.source, first.recorded_by) == (
        Decimal(240_000_000),
        DAY,
        "Kenya Ports Authority",
        section_editor,
    )
    assert usd_figure(article).key_figure == key_figure
    [citation] = selectors.key_figure_citations(key_figure)
    assert citation.article.pk == article.pk and citation.text == "$240 million" and not citation.cites_old_value


def test_only_an_accepted_figure_becomes_a_key_figure(publish, section_editor):
    article = publish()

    with pytest.raises(ValidationError):
        services.key_figure_create(
            label="Cost",
            unit="USD",
            value=Decimal(1),
            as_of=DAY,
            source="Someone",
            figure=usd_figure(article),  # still a suggestion
            user=section_editor,
        )

    assert not KeyFigure.objects.exists()


def test_saving_and_linking_figures_needs_the_article_and_the_key_figure_permissions(publish, section_editor):
    article = publish()
    figure = accepted(usd_figure(article), section_editor)
    key_figure = berths_cost(article, section_editor)
    services.figure_link(figure=figure, key_figure=None, user=section_editor)
    other_desk = UserFactory(username="other-desk", is_staff=True)
    other_desk.groups.add(Group.objects.get(name="Editors"))  # key figure rights, but may not edit this article
    section_only = UserFactory(username="section-only", is_staff=True)
    section_only.groups.add(Group.objects.get(name="Editors · analysis"))  # edits the article, no key figure rights

    for user in (other_desk, section_only, None):
        with pytest.raises(PermissionDenied):
            services.figure_link(figure=figure, key_figure=key_figure, user=user)
        with pytest.raises(PermissionDenied):
            services.key_figure_create(
                label="Cost", unit="USD", value=Decimal(1), as_of=DAY, source="X", figure=figure, user=user
            )
    with pytest.raises(PermissionDenied):
        services.key_figure_value_set(key_figure=key_figure, value=Decimal(1), as_of=DAY, source="X", user=section_only)

    assert usd_figure(article).key_figure is None and KeyFigure.objects.count() == 1


def test_a_figure_links_only_to_a_key_figure_of_its_unit(publish, section_editor):
    article = publish()
    key_figure = berths_cost(article, section_editor)
    percent = accepted(
        FigureMention.objects.select_related("article").get(article=article, unit="percent"), section_editor
    )

    with pytest.raises(ValidationError):
        services.figure_link(figure=percent, key_figure=key_figure, user=section_editor)

    assert FigureMention.objects.get(pk=percent.pk).key_figure is None


def test_re_analysis_keeps_the_link_and_a_rejected_figure_loses_it(publish, section_editor, save_draft):
    article = publish()
    key_figure = berths_cost(article, section_editor)

    revision = save_draft(article, standfirst="The berths' bill is still unpaid.")

    newest = usd_figure(article, revision_id=revision.pk)
    assert newest.key_figure == key_figure and newest.status == Decision.ACCEPTED
    assert usd_figure(article).key_figure == key_figure  # the live revision's row too

    publish(slug=article.slug, standfirst="The berths' bill is paid.")  # published again: analysed again

    live = usd_figure(article)
    assert live.revision_id != revision.pk and live.key_figure == key_figure

    services.figure_decision_record(figure=live, status=Decision.REJECTED, user=section_editor)

    assert not FigureMention.objects.filter(article=article, key_figure__isnull=False).exists()
    assert selectors.key_figure_citations(key_figure) == []


def test_a_new_value_lists_exactly_the_published_articles_citing_the_old_one(
    publish, section_editor, save_draft, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    # A: "$240 million", saved as the key figure. B: "US$240 million", other words for the same value. C: "$250
    # million". D: cites it, then unpublished. E: published without the figure, which only its draft adds.
    a = publish()
    key_figure = berths_cost(a, section_editor)

    def linked(article, *, revision_id=None):
        figure = accepted(usd_figure(article, revision_id=revision_id), section_editor)
        services.figure_link(figure=figure, key_figure=key_figure, user=section_editor)

    b = publish(
        slug="b", title="Berths, again", body=body_of("The port authority says the berths cost US$240 million.")
    )
    c = publish(slug="c", title="A dearer port", body=body_of("Kenya's treasury now puts the berths at $250 million."))
    d = publish(slug="d", title="Withdrawn piece", body=body_of("The berths will cost $240 million, Kenya says."))
    e = publish(slug="e", title="Still drafting", body=body_of("Kenya and Tanzania keep talking about the berths."))
    for article in (b, c, d):
        linked(article)
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=d.pk).unpublish()
    draft = save_draft(e, body=body_of("Kenya and Tanzania keep talking about the $240 million berths."))
    linked(e, revision_id=draft.pk)

    with django_assert_max_num_queries(3):  # however many articles cite it
        selectors.key_figure_citations(key_figure)
    assert cited(key_figure) == {
        (a.title, Decimal(240_000_000), False),
        ("Berths, again", Decimal(240_000_000), False),
        ("A dearer port", Decimal(250_000_000), True),
    }

    services.key_figure_value_set(
        key_figure=key_figure,
        value=Decimal(250_000_000),
        as_of=DAY.replace(month=6),
        source="Treasury",
        user=section_editor,
    )

    key_figure.refresh_from_db()
    assert (key_figure.value, key_figure.as_of, key_figure.source) == (
        Decimal(250_000_000),
        DAY.replace(month=6),
        "Treasury",
    )
    outdated = selectors.key_figure_outdated_citations(key_figure)
    assert [(citation.article.pk, citation.value) for citation in outdated] == [
        (a.pk, Decimal(240_000_000)),  # newest first (the factory dates each article a second before the last)
        (b.pk, Decimal(240_000_000)),
    ]
    assert [row.value for row in key_figure.values.order_by("as_of")] == [Decimal(240_000_000), Decimal(250_000_000)]


def test_a_range_cites_a_value_inside_it():
    assert selectors.cites_value(Decimal(15), Decimal(20), Decimal(17))
    assert not selectors.cites_value(Decimal(15), Decimal(20), Decimal(21))
    assert not selectors.cites_value(Decimal(15), None, Decimal(17))
    assert selectors.cites_value(Decimal("15.000000"), None, Decimal(15))


def test_an_earlier_value_joins_the_history_and_the_same_date_corrects_the_current_value(publish, section_editor):
    article = publish()
    key_figure = berths_cost(article, section_editor)
    earlier = DAY - datetime.timedelta(days=365)

    services.key_figure_value_set(
        key_figure=key_figure, value=Decimal(200_000_000), as_of=earlier, source="Old estimate", user=section_editor
    )
    key_figure.refresh_from_db()
    assert key_figure.value == Decimal(240_000_000) and key_figure.as_of == DAY  # still the current value

    services.key_figure_value_set(
        key_figure=key_figure,
        value=Decimal(245_000_000),
        as_of=DAY,
        source="Kenya Ports Authority",
        user=section_editor,
    )
    key_figure.refresh_from_db()
    assert key_figure.value == Decimal(245_000_000)
    history = [(row.as_of, row.value) for row in KeyFigureValue.objects.filter(key_figure=key_figure)]
    assert history == [(earlier, Decimal(200_000_000)), (DAY, Decimal(245_000_000))]
    # The article states 240 million: no longer the current value.
    assert [c.cites_old_value for c in selectors.key_figure_citations(key_figure)] == [True]


def make_key_figure(label: str, entities, values: int) -> KeyFigure:
    key_figure = KeyFigure.objects.create(
        label=label, unit="USD", value=Decimal(values), as_of=DAY + datetime.timedelta(days=values), source="IMF"
    )
    for order, entity in enumerate(entities):
        KeyFigureEntity.objects.create(key_figure=key_figure, entity=entity, sort_order=order)
    for n in range(1, values + 1):
        KeyFigureValue.objects.create(
            key_figure=key_figure, value=Decimal(n), as_of=DAY + datetime.timedelta(days=n), source="IMF"
        )
    return key_figure


def test_the_key_figures_of_entities_come_with_their_history_in_two_queries_however_many(
    db, django_assert_max_num_queries
):
    pakistan, india, kenya = (Entity.objects.get(key=f"country:{code}") for code in ("PAK", "IND", "KEN"))
    make_key_figure("Pakistan's external debt", [pakistan], 1)
    make_key_figure("Kenya's port traffic", [kenya], 2)

    with django_assert_max_num_queries(2):
        few = [
            (key_figure.label, [row.value for row in key_figure.history])
            for key_figure in selectors.entity_key_figures([pakistan.pk])
        ]
    assert few == [("Pakistan's external debt", [Decimal(1)])]

    for n in range(2, 8):
        make_key_figure(f"Pakistan figure {n}", [pakistan, india] if n % 2 else [pakistan], n)

    with django_assert_max_num_queries(2):
        many = [
            (key_figure.label, [row.as_of for row in key_figure.history])
            for key_figure in selectors.entity_key_figures([pakistan.pk, india.pk])
        ]
    assert [label for label, _dates in many] == [
        "Pakistan figure 2",
        *(f"Pakistan figure {n}" for n in range(3, 8)),
        "Pakistan's external debt",
    ]
    assert all(dates == sorted(dates) and len(dates) >= 1 for _label, dates in many)  # oldest first
    assert len(many[-2][1]) == 7

    with django_assert_max_num_queries(2):
        shared = [key_figure.label for key_figure in selectors.entity_key_figures([pakistan.pk, india.pk], every=True)]
    assert shared == ["Pakistan figure 3", "Pakistan figure 5", "Pakistan figure 7"]
    assert list(selectors.entity_key_figures([])) == []


def test_merging_entities_moves_their_key_figures(section_editor, db):
    old = Entity.objects.create(key="org:lake-board", kind="org", name="Lake Board", slug="lake-board")
    survivor = Entity.objects.create(
        key="org:lake-basin-authority", kind="org", name="Lake Basin Authority", slug="lba"
    )
    only_old = make_key_figure("Fish catch", [old], 1)
    both = make_key_figure("Licences", [old, survivor], 1)

    services.entity_merge(entity=old, into=survivor, user=section_editor)

    assert list(only_old.entities.all()) == [survivor] and list(both.entities.all()) == [survivor]
    assert [kf.label for kf in selectors.entity_key_figures([survivor.pk])] == ["Fish catch", "Licences"]
