"""An index on Wagtail's page table for "the page at this address": ``HomePage.route`` finds a page by its
``url_path`` in one lookup, which without an index reads the whole table (18 ms at 100,000 articles, on every
request the page cache cannot answer)."""

from django.db import migrations

INDEX = "tribune_page_url_path_idx"


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0005_page_depth_path_index")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (url_path)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
