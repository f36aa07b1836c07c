"""What the analysis of articles leaves behind: the entities articles are about, each article's links to them with the
editors' decisions, and the analysed revision's mentions, quotes and figures; ``AnalysisRun`` records every run;
key figures (``KeyFigure``), the values they have held and the articles' figures citing them.

Rows that come from one revision's text (mentions, quotes, figures) carry its id: reader pages built on them later
show only the rows of an article's live revision (``selectors.public_quotes``), so a draft's words never leak, while
the editors' screen shows the newest revision analysed. ``ArticleEntity`` is not per revision: it holds decisions,
which outlive any one text.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from tribune.core.translated_fields import TranslatedFieldsMixin


class EntityKind(models.TextChoices):
    # The values are the prefixes of the extraction's ids ("org:sco").
    COUNTRY = "country", _("Country")
    ORGANISATION = "org", _("Organisation")
    PERSON = "person", _("Person")
    REGION = "region", _("Region")


class EntitySource(models.TextChoices):
    SEED = "seed", _("Knowledge base")
    CONTRIBUTOR = "contributor", _("Tribune expert")
    EDITOR = "editor", _("Editors")
    FOUND = "found", _("Found in an article")


class Entity(TranslatedFieldsMixin, models.Model):
    """A country, organisation, person or region articles are about. ``key`` never changes: a merge keeps the old
    entity, pointing at the one that survives (``merged_into``), so its key still resolves (``selectors.resolve``).
    Its name in the other editions is in ``translations`` (seeded for the curated organisations, regions and people);
    reader pages show ``local_name``, a country's page its country's translated name."""

    translated_fields = ("name",)

    key = models.CharField(_("key"), max_length=160, unique=True, help_text=_("e.g. country:PAK, org:sco"))
    kind = models.CharField(_("kind"), max_length=10, choices=EntityKind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=160, allow_unicode=False)
    aliases = models.JSONField(
        _("other names"),
        default=list,
        blank=True,
        help_text=_("Other ways articles name it, one per line (“Islamabad”, “the IMF”)."),
    )
    source = models.CharField(_("source"), max_length=12, choices=EntitySource.choices, default=EntitySource.EDITOR)
    country = models.ForeignKey(
        "taxonomy.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For a country: the country articles are filed under."),
    )
    contributor = models.ForeignKey(
        "contributors.Contributor",
        verbose_name=_("Tribune expert"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For a person who writes for Tribune: their expert profile."),
    )
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
        help_text=_("e.g. the UN Security Council is part of the United Nations."),
    )
    # SET_NULL, not PROTECT: deleting a survivor must not fail in the admin; its merged entities then stand alone.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_entities",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        ordering = ["name", "key"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="analysis_entity_unique_slug_per_kind"),
            models.CheckConstraint(
                condition=Q(country__isnull=True) | Q(kind=EntityKind.COUNTRY), name="analysis_entity_country_kind"
            ),
            models.CheckConstraint(
                condition=Q(contributor__isnull=True) | Q(kind=EntityKind.PERSON),
                name="analysis_entity_contributor_kind",
            ),
        ]
        indexes = [models.Index(fields=["kind", "name"], name="analysis_entity_kind_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The entity's reader page, in the active edition: a country's is the country page (its slug is the
        country's, ``entities_sync`` keeps them equal)."""
        return reverse(PAGE_URL_NAMES[self.kind], kwargs={"slug": self.slug})

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None

    @property
    def local_name(self) -> str:
        """The name in the active edition's language (``name`` stays the one the knowledge base matches)."""
        return self.localised("name")


# The reader page of each kind of entity (``analysis.urls``).
PAGE_URL_NAMES = {
    EntityKind.COUNTRY: "country_detail",
    EntityKind.ORGANISATION: "organisation_detail",
    EntityKind.PERSON: "person_detail",
    EntityKind.REGION: "region_detail",
}


class Decision(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Salience(models.TextChoices):
    PRINCIPAL = "principal", _("Principal")
    SECONDARY = "secondary", _("Secondary")
    PASSING = "passing", _("Passing")


class ArticleEntity(models.Model):
    """An article is about an entity: found by the analysis (suggested), then accepted or rejected by an editor, or
    accepted automatically (``decided_by`` empty). Re-analysis updates what the text says (salience, mentions,
    confidence) and never the decision: an accepted link stays accepted, a rejected one is never suggested again."""

    article = models.ForeignKey(
        "newsroom.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="analysis_links"
    )
    entity = models.ForeignKey(Entity, verbose_name=_("entity"), on_delete=models.CASCADE, related_name="article_links")
    salience = models.CharField(_("salience"), max_length=10, choices=Salience.choices, default=Salience.PASSING)
    status = models.CharField(_("status"), max_length=10, choices=Decision.choices, default=Decision.SUGGESTED)
    confidence = models.FloatField(_("confidence"), default=0.0)
    mention_count = models.PositiveIntegerField(_("mentions"), default=0)
    revision_id = models.PositiveIntegerField(_("analysed revision"), null=True, blank=True)
    # The article's first publication, copied here so "latest articles about X" is one index range scan.
    published_at = models.DateTimeField(_("article published"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("article entity")
        verbose_name_plural = _("article entities")
        constraints = [models.UniqueConstraint(fields=["article", "entity"], name="analysis_link_unique")]
        indexes = [
            # Latest articles about an entity.
            models.Index(fields=["entity", "status", "-published_at"], name="analysis_link_entity_latest"),
            # Pairs of principal entities (countries) across articles: a self-join on the article.
            models.Index(
                fields=["article", "entity"],
                name="analysis_link_principal",
                condition=Q(salience="principal") & ~Q(status="rejected"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entity_id} in {self.article_id}"


class Mention(models.Model):
    """Where the analysed revision names an entity. Offsets index the extraction's joined text
    (``headline + "\\n\\n" + standfirst + "\\n\\n" + body``, the body as ``text.article_text`` builds it)."""

    article = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="analysis_mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    revision_id = models.PositiveIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        indexes = [
            models.Index(fields=["entity", "article"], name="analysis_mention_entity"),
            models.Index(fields=["article", "revision_id"], name="analysis_mention_article"),
        ]

    def __str__(self) -> str:
        return self.text


class QuoteSource(models.TextChoices):
    TEXT = "text", _("In the text")
    BLOCK = "block", _("Attributed quote block")


class QuoteRecord(models.Model):
    """The quote ledger: who said what, in which article, on which day, in which role."""

    article = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="analysis_quotes")
    revision_id = models.PositiveIntegerField()
    source = models.CharField(max_length=8, choices=QuoteSource.choices, default=QuoteSource.TEXT)
    words = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    speaker_name = models.CharField(max_length=200, blank=True)
    speaker = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    on_record = models.BooleanField(default=True)
    description = models.CharField(max_length=300, blank=True, help_text=_("Who an unnamed source is."))
    role = models.CharField(max_length=300, blank=True, help_text=_("Role and affiliation at the time."))
    language = models.CharField(max_length=12, blank=True)
    said_on = models.DateField(null=True, blank=True, help_text=_("The article's first publication."))

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        indexes = [
            models.Index(fields=["speaker", "-said_on"], name="analysis_quote_speaker"),
            models.Index(fields=["article", "revision_id"], name="analysis_quote_article"),
        ]

    def __str__(self) -> str:
        return self.words[:60]


class FigureMention(models.Model):
    """A figure found in the text: a suggestion for the article's key figures, accepted or rejected like entities."""

    article = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="analysis_figures")
    revision_id = models.PositiveIntegerField()
    text = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=30, decimal_places=6)
    value_max = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    unit = models.CharField(max_length=24)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sentence = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Decision.choices, default=Decision.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The record the article cites with this figure (an editor's link, kept through re-analysis like the decision);
    # the value cited is the figure's own.
    key_figure = models.ForeignKey(
        "KeyFigure", null=True, blank=True, on_delete=models.SET_NULL, related_name="citations"
    )

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        indexes = [models.Index(fields=["article", "revision_id"], name="analysis_figure_article")]

    def __str__(self) -> str:
        return self.text

    @property
    def identity(self) -> tuple:
        """What a figure is across revisions (offsets move with every edit): its words, value and unit."""
        return (self.text, self.unit, self.value)


class RunOutcome(models.TextChoices):
    RUNNING = "running", _("Running")
    OK = "ok", _("Done")
    FAILED = "failed", _("Failed")
    SUPERSEDED = "superseded", _("Superseded by a newer revision")


class AnalysisRun(models.Model):
    """One revision of one article analysed (or trying to be): makes the backfill resumable, failures visible and
    a run of an older revision unable to overwrite a newer one's results. ``revision_created_at`` tells an
    autosaved revision (overwritten in place, same id) from its earlier content."""

    article = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="analysis_runs")
    revision_id = models.PositiveIntegerField()
    revision_created_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=RunOutcome.choices, default=RunOutcome.RUNNING)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")
        constraints = [models.UniqueConstraint(fields=["article", "revision_id"], name="analysis_run_unique")]
        indexes = [models.Index(fields=["outcome", "-started_at"], name="analysis_run_outcome")]

    def __str__(self) -> str:
        return f"{self.article_id}@{self.revision_id}: {self.outcome}"


class ArticleTerms(models.Model):
    """The words of an article's live text, for related coverage: every term with its count (``counts``, from which
    the document frequencies in ``TermStat`` are kept) and the TF-IDF vector of its heaviest terms (``vector``,
    weighed when the live revision was analysed; ``analyse_archive --terms`` weighs the archive again). Only the
    live revision's words: a draft's never rank an article."""

    article = models.OneToOneField(
        "newsroom.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="analysis_terms"
    )
    revision_id = models.PositiveIntegerField()
    counts = models.JSONField(default=dict)
    vector = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("article terms")
        verbose_name_plural = _("article terms")

    def __str__(self) -> str:
        return f"terms of {self.article_id}@{self.revision_id}"


class TermStat(models.Model):
    """How many articles' live texts use a term: the document frequency of TF-IDF."""

    term = models.CharField(max_length=40, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("term statistic")
        verbose_name_plural = _("term statistics")

    def __str__(self) -> str:
        return f"{self.term}: {self.documents}"


# Key figures


def figure_number(value: Decimal | None) -> str:
    """A stored figure as people write it: no trailing zeros, grouped digits (240,000,000; 12.5)."""
    if value is None:
        return ""
    return number_format(value.normalize(), force_grouping=True)


class KeyFigure(ClusterableModel):
    """A figure worth keeping beyond one article ("Pakistan's external debt"): its current value with the date it
    held and who published it, the entities it is about, the articles citing it (``FigureMention.key_figure``).

    Every value the record has held is a ``KeyFigureValue`` row, not a Wagtail revision: revisions keep each save as
    a whole object in JSON, so "figures over time" would read and parse every revision of every record, and a
    corrected label or source would count as a value. One row per value held is one indexed query for any number of
    records (``selectors.entity_key_figures``). The current value, as-of date and source are the newest row's, kept
    here too so listings and comparisons read no history."""

    label = models.CharField(
        _("label"), max_length=200, help_text=_("What the figure measures, e.g. “Pakistan's external debt”.")
    )
    unit = models.CharField(
        _("unit"),
        max_length=24,
        help_text=_(
            "As the analysis writes it: a currency code (USD, PKR), percent, fraction, people, km, tonnes, "
            "barrels_per_day, or your own."
        ),
    )
    value = models.DecimalField(_("value"), max_digits=30, decimal_places=6)
    as_of = models.DateField(_("as of"), help_text=_("The date the value held."))
    source = models.CharField(_("source"), max_length=200, help_text=_("Who published the figure."))
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    entities = models.ManyToManyField(
        Entity,
        verbose_name=_("about"),
        through="KeyFigureEntity",
        related_name="key_figures",
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["label", "pk"]
        indexes = [models.Index(fields=["unit", "label"], name="analysis_keyfigure_unit")]

    def __str__(self) -> str:
        return self.label

    @property
    def value_display(self) -> str:
        return figure_number(self.value)


class KeyFigureEntity(Orderable):
    """An entity a key figure is about: entity and dossier pages show the key figures of their entities."""

    key_figure = ParentalKey(KeyFigure, on_delete=models.CASCADE, related_name="entity_links")
    entity = models.ForeignKey(Entity, verbose_name=_("entity"), on_delete=models.CASCADE, related_name="+")

    class Meta(Orderable.Meta):
        verbose_name = _("entity of a key figure")
        verbose_name_plural = _("entities of key figures")
        constraints = [
            models.UniqueConstraint(fields=["key_figure", "entity"], name="analysis_keyfigure_entity_unique")
        ]
        indexes = [models.Index(fields=["entity", "key_figure"], name="analysis_keyfigure_by_entity")]

    def __str__(self) -> str:
        return f"{self.key_figure_id}: {self.entity_id}"


class KeyFigureValue(models.Model):
    """A value a key figure held as of a date: one row per date (a second value for the same date corrects the
    first), the newest date being the record's current value."""

    key_figure = models.ForeignKey(KeyFigure, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), max_digits=30, decimal_places=6)
    as_of = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("key figure value")
        verbose_name_plural = _("key figure values")
        ordering = ["key_figure", "as_of"]
        constraints = [models.UniqueConstraint(fields=["key_figure", "as_of"], name="analysis_keyfigure_value_date")]

    def __str__(self) -> str:
        return f"{self.key_figure_id}: {self.value} ({self.as_of})"

    @property
    def value_display(self) -> str:
        return figure_number(self.value)
