"""An index on Wagtail's page table for "newest first": every listing orders published articles by
``first_published_at``, and without it each listing sorts the whole archive (Wagtail does not index it)."""

from django.db import migrations

INDEX = "tribune_page_first_published_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_articlepage_comment_count_and_more"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (first_published_at, id)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
