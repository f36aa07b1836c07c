"""Background tasks shared by every app: email leaves through the task queue, never inside a request; Wagtail's
per-object index updates run through twins that accept an object deleted while its update waited."""

import logging

from django_tasks import task

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import send_mail

from .text import plain_text

logger = logging.getLogger(__name__)


@task()
def send_email(*, subject: str, body: str, recipients: list[str]) -> int:
    """Send a text-only email. Whatever composed it, the subject and body pass through ``core.text.plain_text`` (no
    tag a mail client could render), and the subject is one line (a name with a line break in it would otherwise
    make the header invalid and the email lost)."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    subject = " ".join(plain_text(subject).split())
    return send_mail(subject, plain_text(body), settings.DEFAULT_FROM_EMAIL, recipients)


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
