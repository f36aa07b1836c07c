from django.urls import path

from .feeds import ArticleFeed, ContributorFeed, SectionFeed, TopicFeed

urlpatterns = [
    path("rss/", ArticleFeed("rss"), name="feed_rss"),
    path("atom/", ArticleFeed("atom"), name="feed_atom"),
    path("sections/<slug:slug>/rss/", SectionFeed("rss"), name="section_feed_rss"),
    path("sections/<slug:slug>/atom/", SectionFeed("atom"), name="section_feed_atom"),
    path("experts/<slug:slug>/rss/", ContributorFeed("rss"), name="contributor_feed_rss"),
    path("experts/<slug:slug>/atom/", ContributorFeed("atom"), name="contributor_feed_atom"),
    path("topics/<slug:slug>/rss/", TopicFeed("rss"), name="topic_feed_rss"),
    path("topics/<slug:slug>/atom/", TopicFeed("atom"), name="topic_feed_atom"),
]
