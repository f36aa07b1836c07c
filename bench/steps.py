"""The benchmark's steps that need Django: run by ``bench/run.py`` as ``.venv/bin/python bench/steps.py STEP``.

Each step reads the same environment as the servers (settings, database, cache) and prints one JSON object on its
last line of output, which the orchestrator parses.
"""

import argparse
import json
import os
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH_READER_PREFIX = "bench-reader-"
# Words too common or too short to say anything about search.
STOP_WORDS = {
    "about",
    "after",
    "against",
    "before",
    "between",
    "could",
    "every",
    "first",
    "their",
    "there",
    "these",
    "those",
    "under",
    "where",
    "which",
    "while",
    "would",
}


def django_setup() -> None:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tribune.settings.production")
    import django

    django.setup()


def emit(payload: dict) -> None:
    print(json.dumps(payload, default=str), flush=True)


def step_createdb(args) -> None:
    """Drop and create the benchmark's PostgreSQL database (connects to the maintenance database)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(args.admin_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(args.name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(args.name)))
        version = conn.execute("SHOW server_version").fetchone()[0]
    emit({"database": args.name, "server_version": version})


def step_analyze(args) -> None:
    """Refresh the planner's statistics after a bulk load, as autovacuum would do in time on a live database:
    without them PostgreSQL plans for empty tables (nested loops over the whole archive)."""
    django_setup()
    from django.db import connection

    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    emit({"vendor": connection.vendor, "seconds": round(time.perf_counter() - began, 2)})


def _search_word(titles: list[str]) -> str:
    words = Counter(
        word for title in titles for word in set(re.findall(r"[a-z]{5,}", title.lower())) if word not in STOP_WORDS
    )
    return words.most_common(1)[0][0] if words else "policy"


def step_info(args) -> None:
    """What the scenarios request: the article (the one with most approved comments), its section, home, a
    common search word, and the size of the archive."""
    django_setup()
    from django.db.models import Count, Q

    from wagtail.models import Page, Site

    from tribune.contributors.models import Contributor
    from tribune.discussion.models import Comment
    from tribune.newsroom.models import ArticlePage, SectionPage

    published = ArticlePage.objects.published()
    if args.article_url:
        path = "/" + args.article_url.split("://", 1)[-1].split("/", 1)[-1].lstrip("/")
        article = next((a for a in published.filter(slug=path.rstrip("/").rsplit("/", 1)[-1]) if a.url == path), None)
    else:
        article = None
    if article is None:
        article = (
            published.annotate(approved=Count("comments", filter=Q(comments__status="approved")))
            .order_by("-approved", "-first_published_at")
            .first()
        )
    section = article.get_parent().specific
    titles = list(published.order_by("-first_published_at").values_list("title", flat=True)[:5000])
    site = Site.objects.get(is_default_site=True)
    try:
        from wagtail.search.models import IndexEntry

        indexed = IndexEntry.objects.count()
    except ImportError:  # pragma: no cover - older Wagtail
        indexed = None
    emit(
        {
            "article": {
                "id": article.pk,
                "url": article.url,
                "title": article.title,
                "approved_comments": Comment.objects.filter(article=article, status="approved").count(),
            },
            "section": {"id": section.pk, "url": section.url, "title": section.title},
            "home_url": site.root_page.url,
            "search_word": _search_word(titles),
            "site": f"{site.hostname}:{site.port}",
            "counts": {
                "articles_published": published.count(),
                "pages": Page.objects.count(),
                "sections": SectionPage.objects.count(),
                "contributors": Contributor.objects.count(),
                "comments": Comment.objects.count(),
                "search_index_entries": indexed,
            },
        }
    )


def step_readers(args) -> None:
    """Create signed-in bench readers: verified email, a session as ``login()`` makes it, a CSRF token.
    Discussion settings are opened up so the bench measures posting, not the rate limits or the queue."""
    django_setup()
    from allauth.account.models import EmailAddress

    from django.conf import settings
    from django.contrib.auth import get_user_model, login
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpRequest
    from django.middleware.csrf import get_token

    from tribune.discussion.models import DiscussionSettings, ModerationWordList
    from tribune.discussion.services import discussion_settings

    config = discussion_settings()
    config.read_only = False
    config.close_after_days = 0
    config.trusted_after = 0
    config.hold_links = False
    config.quiet_hours_start = config.quiet_hours_end = None
    config.comments_per_minute = config.comments_per_hour = config.comments_per_ip_per_hour = 0
    ModerationWordList.objects.filter(settings=config).delete()
    config.save()

    User = get_user_model()
    lines = []
    for i in range(args.count):
        user, created = User.objects.get_or_create(
            username=f"{BENCH_READER_PREFIX}{i}",
            defaults={"email": f"{BENCH_READER_PREFIX}{i}@example.org", "display_name": f"Bench reader {i}"},
        )
        if created:
            user.set_unusable_password()
            user.save()
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        request = HttpRequest()
        request.META.update({"REMOTE_ADDR": "127.0.0.1", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80"})
        request.session = SessionStore()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.save()
        form_token = get_token(request)
        lines.append(f"{request.session.session_key} {request.META['CSRF_COOKIE']} {form_token}")
    Path(args.out).write_text("\n".join(lines) + "\n")
    emit(
        {
            "readers": args.count,
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "discussion_settings": {
                f.name: getattr(config, f.name) for f in DiscussionSettings._meta.fields if f.name not in {"id", "site"}
            },
        }
    )


def step_comments(args) -> None:
    """Count the bench readers' comments on an article, by status (to check that the POSTs really posted)."""
    django_setup()
    from django.db.models import Count

    from tribune.discussion.models import Comment

    rows = (
        Comment.objects.filter(article_id=args.article, author__username__startswith=BENCH_READER_PREFIX)
        .values("status")
        .annotate(n=Count("pk"))
    )
    emit({row["status"]: row["n"] for row in rows})


def _fetch(url: str, timeout: float = 5.0) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback URLs we built
            return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


def step_publish(args) -> None:
    """Publish a new revision of the article with a changed title, then poll every URL until it shows it."""
    django_setup()
    from tribune.newsroom.models import ArticlePage

    urls = dict(pair.split("=", 1) for pair in args.urls)
    for url in urls.values():  # make sure every cache holds the old version first
        for _ in range(2):
            _fetch(url)
    before = {name: _fetch(url)[2] for name, url in urls.items()}

    from django.urls import get_resolver

    # Editors publish from a web worker, whose URL configuration is loaded long before; this fresh process loads it
    # here, or its first import (0.2-0.8 s, with the admin's) would be timed as part of publishing.
    get_resolver().reverse_dict  # noqa: B018 (the property builds the resolver's tables)
    article = ArticlePage.objects.get(pk=args.article).specific
    marker = f"Benchrev{int(time.time())}"
    article.title = f"{article.title.split(' Benchrev')[0]} {marker}"
    seen: dict[str, float | None] = dict.fromkeys(urls)
    polls: dict[str, int] = dict.fromkeys(urls, 0)
    # What each URL answered while the new title was not there yet: old copies (200) or errors (a 503 from an edge
    # that refuses to fetch, say), so a slow result says why.
    answers: dict[str, Counter] = {name: Counter() for name in urls}
    start = threading.Event()
    t0 = [0.0]

    def poll(name: str, url: str) -> None:
        start.wait()
        deadline = t0[0] + args.timeout
        while time.perf_counter() < deadline:
            polls[name] += 1
            try:
                status, body, _ = _fetch(url)
            except OSError as error:  # refused, reset or timed out: count it and poll again
                status, body = type(error).__name__, ""
            if status == 200 and marker in body:
                seen[name] = time.perf_counter() - t0[0]
                return
            answers[name][str(status)] += 1
            time.sleep(args.interval)

    threads = [threading.Thread(target=poll, args=item, daemon=True) for item in urls.items()]
    for thread in threads:
        thread.start()
    revision = article.save_revision()
    t0[0] = time.perf_counter()
    start.set()
    revision.publish()
    publish_seconds = time.perf_counter() - t0[0]
    for thread in threads:
        thread.join(args.timeout + 10)
    emit(
        {
            "article": args.article,
            "marker": marker,
            "publish_call_seconds": round(publish_seconds, 4),
            "visible_after_seconds": seen,
            "polls": polls,
            "answers_before_visible": {name: dict(counter) for name, counter in answers.items()},
            "timeout_seconds": args.timeout,
            "headers_before": {
                name: {k: v for k, v in headers.items() if k.lower() in CACHE_HEADERS}
                for name, headers in before.items()
            },
        }
    )


def step_newsletter(args) -> None:
    """Send one issue to ``--subscribers`` addresses through a real SMTP sink (aiosmtpd in its own process, which
    accepts and discards): the worker's throughput, and the time a 100,000-subscriber issue would take at it."""
    import socket
    import subprocess

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        os.environ.update({"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "EMAIL_USE_TLS": "0"})
        django_setup()
        from django.db import transaction

        from tribune.newsletters import sending, services
        from tribune.newsletters.models import NewsletterList, Subscription

        with transaction.atomic():
            NewsletterList.objects.filter(slug="bench-issue").delete()
            newsletter = NewsletterList.objects.create(name="Bench issue", slug="bench-issue", send_rate=args.rate)
            Subscription.objects.bulk_create(
                [
                    Subscription(newsletter=newsletter, email=f"reader{n}@bench.invalid", status="active")
                    for n in range(args.subscribers)
                ],
                batch_size=5000,
            )
        issue = services.issue_build_automatic(newsletter)
        articles = issue.items.count()
        if args.announce:  # run.py starts its load on the web side when it reads this line
            print("SENDING", flush=True)
        started, started_at = time.monotonic(), time.time()
        sent = sending.issue_send(issue.pk)
        seconds = time.monotonic() - started
        finished_at = time.time()
        NewsletterList.objects.filter(pk=newsletter.pk).delete()
    finally:
        sink.terminate()
        sink.wait(timeout=10)
    per_second = sent / seconds if seconds else None
    emit(
        {
            "subscribers": args.subscribers,
            "sent": sent,
            "articles": articles,
            "seconds": round(seconds, 2),
            "messages_per_s": round(per_second, 1) if per_second else None,
            "seconds_for_100k": round(100_000 / per_second, 1) if per_second else None,
            "started_at": started_at,
            "finished_at": finished_at,
        }
    )


def _page_views(path: str) -> int:
    from django.db.models import Sum

    from tribune.analytics.models import HourlyPageViews

    return HourlyPageViews.objects.filter(path=path).aggregate(total=Sum("views"))["total"] or 0


def step_views(args) -> None:
    """The views of ``--path`` written to the database. With ``--flush`` it first queues the flush task for the
    task worker (as the scheduler does every minute) and waits, at most ``--timeout`` seconds, until the count
    reaches ``--expect`` or, once it grew, stops growing for 5 s: the beacon's counts go through Redis and the
    worker, as in production."""
    django_setup()
    began = time.monotonic()
    if args.flush:
        from tribune.analytics.tasks import flush_page_views

        flush_page_views.enqueue()
    views = first = _page_views(args.path)
    changed = time.monotonic()
    while args.flush and views < args.expect and time.monotonic() - began < args.timeout:
        time.sleep(0.5)
        now = _page_views(args.path)
        if now != views:
            views, changed = now, time.monotonic()
        elif views != first and time.monotonic() - changed > 5:  # written, and nothing more coming
            break
    emit({"path": args.path, "views": views, "waited_s": round(time.monotonic() - began, 1)})


CACHE_HEADERS = {"age", "cache-control", "x-cache", "x-varnish", "via", "x-cache-hits", "vary", "expires"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("createdb")
    p.add_argument("--admin-url", required=True)
    p.add_argument("--name", required=True)
    sub.add_parser("analyze")
    p = sub.add_parser("info")
    p.add_argument("--article-url", default="")
    p = sub.add_parser("newsletter")
    p.add_argument("--subscribers", type=int, default=20_000)
    p.add_argument("--announce", action="store_true", help="print SENDING when the send itself begins")
    p.add_argument("--rate", type=int, default=1_000_000, help="the list's messages per second (default: no limit)")
    p = sub.add_parser("views")
    p.add_argument("--path", required=True)
    p.add_argument("--flush", action="store_true", help="queue the flush task and wait for the worker to write")
    p.add_argument("--expect", type=int, default=0)
    p.add_argument("--timeout", type=float, default=120.0)
    p = sub.add_parser("readers")
    p.add_argument("--count", type=int, default=8)
    p.add_argument("--out", required=True)
    p = sub.add_parser("comments")
    p.add_argument("--article", type=int, required=True)
    p = sub.add_parser("publish")
    p.add_argument("--article", type=int, required=True)
    p.add_argument("--urls", nargs="+", required=True, help="name=url pairs to poll")
    p.add_argument("--timeout", type=float, default=30.0)
    p.add_argument("--interval", type=float, default=0.01)
    args = parser.parse_args()
    globals()[f"step_{args.step}"](args)


if __name__ == "__main__":
    main()
