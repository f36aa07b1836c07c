"""An index for the RUNNING tasks of django-tasks-db's table, which only indexes READY ones: the lease recovery
(``core.task_leases``) and ``core.liveness.status()`` look for RUNNING tasks started before the lease, and the table
keeps every finished result until it is pruned. Partial on PostgreSQL and SQLite alike. (On SQLite, a later
django-tasks-db migration that rebuilds the table would drop it: check after upgrading django-tasks-db.)"""

from django.db import migrations

INDEX = "tribune_tasks_running_started_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON django_tasks_database_dbtaskresult (started_at) WHERE status = 'RUNNING'",
            reverse_sql=f"DROP INDEX {INDEX}",
        )
    ]
