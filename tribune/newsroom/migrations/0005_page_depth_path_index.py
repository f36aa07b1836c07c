"""An index on Wagtail's page table for "children of": the navigation on every page lists the home page's
children (``depth = 3 AND path BETWEEN …``); with only the path index that range spans the whole archive."""

from django.db import migrations

INDEX = "tribune_page_depth_path_idx"


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0004_page_publication_date_index")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
