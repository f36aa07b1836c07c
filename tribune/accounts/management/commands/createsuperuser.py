"""Django's ``createsuperuser``, fit for mandatory email confirmation: the address is required, and recorded as
confirmed, since the operator typed it on the server's console (as trusted as the command itself). Without this the
new superuser would be sent to confirm it at first sign-in, and one made without an address could never sign in."""

import os

from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import createsuperuser
from django.core.management.base import CommandError
from django.db.models.signals import post_save

EMAIL_REQUIRED = "A superuser needs an email address: sign-in requires a confirmed one (ACCOUNT_EMAIL_VERIFICATION)."


class Command(createsuperuser.Command):
    help = "Create a superuser whose email address is already confirmed, so they can sign in at once."

    def handle(self, *args, **options):
        user_model = get_user_model()
        email_field = user_model.get_email_field_name()
        given = options.get(email_field)
        if not options["interactive"]:
            given = given or os.environ.get(f"DJANGO_SUPERUSER_{email_field.upper()}")
        if (given is not None or not options["interactive"]) and not (given or "").strip():
            raise CommandError(EMAIL_REQUIRED)
        new_users = []

        def remember(sender, instance, created=False, **kwargs):
            if created:
                new_users.append(instance)

        post_save.connect(remember, sender=user_model, weak=False, dispatch_uid="createsuperuser-confirm")
        try:
            super().handle(*args, **options)
        finally:
            post_save.disconnect(sender=user_model, dispatch_uid="createsuperuser-confirm")
        for user in new_users:
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )

    def get_input_data(self, field, message, default=None):
        value = super().get_input_data(field, message, default)
        if field.name == get_user_model().get_email_field_name() and value == "":
            self.stderr.write(f"Error: {EMAIL_REQUIRED}")
            return None  # asked again
        return value
