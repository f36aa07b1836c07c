"""Wagtail admin views replaced at their own addresses: those that read ``Page.objects`` without asking the page
policy, and the page editor, which here refuses an edit based on an older revision than the latest.

``tribune/urls.py`` includes these before Wagtail's admin URLs, so Wagtail's URL names (and every link to them)
now reach these views. Each one differs from Wagtail's only in going through the policy or in that refusal.
"""

import logging

from django.db import transaction
from django.db.models import F
from django.urls import path, reverse
from django.views.decorators.cache import never_cache

from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsRevertView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page, Revision
from wagtail.permissions import policy_registry

from tribune.core.edit_conflicts import (
    STALE_AUTOSAVE_MESSAGE,
    EditConflict,
    conflict_message_html,
    edit_conflict_find,
    latest_revision_locked,
    override_is_for,
    override_log,
    page_compare_url,
    posted_base,
)

logger = logging.getLogger(__name__)


class VisiblePageTypesUsageReportView(PageTypesUsageReportView):
    """Wagtail's page-types report names the last edited page of each type, found among all pages: here among the
    pages the policy lets the user see, so a colleague's draft never lends a type its title."""

    def decorate_paginated_queryset(self, page_types):
        form_data = self.filters.form.cleaned_data if self.filters.form.is_valid() else {}
        pages = policy_registry.get_by_type(Page).visible_pages(self.request.user, Page.objects.all())
        if language_code := form_data.get("page_locale"):
            pages = pages.filter(locale__language_code=language_code)
        if site_root_path := form_data.get("site"):
            pages = pages.filter(path__startswith=site_root_path)
        latest_first = (F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
        for item in page_types:
            item.last_edited_page_id = (
                pages.filter(content_type=item).order_by(*latest_first).values_list("pk", flat=True).first()
            )
        return super().decorate_paginated_queryset(page_types)


class RefuseStaleEditsMixin:
    """Wagtail's page editor, refusing any post (save, publish, submit, workflow action, autosave) based on an older
    revision than the latest; see ``tribune.core.edit_conflicts``.

    The check and the save share one transaction with the page row locked, so of two simultaneous posts based on the
    same revision the second waits for the first and is then refused. The refused editor sees the form as they sent
    it, and a message naming who saved the newer version when, with a comparison and the deliberate way to keep
    theirs (``OVERRIDE_FIELD``), which saves a new draft and is logged in the page's history.
    """

    form_id = "page-edit-form"  # the id of Wagtail's edit form, which the override button submits
    stale_loaded_revision_created_at = None

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            latest = latest_revision_locked(Page, self.real_page_record.pk)
            conflict = edit_conflict_find(posted=posted_base(request.POST), latest=latest, user=request.user)
            overriding = conflict is not None and self.is_deliberate_override(latest)
            if conflict is not None and not overriding:
                return self.refuse_stale_edit(conflict)
            # Wagtail's own checks (its autosave comparison, ``save_revision``'s overwrite rule) look at this.
            self.latest_revision = latest
            response = super().post(request, *args, **kwargs)
            if overriding:
                self.log_override(conflict)
            return response

    def is_deliberate_override(self, latest: Revision) -> bool:
        if self.expects_json_response or not override_is_for(self.request.POST, latest):
            return False
        # Keeping one's own version saves a new draft: never a publish, and never a rewrite of one's own autosave
        # (which is no longer the latest revision, so Wagtail would refuse to overwrite it).
        self.request.POST = self.request.POST.copy()
        self.request.POST.pop("overwrite_revision_id", None)
        return self.action_name == "save"

    def refuse_stale_edit(self, conflict: EditConflict):
        logger.info(
            "edit refused: page %s posted revision %s, latest is %s by %s",
            self.real_page_record.pk,
            conflict.posted.revision_id,
            conflict.latest.pk,
            conflict.latest.user_id,
        )
        if self.expects_json_response:
            return self.json_error_response("invalid_revision", STALE_AUTOSAVE_MESSAGE)
        self.form = self.form_class(
            self.request.POST,
            self.request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=self.request.user,
        )
        self.form.is_valid()  # binds the editor's text to the page shown again (its errors, if any, show too)
        # The hidden inputs go on naming the editor's starting version, so pressing Save again is refused again
        # instead of overwriting; only the override button, naming the newer version, replaces it.
        if conflict.base is not None:
            self.page.latest_revision_id = conflict.base.pk
            self.stale_loaded_revision_created_at = conflict.posted.created_at or conflict.base.created_at.isoformat()
        messages.error(
            self.request,
            conflict_message_html(
                conflict=conflict,
                compare_url=page_compare_url(self.real_page_record.pk, conflict),
                reload_url=reverse("wagtailadmin_pages:edit", args=(self.real_page_record.pk,)),
                form_id=self.form_id,
            ),
        )
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())

    def log_override(self, conflict: EditConflict) -> None:
        saved_id = Page.objects.filter(pk=self.real_page_record.pk).values_list("latest_revision_id", flat=True)[0]
        if saved_id == conflict.latest.pk:
            return  # not saved after all (a validation error or a lock): nothing was replaced
        override_log(
            instance=self.page, user=self.request.user, conflict=conflict, saved=Revision.objects.get(pk=saved_id)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.stale_loaded_revision_created_at is not None:
            context["loaded_revision_created_at"] = self.stale_loaded_revision_created_at
        return context


class ConflictCheckedEditView(RefuseStaleEditsMixin, EditView):
    pass


class ConflictCheckedRevisionsRevertView(RefuseStaleEditsMixin, RevisionsRevertView):
    pass


def _admin(view):
    return require_admin_access(never_cache(view))


urlpatterns = [
    # Unnamed: Wagtail's names ("wagtailadmin_pages:edit", ":revisions_revert") lead to these same addresses.
    path("pages/<int:page_id>/edit/", _admin(ConflictCheckedEditView.as_view())),
    path(
        "pages/<int:page_id>/revisions/<int:revision_id>/revert/", _admin(ConflictCheckedRevisionsRevertView.as_view())
    ),
    path("reports/page-types-usage/", _admin(VisiblePageTypesUsageReportView.as_view())),
    path("reports/page-types-usage/results/", _admin(VisiblePageTypesUsageReportView.as_view(results_only=True))),
]
