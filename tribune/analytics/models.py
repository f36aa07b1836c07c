"""Aggregated page views. Nothing here identifies a reader: only counts per hour, day, path, referrer domain and
device class. The hashes that tell visitors apart live in Redis for one day and are never written here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HourlyPageViews(models.Model):
    """Views of one reader page in one hour (the "most read" of the last 24 hours is summed from these)."""

    hour = models.DateTimeField(_("hour"), db_index=True)
    path = models.CharField(_("path"), max_length=255)
    # Kept when the page is deleted or moved: the figures stay with the path they were counted under.
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    section = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("hourly page views")
        verbose_name_plural = _("hourly page views")
        constraints = [models.UniqueConstraint(fields=["hour", "path"], name="analytics_hourly_path")]

    def __str__(self):
        return f"{self.path} {self.hour:%Y-%m-%d %H:00}: {self.views}"


class DailyVisitors(models.Model):
    """Distinct visitors of one path in one day, estimated in Redis from hashes that are discarded with the day."""

    day = models.DateField(_("day"), db_index=True)
    path = models.CharField(_("path"), max_length=255)
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    visitors = models.PositiveIntegerField(_("unique visitors"), default=0)

    class Meta:
        verbose_name = _("daily visitors")
        verbose_name_plural = _("daily visitors")
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="analytics_daily_path")]

    def __str__(self):
        return f"{self.path} {self.day}: {self.visitors}"


class DailyReferrers(models.Model):
    """Views arriving from one other site in one day ("" when the browser sent no referrer or it was our own)."""

    day = models.DateField(_("day"), db_index=True)
    domain = models.CharField(_("referrer domain"), max_length=255, blank=True)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily referrers")
        verbose_name_plural = _("daily referrers")
        constraints = [models.UniqueConstraint(fields=["day", "domain"], name="analytics_daily_referrer")]

    def __str__(self):
        return f"{self.domain or '-'} {self.day}: {self.views}"


class DailyDevices(models.Model):
    """Views from one class of device (phone, tablet, desktop) in one day."""

    day = models.DateField(_("day"), db_index=True)
    device = models.CharField(_("device class"), max_length=16)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily devices")
        verbose_name_plural = _("daily devices")
        constraints = [models.UniqueConstraint(fields=["day", "device"], name="analytics_daily_device")]

    def __str__(self):
        return f"{self.device} {self.day}: {self.views}"


class DailyCountries(models.Model):
    """Views from one country in one day, when a GeoIP database is configured ("" when the address matched none).
    The address is looked up when the view arrives and never kept."""

    day = models.DateField(_("day"), db_index=True)
    country = models.CharField(_("country code"), max_length=2, blank=True)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily countries")
        verbose_name_plural = _("daily countries")
        constraints = [models.UniqueConstraint(fields=["day", "country"], name="analytics_daily_country")]

    def __str__(self):
        return f"{self.country or '-'} {self.day}: {self.views}"


class DailyReadDepth(models.Model):
    """How far readers of one page got in one day: the number of reads that reached each quarter of the text (25,
    50, 75, 100 per cent), from the beacon a page sends when the reader leaves it.

    The counts are cumulative: a read that reached 75 per cent counts once in 25, once in 50 and once in 75, so the
    row for 25 is every measured read and each next row at most the one before (the share reaching 75 is
    reads(75) / reads(25)). A read is one counted view: its quarters are counted once each however many times the
    reader leaves and comes back, and only for views the beacon counted (not for readers without JavaScript)."""

    day = models.DateField(_("day"), db_index=True)
    path = models.CharField(_("path"), max_length=255)
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    depth = models.PositiveSmallIntegerField(_("depth reached (per cent)"))
    reads = models.PositiveIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("daily read depth")
        verbose_name_plural = _("daily read depth")
        constraints = [models.UniqueConstraint(fields=["day", "path", "depth"], name="analytics_daily_depth")]

    def __str__(self):
        return f"{self.path} {self.day}: {self.reads} reached {self.depth}%"
