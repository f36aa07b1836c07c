"""Tribune's page types: home, sections, articles, series, and the editorial settings they share."""

from functools import partial

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, MultipleChooserPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import Picture
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from tribune.core import fragments
from tribune.core.models import SocialMetaMixin
from tribune.core.text import reading_minutes, word_count

from .blocks import ArticleBodyBlock
from .front_blocks import FrontBlock, SectionFrontBlock

# Lead images are 16:9, up to full HD; the browser picks a width from srcset.
LEAD_IMAGE_SIZES = ("640x360", "960x540", "1280x720", "1920x1080")


class DiscussionMode(models.TextChoices):
    OPEN = "open", _("Open")
    PREMODERATED = "premoderated", _("Pre-moderated: comments appear after approval")
    CLOSED = "closed", _("Closed: read-only")


class ArticleKind(models.TextChoices):
    OPINION = "opinion", _("Opinion")
    ANALYSIS = "analysis", _("Analysis")
    NEWS = "news", _("News")
    INTERVIEW = "interview", _("Interview")
    EXPLAINER = "explainer", _("Explainer")


class ArticlePageQuerySet(PageQuerySet):
    def published(self):
        """The one definition of "readers may see this": live, not behind a view restriction, already out,
        and not under embargo."""
        now = timezone.now()
        return (
            self.live()
            .public()
            .filter(first_published_at__lte=now)
            .filter(models.Q(embargo_until__isnull=True) | models.Q(embargo_until__lte=now))
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class HomePage(SocialMetaMixin, Page):
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    lead_story = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Used while the front above is empty. Leave empty to lead with the newest article that has a lead "
            "image, a standfirst and a full-length body."
        ),
    )
    front = StreamField(
        FrontBlock(),
        verbose_name=_("front"),
        blank=True,
        help_text=_(
            "The blocks of the front page, top to bottom. Leave empty for the automatic front: lead story, top "
            "stories, opinion, a series, most read, experts and a row per section."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        FieldPanel("front"),
        MultiFieldPanel(
            [
                FieldPanel("lead_story"),
                MultipleChooserPanel(
                    "top_story_picks", chooser_field_name="article", label=_("Top stories"), max_num=6
                ),
                MultipleChooserPanel(
                    "series_in_focus", chooser_field_name="series", label=_("Series in focus"), max_num=3
                ),
            ],
            heading=_("Automatic front"),
            help_text=_("Choices the automatic front follows while the front above is empty."),
            classname="collapsed",
        ),
    ]
    promote_panels = SocialMetaMixin.promote_panels

    parent_page_types = ["wagtailcore.Page"]
    # The masthead is a page type of the editorial app, which owns the roles it lists (named, not imported).
    subpage_types = [
        "newsroom.SectionPage",
        "newsroom.SeriesIndexPage",
        "newsroom.StandardPage",
        "editorial.MastheadPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Resolve an address in one indexed lookup on ``url_path`` (an article joined in, the usual case) instead
        of Wagtail's walk of one query and one ``specific`` per level. No page type below overrides ``route``
        (a test keeps it so), which is what makes the shortcut equivalent; anything not found takes the walk."""
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = None
            if len(path_components) > 1:  # articles sit below a section: try them first, in one query
                # The body is read only when a stored fragment of it has to be built again.
                page = ArticlePage.objects.defer_streamfields().filter(url_path=url_path).first()
            if page is None:
                page = Page.objects.filter(url_path=url_path).specific().first()
            if page is not None and page.path.startswith(self.path):
                return page.route(request, [])
        return super().route(request, path_components)

    def get_meta_description(self) -> str:
        return self.search_description or self.tagline

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return {**context, **_front_context(self)}


def _front_context(page) -> dict:
    """The front's parts (no query) and, lazily, its resolved blocks: they are stored as fragments and built again
    only once per content change."""
    from .fronts import front_content, front_plan

    content = SimpleLazyObject(lambda: front_content(page))
    plan = front_plan(page)
    for part in plan:
        if "stored" in part:
            part["blocks"] = SimpleLazyObject(partial(_front_part, content, part["stored"]))
    return {"front_plan": plan, "front_shows_most_read": any(part.get("most_read") for part in plan)}


def _front_part(content, index: int) -> list:
    return content[index]


class HomeTopStory(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="top_story_picks")
    article = models.ForeignKey(
        "newsroom.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]


class HomeSeriesInFocus(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="series_in_focus")
    series = models.ForeignKey(
        "newsroom.SeriesPage", verbose_name=_("series"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("series")]


class SectionPage(SocialMetaMixin, Page):
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link"])
    default_discussion_mode = models.CharField(
        _("discussion on new articles"), max_length=20, choices=DiscussionMode.choices, default=DiscussionMode.OPEN
    )
    requires_second_review = models.BooleanField(
        _("requires a second review"),
        default=False,
        help_text=_("Sensitive section: articles need a chief editor's approval after the section editor's."),
    )

    front = StreamField(
        SectionFrontBlock(),
        verbose_name=_("front"),
        blank=True,
        help_text=_(
            "Blocks shown above the section's list of articles, on its first page; automatic rows pick from the "
            "section's own articles. Leave empty to show the list alone."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("tagline"), FieldPanel("description"), FieldPanel("front")]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("default_discussion_mode"),
        FieldPanel("requires_second_review"),
    ]
    promote_panels = SocialMetaMixin.promote_panels
    search_fields = [*Page.search_fields, index.SearchField("tagline")]

    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ArticlePage"]

    class Meta:
        verbose_name = _("section")

    def get_context(self, request, *args, **kwargs):
        from tribune.core.conf import page_size
        from tribune.core.pagination import paginate
        from tribune.core.shared_caches import vouch_for_page

        from .selectors import section_articles

        context = super().get_context(request, *args, **kwargs)
        number = request.GET.get("page") or "1"
        # A listing page stored under the current content generation proves the number valid: no count needed.
        # Only plain numbers are stored, so odd spellings of one page cannot multiply the entries.
        plain = number.isascii() and number.isdigit()  # "²" and "١" are digits to isdigit(), not to int()
        shareable = plain and len(number) < 6 and not getattr(request, "is_preview", False)
        context["listing_key"] = int(number) if shareable else None
        context["listing_html"] = (
            fragments.peek("template:section-listing", [self.pk, context["listing_key"]], [fragments.CONTENT])
            if context["listing_key"] is not None
            else None
        )
        if context["listing_html"] is None:
            articles = paginate(
                section_articles(self), number, page_size(), max_pages=settings.TRIBUNE_LISTING_MAX_PAGES
            )
            articles.object_list = list(articles.object_list)
            for article in articles.object_list:
                article.section = self
            context["articles"] = articles
        shown = context["listing_key"] if context["listing_html"] is not None else context["articles"].number
        if shown == 1:
            context.update(_front_context(self))
        vouch_for_page(request, shown)  # ?page= varies the stored copy only as the plain number of a real page
        return context


class ArticlePageTopic(ItemBase):
    tag = models.ForeignKey("taxonomy.Topic", on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_topics")


class ArticlePage(SocialMetaMixin, Page):
    standfirst = models.TextField(
        _("standfirst"), max_length=400, help_text=_("One or two sentences under the headline.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.ANALYSIS)
    lead_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(
        _("lead image caption"), max_length=400, blank=True, help_text=_("Leave empty to use the image's own caption.")
    )
    # An image is shared by every edition, its description written once; a translation describes it in its language.
    lead_image_alt = models.CharField(
        _("lead image description"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the picture shows, for readers who cannot see it, in this article's language. "
            "Leave empty to use the image's own description."
        ),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    topics = ClusterTaggableManager(through=ArticlePageTopic, blank=True, verbose_name=_("topics"))
    countries = ParentalManyToManyField(
        "taxonomy.Country", verbose_name=_("countries covered"), blank=True, related_name="articles"
    )
    series = models.ForeignKey(
        "newsroom.SeriesPage",
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    updated_at = models.DateTimeField(
        _("updated"),
        null=True,
        blank=True,
        help_text=_("Set when the article changed substantively after publication; readers see “Updated”."),
    )
    reading_time = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=1, editable=False)
    discussion_mode = models.CharField(
        _("discussion"),
        max_length=20,
        choices=DiscussionMode.choices,
        blank=True,
        help_text=_("Leave empty to follow the section's default."),
    )
    comment_count = models.PositiveIntegerField(_("approved comments"), default=0, editable=False)
    embargo_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_(
            "Until this time the article stays out of every page, feed, sitemap and search, even if it is "
            "published by mistake. Sets the go-live time when none is set."
        ),
    )

    objects = ArticlePageManager()
    # Kept up to date by the discussion, not by publishing: a stored copy of the page (tribune.delivery.routing)
    # leaves them out, so they are read from the database whenever they are shown.
    reader_updated_fields = ("comment_count",)

    # The lead photo spans the wide column (72rem) or, below it, the whole viewport.
    lead_image_sizes = "(min-width: 75rem) 72rem, 100vw"

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("series")]),
        MultipleChooserPanel("bylines", chooser_field_name="contributor", label=_("Contributors"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption"), FieldPanel("lead_image_alt")],
            heading=_("Lead image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("topics"), FieldPanel("countries")], heading=_("Topics and countries")),
        MultipleChooserPanel("related_picks", chooser_field_name="article", label=_("Related articles"), max_num=4),
        FieldPanel("updated_at"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("embargo_until"), FieldPanel("discussion_mode")]
    promote_panels = SocialMetaMixin.promote_panels
    # What search matches, by weight (tribune/search/selectors.py): the headline, the standfirst, the names the
    # article is filed under (countries, topics, section, series, bylines), the body. The boosts are the ones other
    # indexed models already use (10, 3, 2), so they map to PostgreSQL's weights A, B, C and D (no boost) without
    # moving anyone else's; tribune/search/tests/test_indexed_names.py keeps that true.
    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=10),
        index.SearchField("standfirst", boost=3),
        index.RelatedFields("countries", [index.SearchField("name", boost=2)]),
        index.RelatedFields("topics", [index.SearchField("name", boost=2)]),
        index.SearchField("search_section_title", boost=2),
        index.SearchField("search_series_title", boost=2),
        index.RelatedFields("bylines", [index.RelatedFields("contributor", [index.SearchField("name", boost=2)])]),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("first_published_at"),
        index.FilterField("embargo_until"),
    ]

    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")

    @classmethod
    def get_indexed_objects(cls):
        """What the search index reads in bulk (``update_index``, re-indexing after a rename): bylines with their
        contributors, the series, and each article's section title in the same query."""
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        section_title = Page.objects.filter(path=parent_path).values("title")[:1]
        return (
            super()
            .get_indexed_objects()
            .select_related("series")
            .prefetch_related("bylines__contributor")
            .annotate(indexed_section_title=Subquery(section_title))
        )

    def search_section_title(self) -> str:
        """The section's title, for the search index."""
        if not hasattr(self, "indexed_section_title"):  # one article indexed on its own: read once, not per field
            parent = Page.objects.filter(path=self.path[: -Page.steplen]).values_list("title", flat=True)
            self.indexed_section_title = parent.first()
        return self.indexed_section_title or ""

    def search_series_title(self) -> str:
        """The series' title, for the search index (a field of its own: a related field named ``title`` would be
        indexed as the headline)."""
        return self.series.title if self.series_id else ""

    def save(self, *args, **kwargs):
        self.reading_time = reading_minutes(self.body_word_count())
        if self.embargo_until and not self.go_live_at:
            self.go_live_at = self.embargo_until
        super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        if self.embargo_until and not self.go_live_at:
            self.go_live_at = self.embargo_until  # before Wagtail decides whether publishing means scheduling
        super().full_clean(*args, **kwargs)

    @property
    def is_embargoed(self) -> bool:
        return bool(self.embargo_until and self.embargo_until > timezone.now())

    def is_out(self) -> bool:
        """The in-memory half of ``ArticlePageQuerySet.published()``, for a page already routed as live."""
        now = timezone.now()
        return bool(self.first_published_at and self.first_published_at <= now) and not self.is_embargoed

    def serve(self, request, *args, **kwargs):
        # Live but not out yet (embargo, or first publication in the future): readers get a 404; previews work.
        if not getattr(request, "is_preview", False) and not self.is_out():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def body_word_count(self) -> int:
        words = word_count(self.standfirst or "")
        for block in self.body:
            if block.block_type == "paragraph":
                words += word_count(block.value.source)
            elif block.block_type == "heading":
                words += word_count(block.value)
            elif block.block_type in {"pull_quote", "quote"}:
                words += word_count(block.value["text"])
        return words

    @property
    def kind_label(self) -> str:
        return ArticleKind(self.kind).label if self.kind in ArticleKind.values else self.kind

    @property
    def is_opinion(self) -> bool:
        return self.kind == ArticleKind.OPINION

    @property
    def shows_updated(self) -> bool:
        return bool(self.updated_at and self.first_published_at and self.updated_at > self.first_published_at)

    @cached_property
    def public_corrections(self) -> list:
        """Corrections and update notes, oldest first: they are appended, never rewritten."""
        return list(self.corrections.order_by("published_at", "pk"))

    @property
    def date_modified(self):
        """The latest substantive change: an "Updated" time or a correction, else first publication."""
        candidates = [self.first_published_at]
        if self.shows_updated:
            candidates.append(self.updated_at)
        candidates += [correction.published_at for correction in self.public_corrections]
        # A never-published draft (previews) has no date yet.
        return max((moment for moment in candidates if moment), default=None)

    @cached_property
    def ordered_contributors(self) -> list:
        if "bylines" in getattr(self, "_prefetched_objects_cache", {}):
            bylines = self.bylines.all()  # listings prefetch bylines with their contributors
        else:
            bylines = self.bylines.select_related("contributor", "contributor__photo").order_by("sort_order")
        return [byline.contributor for byline in bylines]

    @cached_property
    def topic_list(self) -> list:
        """Topics read once per request, shared by the page, its structured data and related articles."""
        return list(self.topics.all())

    @cached_property
    def lead_picture(self) -> Picture | None:
        """WebP and JPEG renditions of the lead image, shared by the <picture> element and its preload hint."""
        if not self.lead_image:
            return None
        specs = [f"fill-{size}|format-{fmt}" for fmt in ("webp", "jpeg") for size in LEAD_IMAGE_SIZES]
        return Picture(self.lead_image.get_renditions(*specs))

    @property
    def lead_caption(self) -> str:
        return self.lead_image_caption or (self.lead_image.caption if self.lead_image else "")

    @property
    def lead_alt(self) -> str:
        return self.lead_image_alt or (self.lead_image.default_alt_text if self.lead_image else "")

    def lead_image_is_file_photo(self) -> bool:
        from tribune.core.conf import file_photo_age_days

        published = self.first_published_at or timezone.now()
        return bool(self.lead_image and self.lead_image.is_file_photo_for(published, file_photo_age_days()))

    def get_social_image(self):
        return self.social_image or self.lead_image

    def get_social_image_alt(self) -> str:
        return super().get_social_image_alt() if self.social_image else self.lead_alt

    def get_meta_description(self) -> str:
        return self.search_description or self.standfirst

    def get_context(self, request, *args, **kwargs):
        from .selectors import related_articles

        context = super().get_context(request, *args, **kwargs)
        # Lazy: computed only when a cached fragment that shows them has to be built again.
        context["related_articles"] = SimpleLazyObject(lambda: related_articles(self))
        context["section"] = SimpleLazyObject(lambda: self.get_parent().specific_deferred)
        context["fragment_scopes"] = [fragments.CONTENT, fragments.discussion_scope(self.pk)]
        return context


class ArticleByline(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="bylines")
    contributor = models.ForeignKey(
        "contributors.Contributor", verbose_name=_("contributor"), on_delete=models.PROTECT, related_name="bylines"
    )

    panels = [FieldPanel("contributor")]


class ArticleRelatedPick(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_picks")
    article = models.ForeignKey(ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]


class SeriesIndexPage(SocialMetaMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = SocialMetaMixin.promote_panels
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.SeriesPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("series index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["series_list"] = (
            SeriesPage.objects.child_of(self).live().public().select_related("image").order_by("-first_published_at")
        )
        return context


class SeriesPage(SocialMetaMixin, Page):
    summary = models.TextField(_("summary"), max_length=400, blank=True)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link"])
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("image"), FieldPanel("description")]
    promote_panels = SocialMetaMixin.promote_panels
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["newsroom.SeriesIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def get_social_image(self):
        return self.social_image or self.image

    def get_meta_description(self) -> str:
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        from .selectors import series_timeline

        context = super().get_context(request, *args, **kwargs)
        context["timeline"] = series_timeline(self)
        return context


class StandardPage(SocialMetaMixin, Page):
    """About, contact, editorial standards: plain pages editors maintain."""

    # Wagtail's default features less embeds: pages show rich text through the sanitiser, which keeps no iframe.
    body = RichTextField(
        _("body"),
        blank=True,
        features=["h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr", "link", "document-link", "image", "code"]
        + ["superscript", "subscript", "strikethrough", "blockquote"],
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    promote_panels = SocialMetaMixin.promote_panels
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("standard page")

    def get_canonical_url(self, request=None) -> str:
        """The privacy view's address for the designated privacy page (in this edition) unless an editor set one:
        that view shows the same text and statement, and search engines should list one address, the footer's."""
        if not self.canonical_url:
            from .selectors import trust_links

            site = self.get_site()
            privacy = trust_links(site).get("privacy") if site is not None else None
            if privacy is not None and privacy["page_id"] == self.pk:
                _site_id, root_url, _path = self.get_url_parts(request)  # the root the page's own address has
                return root_url + reverse("privacy")
        return super().get_canonical_url(request)


@register_setting(icon="doc-full")
class EditorialSettings(BaseSiteSetting):
    opinion_disclaimer = models.CharField(
        _("opinion disclaimer"),
        max_length=300,
        blank=True,
        default=_("The views in this article are the author's own and are not necessarily those of Tribune."),
        help_text=_("Printed under every opinion piece. Leave empty to print nothing."),
    )
    publisher_logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("publisher logo"),
        help_text=_("Used in structured data for search engines."),
    )

    panels = [FieldPanel("opinion_disclaimer"), FieldPanel("publisher_logo")]

    class Meta:
        verbose_name = _("editorial settings")


# The pages that earn a reader's trust, in the order the footer lists them: (field, schema.org property or "").
TRUST_PAGES = (
    ("about", ""),
    ("masthead", "masthead"),
    ("standards", "publishingPrinciples"),
    ("corrections_policy", "correctionsPolicy"),
    ("contact", "actionableFeedbackPolicy"),
    ("privacy", ""),
    ("terms", ""),
)
# The standards page is also the outlet's ethics policy (one page covers both, as the demo's does).
ETHICS_POLICY_FROM = "standards"


def _trust_page_field(verbose_name, help_text: str = ""):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


@register_setting(icon="doc-full-inverse")
class TrustPages(BaseSiteSetting):
    """The outlet's About, masthead, standards, corrections policy, contact, privacy and terms pages: the footer lists
    them (each in the reader's edition where translated) and the publisher's structured data points at them."""

    about = _trust_page_field(_("about"))
    masthead = _trust_page_field(_("masthead"))
    standards = _trust_page_field(
        _("editorial standards and ethics"),
        _("Given to search engines as the publishing principles and the ethics policy."),
    )
    corrections_policy = _trust_page_field(_("corrections policy"))
    contact = _trust_page_field(_("contact and tips"))
    privacy = _trust_page_field(
        _("privacy"), _("Its text opens the privacy page, above the statement of what the site records.")
    )
    terms = _trust_page_field(_("terms"))

    panels = [
        PageChooserPanel("about", "newsroom.StandardPage"),
        PageChooserPanel("masthead", "editorial.MastheadPage"),
        PageChooserPanel("standards", "newsroom.StandardPage"),
        PageChooserPanel("corrections_policy", "newsroom.StandardPage"),
        PageChooserPanel("contact", "newsroom.StandardPage"),
        PageChooserPanel("privacy", "newsroom.StandardPage"),
        PageChooserPanel("terms", "newsroom.StandardPage"),
    ]

    class Meta:
        verbose_name = _("pages that earn trust")

    def designated_ids(self) -> dict[str, int]:
        """Field name → page id, for the pages set."""
        return {name: getattr(self, f"{name}_id") for name, _property in TRUST_PAGES if getattr(self, f"{name}_id")}


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    UPDATE = "update", _("Update")


class ArticleCorrection(models.Model):
    """A dated correction or update note on a published article.

    A plain foreign key, not part of the page's revisions: editing or reverting the article never removes one.
    """

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=20, choices=CorrectionKind.choices, default=CorrectionKind.CORRECTION)
    note = models.TextField(_("note"), max_length=2000)
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.article.title}"
