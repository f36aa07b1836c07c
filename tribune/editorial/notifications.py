"""Who hears about what. Messages are composed here, in each recipient's language (``accounts.mail``), and sent by
the ``send_email`` task.

Wagtail's own workflow emails are replaced (same dispatch uids, registered before Wagtail's admin app connects
its handlers) so that nobody gets two messages and nothing is sent inside the request.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from tribune.accounts.mail import mail_addresses, mail_users
from tribune.core.sites import public_url


def _admin_url(name: str, *args) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse(name, args=args)


def section_editors(section) -> list:
    """Users who may publish in ``section``: its editors and the chief editors."""
    from .roles import CHIEF_EDITORS, section_group_name

    User = get_user_model()
    return list(
        User.objects.filter(
            is_active=True, groups__name__in=[section_group_name("Editors", section), CHIEF_EDITORS]
        ).distinct()
    )


# Pitches and invitations


def invitation_sent(invitation, token: str) -> None:
    """In the invitation's language, with the link to its edition's page for choosing a password."""
    language = invitation.language or settings.LANGUAGE_CODE
    with translation.override(language):
        link = public_url(reverse("invitation_accept", args=[token]))
    context = {"invitation": invitation, "link": link}
    mail_addresses("editorial/email/invitation.txt", context, [invitation.email], language=language)


def pitch_submitted(pitch) -> None:
    context = {"pitch": pitch, "link": _admin_url("editorial:pitch_detail", pitch.pk)}
    mail_users("editorial/email/pitch_submitted.txt", context, section_editors(pitch.section))


def pitch_decided(pitch, message: str = "") -> None:
    context = {"pitch": pitch, "message": message, "link": _admin_url("editorial:pitch_detail", pitch.pk)}
    mail_users("editorial/email/pitch_decided.txt", context, [pitch.author])


def pitch_answered(pitch, message: str) -> None:
    context = {"pitch": pitch, "message": message, "link": _admin_url("editorial:pitch_detail", pitch.pk)}
    mail_users("editorial/email/pitch_answered.txt", context, section_editors(pitch.section))


# Review workflow


def _content(workflow_state: WorkflowState):
    return (
        workflow_state.content_object.specific
        if hasattr(workflow_state.content_object, "specific")
        else (workflow_state.content_object)
    )


def _review_link(obj) -> str:
    page_id = getattr(obj, "page_ptr_id", None) or obj.pk
    return _admin_url("wagtailadmin_pages:edit", page_id) if hasattr(obj, "page_ptr_id") else ""


def on_task_submitted(sender, instance: TaskState, user=None, **kwargs):
    """A review is requested: tell whoever may approve this step."""
    from .models import SectionEditorsReviewTask, section_of

    task = instance.task.specific
    obj = _content(instance.workflow_state)
    if isinstance(task, SectionEditorsReviewTask):
        section = section_of(obj)
        reviewers = section_editors(section) if section else []
    elif hasattr(task, "groups"):
        reviewers = list(get_user_model().objects.filter(groups__in=task.groups.all(), is_active=True).distinct())
    else:
        reviewers = []
    reviewers = [reviewer for reviewer in reviewers if reviewer != user]
    context = {"object": obj, "task": task, "submitter": user, "link": _review_link(obj)}
    mail_users("editorial/email/review_requested.txt", context, reviewers)


def _author_recipients(workflow_state: WorkflowState, obj) -> list:
    people = [workflow_state.requested_by, getattr(obj, "owner", None)]
    return [person for person in people if person]


def on_workflow_rejected(sender, instance: WorkflowState, user=None, **kwargs):
    obj = _content(instance)
    task_state = instance.current_task_state
    comment = task_state.get_comment() if task_state else ""
    context = {"object": obj, "reviewer": user, "comment": comment, "link": _review_link(obj)}
    mail_users("editorial/email/changes_requested.txt", context, _author_recipients(instance, obj))


def _live_url(obj) -> str:
    """The public address of an approved page if approval put it in front of readers (not when it is scheduled or
    under embargo): the one definition of "published", and the page's own absolute URL."""
    from tribune.newsroom.models import ArticlePage

    if not hasattr(obj, "page_ptr_id"):
        return ""
    pages = ArticlePage.objects.published() if isinstance(obj, ArticlePage) else type(obj).objects.live()
    page = pages.filter(pk=obj.pk).first()
    return (page.full_url or "") if page else ""


def on_workflow_approved(sender, instance: WorkflowState, user=None, **kwargs):
    obj = _content(instance)
    context = {"object": obj, "reviewer": user, "link": _review_link(obj), "live_url": _live_url(obj)}
    mail_users("editorial/email/approved.txt", context, _author_recipients(instance, obj))


def on_workflow_submitted(sender, instance: WorkflowState, user=None, **kwargs):
    """Nothing extra: the first task's "review requested" message covers it. Replaces Wagtail's email."""


def register():
    # Same dispatch uids as wagtail.admin.signal_handlers: whichever connects first wins, and this app's ready()
    # runs before Wagtail's admin app (Tribune's apps come first in INSTALLED_APPS).
    task_submitted.connect(
        on_task_submitted, sender=TaskState, dispatch_uid="group_approval_task_submitted_email_notification"
    )
    workflow_submitted.connect(
        on_workflow_submitted, sender=WorkflowState, dispatch_uid="workflow_state_submitted_email_notification"
    )
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid="workflow_state_rejected_email_notification"
    )
    workflow_approved.connect(
        on_workflow_approved, sender=WorkflowState, dispatch_uid="workflow_state_approved_email_notification"
    )
