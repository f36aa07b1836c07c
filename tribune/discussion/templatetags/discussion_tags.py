import uuid

from django import template
from django.utils.safestring import mark_safe

from .. import services
from ..selectors import discussion_page
from ..text import comment_html

register = template.Library()


@register.inclusion_tag("discussion/discussion.html", takes_context=True)
def discussion(context, article):
    request = context["request"]
    user = request.user
    config = services.discussion_settings()
    data = discussion_page(
        article,
        user=user,
        sort=request.GET.get("comments", ""),
        page_number=request.GET.get("cpage"),
        edit_window_minutes=config.edit_window_minutes,
        expanded_thread=request.GET.get("thread"),
    )
    signed_in = user.is_authenticated
    return {
        **data,
        "request": request,
        "article": article,
        "user": user,
        "signed_in": signed_in,
        "closed_reason": services.discussion_closed_reason(article, config),
        "premoderated": services.discussion_mode(article) == "premoderated",
        "needs_verification": signed_in and not services.email_verified(user),
        "max_length": config.max_length,
        "edit_window_minutes": config.edit_window_minutes,
        "form_token": uuid.uuid4().hex if signed_in else "",
        "is_moderator": signed_in and services.is_moderator(user),
    }


@register.filter
def comment_body(comment):
    return mark_safe(comment_html(comment.body))  # noqa: S308 - comment_html escapes, then sanitises with nh3
