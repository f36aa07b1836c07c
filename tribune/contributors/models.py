"""Experts who write for Tribune: profiles that editors approve before they go public."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PublishingPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from tribune.core.translated_fields import TranslatedFieldsMixin, translation_panels


class Expertise(TranslatedFieldsMixin, models.Model):
    translated_fields = ("name",)

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), *translation_panels(translated_fields)]

    class Meta:
        verbose_name = _("area of expertise")
        verbose_name_plural = _("areas of expertise")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the active edition's language (``name`` stays the original, which profiles are tagged by)."""
        return self.localised("name")


class ContributorQuerySet(models.QuerySet):
    def public(self):
        """Profiles readers may see: approved (live) ones."""
        return self.filter(live=True)


class Contributor(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatedFieldsMixin,
    index.Indexed,
    ClusterableModel,
):
    # What the other editions may show in their own language (a name as written in Devanagari, say); the rest of a
    # profile (photo, links, affiliation history, account) is the same in every edition.
    translated_fields = ("name", "role", "affiliation", "short_bio", "bio", "disclosure", "languages")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributor_profile",
    )
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=120, blank=True, help_text=_("e.g. Senior Fellow"))
    affiliation = models.CharField(_("affiliation"), max_length=160, blank=True)
    short_bio = models.CharField(
        _("short bio"), max_length=240, blank=True, help_text=_("One line, shown under bylines.")
    )
    bio = RichTextField(_("biography"), blank=True, features=["bold", "italic", "link"])
    expertise = ParentalManyToManyField(Expertise, verbose_name=_("expertise"), blank=True, related_name="contributors")
    country = models.ForeignKey(
        "taxonomy.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    regions = ParentalManyToManyField(
        "taxonomy.Country",
        verbose_name=_("regions covered"),
        blank=True,
        related_name="+",
        help_text=_("Countries this expert can speak about."),
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True, help_text=_("Comma-separated"))
    disclosure = models.TextField(
        _("conflict-of-interest disclosure"), blank=True, help_text=_("Shown with every article this expert writes.")
    )
    in_house = models.BooleanField(_("in-house"), default=False)
    available_for_comment = models.BooleanField(_("available for comment"), default=False)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="contributor")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="contributor",
        for_concrete_model=False,
    )

    objects = ContributorQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldRowPanel([FieldPanel("role"), FieldPanel("affiliation")]),
                FieldPanel("photo"),
                FieldPanel("country"),
            ],
            heading=_("Identity"),
        ),
        FieldPanel("short_bio"),
        FieldPanel("bio"),
        FieldPanel("expertise"),
        FieldPanel("regions"),
        FieldPanel("languages"),
        InlinePanel("affiliations", label=_("Affiliation history")),
        FieldPanel("disclosure"),
        InlinePanel("links", label=_("Links")),
        MultiFieldPanel(
            [
                FieldPanel("in_house", permission="contributors.publish_contributor"),
                FieldPanel("available_for_comment"),
                # Linking a profile to an account is the editors' call; contributors do not see the account list.
                FieldPanel("user", permission="contributors.publish_contributor"),
            ],
            heading=_("Newsroom"),
        ),
        *translation_panels(translated_fields),
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("affiliation"),
        index.SearchField("short_bio"),
        index.FilterField("live"),
        index.FilterField("user"),  # the admin listing shows a contributor their own profile, searched too
    ]

    class Meta:
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):
        return self._revisions

    @property
    def role_line(self) -> str:
        """ "Senior Fellow, Lagos Institute for Governance", in the active edition's language."""
        return ", ".join(part for part in (self.localised("role"), self.localised("affiliation")) if part)

    # Reader templates show these: the active edition's text, or the original where it is not translated.
    @property
    def local_name(self) -> str:
        return self.localised("name")

    @property
    def local_short_bio(self) -> str:
        return self.localised("short_bio")

    @property
    def local_bio(self) -> str:
        return self.localised("bio")

    @property
    def local_disclosure(self) -> str:
        return self.localised("disclosure")

    @property
    def local_languages(self) -> str:
        return self.localised("languages")

    def get_absolute_url(self) -> str:
        return reverse("contributor_detail", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "contributors/contributor_preview.html"


class ContributorLink(Orderable):
    contributor = ParentalKey(Contributor, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=80)
    url = models.URLField(_("URL"))

    panels = [FieldPanel("label"), FieldPanel("url")]


class ContributorAffiliation(Orderable):
    """A past or present position, so readers can judge where an expert's views come from."""

    contributor = ParentalKey(Contributor, on_delete=models.CASCADE, related_name="affiliations")
    role = models.CharField(_("role"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=160)
    start_year = models.PositiveSmallIntegerField(_("from"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to"), null=True, blank=True, help_text=_("Empty if current."))

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
    ]

    def __str__(self) -> str:
        years = f"{self.start_year or ''}–{self.end_year or ''}".strip("–")
        return f"{self.role}, {self.organisation}" + (f" ({years})" if years else "")
