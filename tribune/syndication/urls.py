from django.urls import path

from .feeds import ArticleFeed, ContributorFeed, CorrectionFeed, SectionFeed, TopicFeed

urlpatterns = [
    path("rss/", ArticleFeed("rss"), name="feed_rss"),
    path("atom/", ArticleFeed("atom"), name="feed_atom"),
    path("sections/<uslug:slug>/rss/", SectionFeed("rss"), name="section_feed_rss"),
    path("sections/<uslug:slug>/atom/", SectionFeed("atom"), name="section_feed_atom"),
    path("experts/<uslug:slug>/rss/", ContributorFeed("rss"), name="contributor_feed_rss"),
    path("experts/<uslug:slug>/atom/", ContributorFeed("atom"), name="contributor_feed_atom"),
    path("topics/<uslug:slug>/rss/", TopicFeed("rss"), name="topic_feed_rss"),
    path("topics/<uslug:slug>/atom/", TopicFeed("atom"), name="topic_feed_atom"),
    path("corrections/rss/", CorrectionFeed("rss"), name="corrections_feed_rss"),
    path("corrections/atom/", CorrectionFeed("atom"), name="corrections_feed_atom"),
]
