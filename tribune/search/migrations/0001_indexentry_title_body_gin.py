"""A GIN index on ``title || body`` of Wagtail's search index table, on PostgreSQL.

Wagtail's PostgreSQL backend matches ``(title || body) @@ query``, but Wagtail indexes ``title`` and ``body``
separately, so no index serves that expression and every search read and matched the whole table (seconds at
100,000 articles; wagtail/wagtail#6546). This index serves it; ANALYZE gives the planner statistics on the
expression, so it can tell a rare word (use this index) from a common one (walk the publication-date index).
Built concurrently so a live site keeps indexing while it builds. Other databases: nothing to do (SQLite
searches through its own FTS5 table).
"""

from django.db import migrations

INDEX = "tribune_search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )
        schema_editor.execute("ANALYZE wagtailsearch_indexentry")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
