"""What the discussion holds about a reader, for their data export (``accounts.personal_data``): their comments with
the article each is under, the comments they liked and reported, and any restriction moderators placed on them."""

from django.utils.translation import gettext_lazy as _

from tribune.core.sites import public_url

from .models import Comment, Reaction, ReaderRestriction, Report


def _timestamp(value) -> str | None:
    return value.isoformat() if value else None


def _article(comment: Comment) -> dict:
    article = comment.article
    return {"title": article.title, "url": public_url(article.url) if article.url else None}


def comments(user) -> list[dict]:
    return [
        {
            "id": comment.pk,
            "article": _article(comment),
            "in_reply_to": comment.parent_id,
            "text": comment.body,
            "status": comment.status,
            "status_label": str(comment.get_status_display()),
            "written": _timestamp(comment.created_at),
            "edited": _timestamp(comment.edited_at),
            "likes": comment.like_count,
        }
        for comment in Comment.objects.filter(author=user).select_related("article").order_by("created_at", "pk")
    ]


def likes(user) -> list[dict]:
    reactions = Reaction.objects.filter(user=user).select_related("comment__article").order_by("created_at", "pk")
    return [
        {
            "comment": reaction.comment_id,
            "article": _article(reaction.comment),
            "liked": _timestamp(reaction.created_at),
        }
        for reaction in reactions
    ]


def reports(user) -> list[dict]:
    made = Report.objects.filter(reporter=user).select_related("comment__article").order_by("created_at", "pk")
    return [
        {
            "comment": report.comment_id,
            "article": _article(report.comment),
            "reason": report.reason,
            "note": report.note,
            "reported": _timestamp(report.created_at),
        }
        for report in made
    ]


def restrictions(user) -> list[dict]:
    return [
        {
            "reason": restriction.reason,
            "from": _timestamp(restriction.created_at),
            "until": _timestamp(restriction.until),
        }
        for restriction in ReaderRestriction.objects.filter(user=user).order_by("created_at")
    ]


SECTIONS = [
    ("comments", _("Every comment you wrote, with its article, its status and when you wrote or edited it."), comments),
    ("likes", _("The comments you liked."), likes),
    ("reports", _("The comments you reported, with the reason you gave."), reports),
    ("restrictions", _("Any suspension or ban moderators placed on your commenting, with their reason."), restrictions),
]
