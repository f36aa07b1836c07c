"""``manage.py db_worker``: django-tasks-db's command with Tribune's worker (``core.worker.ResilientWorker``), which
lives through database restarts and queues again the tasks of workers lost mid-task. It takes the place of
django-tasks-db's command because ``tribune.core`` comes before ``django_tasks_db`` in INSTALLED_APPS."""

import os

from django_tasks_db.management.commands import db_worker

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader

from tribune.core.worker import ResilientWorker


class Command(db_worker.Command):
    help = "Run the database task worker; it waits out database outages and retries tasks lost with a worker."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--max-loops",
            type=db_worker.valid_max_tasks,
            default=None,
            help="Exit after this many turns of the loop, tasks or not (for tests and bounded runs).",
        )

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, max_loops=None, **options):  # fmt: skip
        self.configure_logging(verbosity)
        if reload and batch:
            db_worker.logger.warning(
                "Warning: --reload and --batch cannot be specified together. Disabling autoreload."
            )
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")

        worker = ResilientWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
            max_loops=max_loops,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloader's child runs tasks
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
