"""Addresses suspended before the site-wide suppression list existed go on it, so follow alerts skip them too."""

from django.db import migrations


def copy_suspended(apps, schema_editor):
    Subscription = apps.get_model("newsletters", "Subscription")
    SuppressedAddress = apps.get_model("accounts", "SuppressedAddress")
    emails = set(Subscription.objects.filter(status="suspended").values_list("email", flat=True))
    SuppressedAddress.objects.bulk_create(
        [SuppressedAddress(email=email.lower()) for email in emails], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_initial"),
        ("accounts", "0006_suppressed_address"),
    ]

    operations = [migrations.RunPython(copy_suspended, migrations.RunPython.noop)]
