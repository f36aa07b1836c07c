"""An index on the text form of article ids, which is how Wagtail's search index refers to them, on PostgreSQL.

Wagtail joins an article to its search index entry on ``object_id = page_ptr_id::varchar(50)``. Going from an
article to its entry uses the entry table's unique index; going the other way, from the entries a rare word
matches (found through 0001's index) to their articles, had no index to use and read the whole article table.
The expression must stay the one Wagtail writes (``IndexEntry.object_id`` is a ``CharField(max_length=50)``).
"""

from django.db import migrations

INDEX = "tribune_search_articlepage_object_id"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON newsroom_articlepage (((page_ptr_id)::varchar(50)))"
        )
        schema_editor.execute("ANALYZE newsroom_articlepage")  # statistics on the new expression


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [("tribune_search", "0001_indexentry_title_body_gin"), ("newsroom", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
