"""Abstract building blocks shared by Tribune's page types."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, Site

from .forms import WellFormedPostMixin
from .sites import public_base_url

CANONICAL_HOST_REFUSED = _(
    "A canonical URL may only point at this outlet's own sites or a host in TRIBUNE_CANONICAL_ALLOWED_HOSTS."
)
CANONICAL_EDITORS_ONLY = _("Only editors who can publish this page may change its canonical URL.")


def canonical_hosts() -> set[str]:
    """The hosts a canonical URL may name: ``SITE_URL``'s, every Wagtail site's, and the allow-list setting
    ``TRIBUNE_CANONICAL_ALLOWED_HOSTS`` (an entry starting with a dot also allows its subdomains)."""
    hosts = {(urlsplit(public_base_url()).hostname or "").lower()}
    # Wagtail keeps its sites' root paths in the cache: a page rendering its canonical link costs no query.
    hosts |= {(urlsplit(root.root_url).hostname or "").lower() for root in Site.get_site_root_paths()}
    hosts |= {host.lower() for host in getattr(settings, "TRIBUNE_CANONICAL_ALLOWED_HOSTS", [])}
    return hosts - {""}


def canonical_url_allowed(url: str) -> bool:
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    allowed = canonical_hosts()
    return host in allowed or any(entry.startswith(".") and host.endswith(entry) for entry in allowed)


class SocialMetaPageForm(WellFormedPostMixin, WagtailAdminPageForm):
    """The page form, with the canonical URL locked for anyone who cannot publish the page (contributors): a
    locked field keeps its stored value whatever is posted (a stored value the rules refuse is dropped)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("canonical_url")
        if field is None or self.for_user is None or self._may_set_canonical():
            return
        field.disabled = True
        field.help_text = CANONICAL_EDITORS_ONLY
        if self.instance.canonical_url and not canonical_url_allowed(self.instance.canonical_url):
            self.initial["canonical_url"] = ""

    def _may_set_canonical(self) -> bool:
        if self.instance.pk:
            return self.instance.permissions_for_user(self.for_user).can_publish()
        return (
            self.parent_page is not None and self.parent_page.permissions_for_user(self.for_user).can_publish_subpage()
        )


class SocialMetaMixin(models.Model):
    """Search-engine and social-sharing fields that every public page type carries."""

    social_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared; defaults to the lead image."),
    )
    canonical_url = models.URLField(
        _("canonical URL"),
        blank=True,
        help_text=_("Only when this page republishes content that lives elsewhere."),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("social_image"), FieldPanel("canonical_url")], heading=_("Sharing")),
    ]

    base_form_class = SocialMetaPageForm

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.canonical_url and not canonical_url_allowed(self.canonical_url):
            raise ValidationError({"canonical_url": CANONICAL_HOST_REFUSED})

    def get_social_image(self):
        return self.social_image

    def get_social_image_alt(self) -> str:
        image = self.get_social_image()
        return image.default_alt_text if image is not None else ""

    def get_canonical_url(self, request=None) -> str:
        """The stored canonical URL when the rules allow it; otherwise (a value stored before them, or by an import
        that skipped validation) the page's own address."""
        if self.canonical_url and canonical_url_allowed(self.canonical_url):
            return self.canonical_url
        return self.get_full_url(request)

    def get_meta_description(self) -> str:
        return self.search_description


class Heartbeat(models.Model):
    """When a background job (a scheduled command, the task worker) last ran, last succeeded and last failed: one
    row per job name, written by ``core.liveness.record_run`` and read by ``liveness.status()``."""

    name = models.CharField(max_length=100, unique=True)
    last_seen = models.DateTimeField(null=True, blank=True)
    last_success = models.DateTimeField(null=True, blank=True)
    last_failure = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    def __str__(self):
        return self.name


class TaskEffect(models.Model):
    """An effect outside the database that a task had (an email handed to the mail server), recorded under the task
    result's id before it happens, so that a task retried after its worker died never repeats it
    (``core.tasks.send_email``)."""

    STARTED = "started"
    DONE = "done"

    key = models.CharField(max_length=200, unique=True)
    state = models.CharField(max_length=10, choices=[(STARTED, "started"), (DONE, "done")], default=STARTED)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.key} ({self.state})"
