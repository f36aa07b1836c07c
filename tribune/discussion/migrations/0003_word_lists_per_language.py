"""Moderation word lists per language: the site-wide banned and suspect words become the lists of the default
language (``LANGUAGE_CODE``), and every other enabled language gets a list of its own in the settings."""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models

import tribune.discussion.models


def words_to_default_language(apps, schema_editor):
    DiscussionSettings = apps.get_model("discussion", "DiscussionSettings")
    ModerationWordList = apps.get_model("discussion", "ModerationWordList")
    for config in DiscussionSettings.objects.exclude(banned_words="", suspect_words=""):
        ModerationWordList.objects.create(
            settings=config,
            language_code=settings.LANGUAGE_CODE,
            banned_words=config.banned_words,
            suspect_words=config.suspect_words,
        )


def words_back_to_settings(apps, schema_editor):
    ModerationWordList = apps.get_model("discussion", "ModerationWordList")
    for word_list in ModerationWordList.objects.filter(language_code=settings.LANGUAGE_CODE).select_related("settings"):
        word_list.settings.banned_words = word_list.banned_words
        word_list.settings.suspect_words = word_list.suspect_words
        word_list.settings.save(update_fields=["banned_words", "suspect_words"])


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0002_edits_and_reaction_limits"),
    ]

    operations = [
        migrations.CreateModel(
            name="ModerationWordList",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "language_code",
                    models.CharField(
                        choices=tribune.discussion.models.content_language_choices,
                        max_length=100,
                        verbose_name="language",
                    ),
                ),
                (
                    "banned_words",
                    models.TextField(
                        blank=True,
                        help_text="One per line. A comment containing one is rejected.",
                        verbose_name="banned words",
                    ),
                ),
                (
                    "suspect_words",
                    models.TextField(
                        blank=True,
                        help_text="One per line. A comment containing one is held for review.",
                        verbose_name="suspect words",
                    ),
                ),
                (
                    "settings",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="language_word_lists",
                        to="discussion.discussionsettings",
                    ),
                ),
            ],
            options={
                "verbose_name": "moderation word list",
                "ordering": ["language_code"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("settings", "language_code"), name="discussion_one_word_list_per_language"
                    )
                ],
            },
        ),
        migrations.RunPython(words_to_default_language, words_back_to_settings),
        migrations.RemoveField(model_name="discussionsettings", name="banned_words"),
        migrations.RemoveField(model_name="discussionsettings", name="suspect_words"),
    ]
