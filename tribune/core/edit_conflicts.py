"""Two editors on one article (or expert profile): a save, publish or submission based on an older revision than the
latest is refused.

Wagtail's edit form posts the revision the editor started from (``loaded_revision_id`` and
``loaded_revision_created_at``, plain hidden inputs, so they are there with JavaScript off) and, once its autosave has
written a revision of the editor's own, ``overwrite_revision_id``. Wagtail compares them with the latest revision only
for autosave; the full form post is accepted whatever it was based on, so the second of two editors silently
replaced the first's work. These functions make that comparison for every post, against the page row locked for
the rest of the transaction, so two simultaneous posts cannot both pass it.

The editor whose post is refused keeps their text (the form is shown again as they sent it) and may replace the
newer version deliberately, with a token naming exactly the version they were shown; that is logged in the page's
history (``EDIT_CONFLICT_OVERRIDE_LOG_ACTION``).

Pages go through ``tribune.editorial.admin_overrides`` (Wagtail's page editor at its own address); snippets with
revisions through ``RefuseStaleSnippetEditsMixin`` on their viewset's edit view.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.admin.utils import quote
from django.db import transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from wagtail.admin import messages
from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import log
from wagtail.models import Revision

# The submit button that replaces the newer version on purpose; its value is the token of the version replaced.
OVERRIDE_FIELD = "tribune-replace-newer-version"
EDIT_CONFLICT_OVERRIDE_LOG_ACTION = "tribune.edit_conflict_override"
# Shown to Wagtail's autosave (JSON) as to the full form: the same words Wagtail uses for its autosave refusal.
STALE_AUTOSAVE_MESSAGE = "Saving will overwrite a newer version."
NEWER_VERSION_MESSAGE = "{author} saved a newer version {when} while you were editing."
UNKNOWN_AUTHOR = "Someone"


@dataclass(frozen=True)
class PostedBase:
    """What an edit form says it was based on."""

    revision_id: str
    created_at: str
    is_own_autosave: bool  # ``overwrite_revision_id``: the editor's own autosaved revision


@dataclass(frozen=True)
class EditConflict:
    base: Revision | None  # None when the posted revision no longer exists
    latest: Revision
    posted: PostedBase

    @property
    def author(self) -> str:
        return get_user_display_name(self.latest.user) if self.latest.user else UNKNOWN_AUTHOR

    @property
    def message(self) -> str:
        return NEWER_VERSION_MESSAGE.format(author=self.author, when=saved_when(self.latest.created_at))


def saved_when(moment: datetime) -> str:
    """ "at 14:02" today, "on 2 Dec 2026 at 14:02" before: the clock time is what editors compare with their own."""
    local, today = timezone.localtime(moment), timezone.localdate()
    if local.date() == today:
        return f"at {local:%H:%M}"
    return f"on {local.day} {local:%b %Y} at {local:%H:%M}"


def posted_base(post) -> PostedBase | None:
    """The revision an edit post was based on, or None when the post does not say (a page with no revision yet, or
    a client that is not Wagtail's form: Wagtail then assumes it up to date, and so does Tribune)."""
    if own := post.get("overwrite_revision_id"):
        return PostedBase(revision_id=own, created_at="", is_own_autosave=True)
    if loaded := post.get("loaded_revision_id"):
        return PostedBase(
            revision_id=loaded, created_at=post.get("loaded_revision_created_at", ""), is_own_autosave=False
        )
    return None


def revision_token(revision: Revision) -> str:
    """Names one state of one revision: an autosave rewrites a revision in place and moves its ``created_at``."""
    return f"{revision.pk}@{revision.created_at.isoformat()}"


def latest_revision_locked(model: type[Model], pk) -> Revision | None:
    """The object's latest revision, with the object's row locked until the transaction ends (PostgreSQL; SQLite
    has no row locks and serialises writers instead)."""
    latest_id = model._default_manager.select_for_update().filter(pk=pk).values_list("latest_revision_id", flat=True)
    latest_id = latest_id.first()
    if latest_id is None:
        return None
    return Revision.objects.select_related("user").filter(pk=latest_id).first()


def edit_conflict_find(*, posted: PostedBase | None, latest: Revision | None, user=None) -> EditConflict | None:
    """The conflict when the post was based on anything other than the latest revision as it stands now, and that
    revision is someone else's. A newer revision of the editor's own is no conflict: it is usually their autosave,
    which left just before the form they submitted learnt of it (a save pressed while an autosave is under way)."""
    if posted is None or latest is None:
        return None
    if user is not None and latest.user_id is not None and latest.user_id == user.pk:
        return None
    same_revision = posted.revision_id == str(latest.pk)
    # An own autosave is rewritten only by its session, so its id alone says it is current; a loaded revision may
    # have been rewritten by its author's autosave since, which moves its timestamp.
    if same_revision and (posted.is_own_autosave or posted.created_at == latest.created_at.isoformat()):
        return None
    base = Revision.objects.filter(pk=posted.revision_id).first() if posted.revision_id.isdigit() else None
    return EditConflict(base=base, latest=latest, posted=posted)


def override_is_for(post, latest: Revision) -> bool:
    """The editor pressed "Save my version" having been shown exactly this latest version."""
    return post.get(OVERRIDE_FIELD) == revision_token(latest)


def page_compare_url(page_id: int, conflict: EditConflict) -> str | None:
    """Wagtail's comparison of the version the editor started from with the newer one (none when the editor's base
    was rewritten in place or is gone: there is nothing older left to compare with)."""
    if conflict.base is None or conflict.base.pk == conflict.latest.pk:
        return None
    return reverse("wagtailadmin_pages:revisions_compare", args=(page_id, conflict.base.pk, conflict.latest.pk))


def conflict_message_html(
    *, conflict: EditConflict, compare_url: str | None, reload_url: str, form_id: str
) -> SafeString:
    """The refusal: who saved what when, and the three ways forward (compare, keep mine on purpose, load theirs)."""
    return render_to_string(
        "core/edit_conflict/message.html",
        {
            "conflict": conflict,
            "compare_url": compare_url,
            "reload_url": reload_url,
            "form_id": form_id,
            "override_field": OVERRIDE_FIELD,
            "override_token": revision_token(conflict.latest),
        },
    )


def snippet_compare_url(view, conflict: EditConflict) -> str | None:
    if conflict.base is None or conflict.base.pk == conflict.latest.pk:
        return None
    return reverse(view.revisions_compare_url_name, args=(quote(view.object.pk), conflict.base.pk, conflict.latest.pk))


def override_log(*, instance, user, conflict: EditConflict, saved: Revision) -> None:
    """The deliberate replacement of a newer version, in the object's history."""
    log(
        instance=instance,
        action=EDIT_CONFLICT_OVERRIDE_LOG_ACTION,
        user=user,
        revision=saved,
        data={
            "replaced_revision_id": conflict.latest.pk,
            "replaced_author": conflict.author,
            "base_revision_id": conflict.base.pk if conflict.base else None,
        },
    )


class RefuseStaleSnippetEditsMixin:
    """Wagtail's snippet edit view (for models with revisions), refusing a post based on an older revision than the
    latest, as the page editor does (``tribune.editorial.admin_overrides.RefuseStaleEditsMixin``)."""

    form_id = "w-editor-form"  # the id of Wagtail's generic edit form, which the override button submits
    stale_loaded_revision_created_at = None

    def post(self, request, *args, **kwargs):
        if not self.revision_enabled:
            return super().post(request, *args, **kwargs)
        with transaction.atomic():
            latest = latest_revision_locked(self.model, self.object.pk)
            conflict = edit_conflict_find(posted=posted_base(request.POST), latest=latest, user=request.user)
            overriding = conflict is not None and self.is_deliberate_override(latest)
            if conflict is not None and not overriding:
                return self.refuse_stale_edit(conflict)
            self.latest_revision = latest  # what Wagtail's own autosave comparison looks at
            response = super().post(request, *args, **kwargs)
            saved = getattr(self, "new_revision", None)
            if overriding and saved is not None and saved.pk != latest.pk:
                override_log(instance=self.object, user=request.user, conflict=conflict, saved=saved)
            return response

    def is_deliberate_override(self, latest: Revision) -> bool:
        if self.expects_json_response or not override_is_for(self.request.POST, latest):
            return False
        self.request.POST = self.request.POST.copy()
        self.request.POST.pop("overwrite_revision_id", None)
        return self.action == "edit"  # saving a draft: never publishing on the strength of the override

    def refuse_stale_edit(self, conflict: EditConflict):
        if self.expects_json_response:
            return self.json_error_response("invalid_revision", STALE_AUTOSAVE_MESSAGE)
        self.form = self.get_form()
        self.form.is_valid()  # binds the editor's text to the form shown again
        if conflict.base is not None:  # the hidden inputs go on naming the editor's starting version
            self.object.latest_revision_id = conflict.base.pk
            self.stale_loaded_revision_created_at = conflict.posted.created_at or conflict.base.created_at.isoformat()
        messages.error(
            self.request,
            conflict_message_html(
                conflict=conflict,
                compare_url=snippet_compare_url(self, conflict),
                reload_url=self.get_edit_url(),
                form_id=self.form_id,
            ),
        )
        return self.render_to_response(self.get_context_data(form=self.form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.stale_loaded_revision_created_at is not None:
            context["loaded_revision_created_at"] = self.stale_loaded_revision_created_at
        return context
