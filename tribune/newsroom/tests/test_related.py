"""Related articles: editors' picks first, then the closest published pieces; never the article itself."""

import datetime

from django.utils import timezone

from tests.factories import make_article
from tribune.newsroom.models import ArticleRelatedPick
from tribune.newsroom.selectors import related_articles
from tribune.taxonomy.models import Country


def ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def test_editor_picks_come_first_in_their_order(section, other_section):
    article = make_article(section, topics=["trade"])
    pick_b = make_article(other_section, title="Pick B")
    pick_a = make_article(other_section, title="Pick A")
    make_article(section, title="Same topic", topics=["trade"])
    article.related_picks = [
        ArticleRelatedPick(article=pick_b, sort_order=0),
        ArticleRelatedPick(article=pick_a, sort_order=1),
    ]
    article.save_revision().publish()

    related = [a.title for a in related_articles(article)]

    assert related[:3] == ["Pick B", "Pick A", "Same topic"]


def test_shared_topics_outrank_shared_countries_which_outrank_the_same_section(section, other_section):
    kenya = Country.objects.get(code="KE")
    article = make_article(section, topics=["water", "drought"], countries=[kenya], published_at=ago(100))
    make_article(section, title="Same section only", published_at=ago(1))
    make_article(other_section, title="Same country", countries=[kenya], published_at=ago(2))
    make_article(other_section, title="Two topics", topics=["water", "drought"], published_at=ago(50))
    make_article(other_section, title="Unrelated", topics=["space"], published_at=ago(1))

    related = [a.title for a in related_articles(article)]

    assert related == ["Two topics", "Same country", "Same section only"]


def test_related_never_lists_the_article_itself_or_unpublished_pieces(section):
    article = make_article(section, topics=["trade"])
    withdrawn = make_article(section, title="Withdrawn", topics=["trade"])
    article.related_picks = [ArticleRelatedPick(article=withdrawn, sort_order=0)]
    article.save_revision().publish()
    withdrawn.unpublish()
    live = make_article(section, title="Live", topics=["trade"])

    related = related_articles(article)

    assert [a.pk for a in related] == [live.pk]


def test_related_articles_carry_their_section_for_the_card(client, section):
    article = make_article(section, topics=["trade"])
    make_article(section, title="Neighbour", topics=["trade"])

    html = client.get(article.url).content.decode()

    assert "Related analysis" in html
    assert "Neighbour" in html
