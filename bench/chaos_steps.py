"""What ``make chaos`` does as an editor or asks of the database: run by ``bench/chaos.py`` as
``.venv/bin/python bench/chaos_steps.py STEP``, with the same environment as the servers. Each step prints one JSON
object on its last line.

Edits go through Wagtail's own revision API, as the admin's publish and unpublish do, so every signal, invalidation
and task that follows a change in the admin follows it here too.
"""

import argparse
import datetime
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from steps import django_setup, emit  # noqa: E402 - after the path that finds it


def step_articles(args) -> None:
    """Published articles the faults may change, oldest first (the newest stay on the home page's lead)."""
    django_setup()
    from tribune.newsroom.models import ArticlePage

    articles = ArticlePage.objects.live().public().order_by("first_published_at")[: args.count]
    emit({"articles": [{"id": a.pk, "url": a.url, "title": a.title} for a in articles]})


def step_retitle(args) -> None:
    """Publish a new revision with a new headline."""
    django_setup()
    from tribune.newsroom.models import ArticlePage

    article = ArticlePage.objects.get(pk=args.article)
    article.title = args.title
    article.save_revision().publish()
    emit({"article": article.pk, "title": article.title})


def step_unpublish(args) -> None:
    """Take the article down, as the admin's unpublish does (a legal takedown)."""
    django_setup()
    from tribune.newsroom.models import ArticlePage

    article = ArticlePage.objects.get(pk=args.article)
    article.unpublish()
    emit({"article": article.pk, "live": ArticlePage.objects.get(pk=args.article).live})


def step_schedule(args) -> None:
    """A copy of an article, its go-live ``seconds`` from now, approved for publishing at that time (as the admin's
    "publish" with a go-live date does): the scheduler must publish it."""
    django_setup()
    from django.utils import timezone

    from tribune.newsroom.models import ArticlePage

    source = ArticlePage.objects.get(pk=args.article)
    copy = source.copy(
        update_attrs={"title": args.title, "slug": args.slug, "live": False, "has_unpublished_changes": True},
        keep_live=False,
        copy_revisions=False,
    )
    copy = ArticlePage.objects.get(pk=copy.pk)
    copy.go_live_at = timezone.now() + datetime.timedelta(seconds=args.seconds)
    revision = copy.save_revision(approved_go_live_at=copy.go_live_at)
    revision.publish()  # with a future go-live this only schedules it
    parent_url = source.get_parent().url
    emit({"article": copy.pk, "url": f"{parent_url}{args.slug}/", "go_live_at": copy.go_live_at.isoformat()})


def step_enqueue_emails(args) -> None:
    """Queue ``count`` emails, each with its own subject, through the task queue as replies and confirmations go."""
    django_setup()
    from tribune.core.tasks import send_email

    subjects = [f"{args.tag} {i}" for i in range(args.count)]
    for subject in subjects:
        send_email.enqueue(subject=subject, body="A message from the chaos run.", recipients=["chaos@example.org"])
    emit({"queued": len(subjects)})


def step_two_editors(args) -> None:
    """Two section editors open one article's editor on the same version and both save, as two browsers without
    JavaScript post the form: the first save must win and the second be refused, its text kept in the form."""
    django_setup()
    import html
    import re

    from django.contrib.auth import get_user_model
    from django.test import Client

    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    from tribune.editorial.roles import role_assign
    from tribune.newsroom.models import ArticlePage

    article = ArticlePage.objects.get(pk=args.article)
    section = article.get_parent().specific
    clients = []
    for name in ("chaos-editor-a", "chaos-editor-b"):
        user, _ = get_user_model().objects.get_or_create(username=name, defaults={"email": f"{name}@example.org"})
        role_assign(user=user, role="editor", sections=[section])
        client = Client(HTTP_HOST=args.host, secure=True)
        client.force_login(user)
        clients.append(client)
    edit_url = f"/admin/pages/{article.pk}/edit/"

    def opened(client) -> dict:
        page = client.get(edit_url).content.decode()
        return {
            name: html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page).group(1))
            for name in ("loaded_revision_id", "loaded_revision_created_at")
        }

    def form(title: str, loaded: dict) -> dict:
        return nested_form_data(
            {
                "title": title,
                "slug": article.slug,
                "standfirst": article.standfirst,
                "kind": article.kind,
                "body": streamfield([("paragraph", rich_text(f"<p>{title}: the text as this editor left it.</p>"))]),
                "bylines": inline_formset([{"contributor": c.pk} for c in article.ordered_contributors]),
                "related_picks": inline_formset([]),
                "topics": "",
                **loaded,
            }
        )

    loaded = [opened(client) for client in clients]
    first = clients[0].post(edit_url, form("First editor's headline", loaded[0]))
    second = clients[1].post(edit_url, form("Second editor's headline", loaded[1]))
    article.refresh_from_db()
    second_page = second.content.decode()
    emit(
        {
            "first_status": first.status_code,
            "second_status": second.status_code,
            "second_refused": "saved a newer version" in second_page,
            "second_text_kept": "Second editor&#x27;s headline" in second_page
            or "Second editor's headline" in second_page,
            "latest_title": article.get_latest_revision_as_object().title,
        }
    )


def step_upload(args) -> None:
    """An editor uploads an image in the admin (a photo that does not compress: about 200 KB)."""
    django_setup()
    import io
    import random

    from PIL import Image

    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from wagtail.models import Collection

    from tribune.media.models import TribuneImage

    generator = random.Random(12)
    side = 260
    picture = Image.frombytes("RGB", (side, side), bytes(generator.getrandbits(8) for _ in range(side * side * 3)))
    data = io.BytesIO()
    picture.save(data, "PNG")
    user, _ = get_user_model().objects.get_or_create(
        username="chaos-admin", defaults={"email": "chaos-admin@example.org", "is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST=args.host, secure=True)
    client.force_login(user)
    before = TribuneImage.objects.count()
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Harbour at dusk",
            "file": SimpleUploadedFile("harbour.png", data.getvalue()),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    emit(
        {
            "status": response.status_code,
            "no_room_error": "has no room to store this image" in response.content.decode(),
            "images_added": TribuneImage.objects.count() - before,
        }
    )


def step_comment_counts(args) -> None:
    """How many comments carry each of the given client tokens (a token names one acknowledged post)."""
    django_setup()
    from django.db.models import Count

    from tribune.discussion.models import Comment

    tokens = json.loads(Path(args.tokens).read_text())
    found = dict(
        Comment.objects.filter(client_token__in=tokens)
        .values_list("client_token")
        .annotate(n=Count("pk"))
        .values_list("client_token", "n")
    )
    emit({"counts": {token: found.get(token, 0) for token in tokens}})


def step_tasks(args) -> None:
    """The task queue by status, and tasks still running."""
    django_setup()
    from django_tasks_db.models import DBTaskResult

    from django.db.models import Count

    by_status = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    emit({"by_status": by_status})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="step", required=True)
    sub.add_parser("articles").add_argument("--count", type=int, default=12)
    p = sub.add_parser("retitle")
    p.add_argument("--article", type=int, required=True)
    p.add_argument("--title", required=True)
    sub.add_parser("unpublish").add_argument("--article", type=int, required=True)
    p = sub.add_parser("schedule")
    p.add_argument("--article", type=int, required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--slug", required=True)
    p = sub.add_parser("enqueue_emails")
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--tag", required=True)
    p = sub.add_parser("two_editors")
    p.add_argument("--article", type=int, required=True)
    p.add_argument("--host", required=True)
    sub.add_parser("upload").add_argument("--host", required=True)
    sub.add_parser("comment_counts").add_argument("--tokens", required=True)
    sub.add_parser("tasks")
    args = parser.parse_args()
    globals()[f"step_{args.step}"](args)


if __name__ == "__main__":
    main()
