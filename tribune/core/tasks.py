"""Background tasks shared by every app: email leaves through the task queue, never inside a request."""

from django_tasks import task

from django.conf import settings
from django.core.mail import send_mail


@task()
def send_email(*, subject: str, body: str, recipients: list[str]) -> int:
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
