"""Feed addresses. Each article feed comes in RSS and Atom, summaries (``<subject>/rss/``) or full text
(``<subject>/full/rss/``); ``FEED_NAMES`` lists the URL names per subject, for whatever must find them all (the page
cache forgets them on publish)."""

from django.urls import path

from .feeds import (
    FEED_FORMATS,
    ArticleFeed,
    ContributorFeed,
    CorrectionFeed,
    CountryFeed,
    OrganisationFeed,
    PersonFeed,
    RegionFeed,
    SectionFeed,
    TopicFeed,
)

# subject: (address prefix, URL-name prefix, feed class)
ARTICLE_FEEDS = {
    "site": ("", "feed", ArticleFeed),
    "section": ("sections/<uslug:slug>/", "section_feed", SectionFeed),
    "contributor": ("experts/<uslug:slug>/", "contributor_feed", ContributorFeed),
    "topic": ("topics/<uslug:slug>/", "topic_feed", TopicFeed),
    # The analysis's subjects: the feed beside each entity page (``tribune.analysis.urls``).
    "country": ("countries/<uslug:slug>/", "country_feed", CountryFeed),
    "person": ("people/<uslug:slug>/", "person_feed", PersonFeed),
    "organisation": ("organisations/<uslug:slug>/", "organisation_feed", OrganisationFeed),
    "region": ("regions/<uslug:slug>/", "region_feed", RegionFeed),
}

urlpatterns = []
FEED_NAMES: dict[str, list[str]] = {}
for subject, (prefix, name, feed_class) in ARTICLE_FEEDS.items():
    FEED_NAMES[subject] = []
    for feed_format in FEED_FORMATS:
        urlpatterns += [
            path(f"{prefix}{feed_format}/", feed_class(feed_format), name=f"{name}_{feed_format}"),
            path(
                f"{prefix}full/{feed_format}/",
                feed_class(feed_format, full_text=True),
                name=f"{name}_full_{feed_format}",
            ),
        ]
        FEED_NAMES[subject] += [f"{name}_{feed_format}", f"{name}_full_{feed_format}"]
FEED_NAMES["corrections"] = [f"corrections_feed_{feed_format}" for feed_format in FEED_FORMATS]
urlpatterns += [
    path(f"corrections/{feed_format}/", CorrectionFeed(feed_format), name=f"corrections_feed_{feed_format}")
    for feed_format in FEED_FORMATS
]
