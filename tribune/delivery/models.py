"""What the caches must forget, recorded with the change that makes it stale (README, "When Redis fails")."""

from django.db import models
from django.db.models import Q


class PendingInvalidation(models.Model):
    """One change's invalidation: written in the change's transaction, applied after its commit, and applied again
    by ``manage.py apply_invalidations`` (run by the scheduler) until the shared cache has acknowledged it. Its id
    orders invalidations: the shared cache keeps the highest id it received, so a Redis restarted from older data is
    recognised and cleared."""

    # None: the whole site.
    paths = models.JSONField(null=True, blank=True)
    # Fragment generations to move on (tribune.core.fragments), before the paths are forgotten.
    scopes = models.JSONField(default=list, blank=True)
    # The content left the site (unpublished, deleted, moved, made private): its last good copies go too.
    withdraws = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["id"], condition=Q(applied_at__isnull=True), name="delivery_pending_unapplied"),
        ]

    def __str__(self):
        what = "the whole site" if self.paths is None else f"{len(self.paths)} paths"
        return f"Invalidation {self.pk} of {what}" + (" (applied)" if self.applied_at else " (pending)")
