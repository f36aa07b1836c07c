"""Background tasks shared by every app: email leaves through the task queue, never inside a request; Wagtail's
per-object index updates run through twins that accept an object deleted while its update waited."""

import logging

from django_tasks import task

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import TaskEffect
from .text import plain_text

logger = logging.getLogger(__name__)


class EmailMayHaveBeenSent(Exception):
    """A retried ``send_email`` whose earlier attempt stopped while handing the message to the mail server."""


@task(takes_context=True)
def send_email(context, *, subject: str, body: str, recipients: list[str]) -> int:
    """Send a text-only email. Whatever composed it, the subject and body pass through ``core.text.plain_text`` (no
    tag a mail client could render), and the subject is one line (a name with a line break in it would otherwise
    make the header invalid and the email lost).

    At most once per task: a task is run again when its worker died mid-task (``core.task_leases``), so the send is
    recorded under the task result's id (a ``TaskEffect``) and committed *before* the message goes to the mail
    server, and marked done after. A retry finding it done sends nothing; one finding it only started (the worker
    died during the SMTP exchange, when the message may or may not have left) sends nothing either and fails with
    ``EmailMayHaveBeenSent``, so staff see it: a reader never gets the same email twice, and the rare one lost is
    visible. The Message-ID is the task's too, so a copy sent again by hand is recognisably the same message."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    task_id = context.task_result.id
    key = f"send_email:{task_id}"
    earlier = _effect_begin(key)
    if earlier == TaskEffect.DONE:
        logger.info("The email of task %s was sent by an earlier attempt: not sending it again", task_id)
        return 0
    if earlier == TaskEffect.STARTED:
        raise EmailMayHaveBeenSent(
            f"An earlier attempt of task {task_id} stopped while sending this email; it is not sent again so that "
            "nobody receives it twice."
        )
    subject = " ".join(plain_text(subject).split())
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "tribune.invalid"
    message = EmailMultiAlternatives(  # as send_mail builds it
        subject,
        plain_text(body),
        settings.DEFAULT_FROM_EMAIL,
        recipients,
        headers={"Message-ID": f"<{task_id}.send_email@{domain}>"},
    )
    try:
        sent = message.send()
    except Exception:
        # Refused, or the server could not be reached: nothing left, so a later attempt may send it.
        TaskEffect.objects.filter(key=key).delete()
        raise
    TaskEffect.objects.filter(key=key).update(state=TaskEffect.DONE, finished_at=timezone.now())
    return sent


def _effect_begin(key: str) -> str | None:
    """Record, committed, that the effect ``key`` is about to happen; returns None the first time, else the state an
    earlier attempt left (started or done)."""
    try:
        with transaction.atomic():
            TaskEffect.objects.create(key=key)
    except IntegrityError:
        return TaskEffect.objects.filter(key=key).values_list("state", flat=True).first()
    return None


@task()
def reference_index_update(app_label: str, model_name: str, pk: str) -> bool:
    """Wagtail's ``update_reference_index_task``; an object (or the page holding it) deleted meanwhile already took
    its references with it. Queued in its place by ``tribune.core.task_backend``; returns whether it indexed."""
    from wagtail.tasks import update_reference_index_task

    return _unless_deleted(update_reference_index_task, app_label, model_name, pk)


@task()
def search_index_update(app_label: str, model_name: str, pk: str) -> bool:
    """Wagtail's ``insert_or_update_object_task``; an object deleted meanwhile already left the search index."""
    from wagtail.search.tasks import insert_or_update_object_task

    return _unless_deleted(insert_or_update_object_task, app_label, model_name, pk)


def _unless_deleted(wagtail_task, app_label: str, model_name: str, pk: str) -> bool:
    try:
        wagtail_task.call(app_label, model_name, pk)
    except ObjectDoesNotExist:
        logger.debug("%s.%s %s was deleted before its index update ran: nothing to do", app_label, model_name, pk)
        return False
    return True
