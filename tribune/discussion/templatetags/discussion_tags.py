import uuid

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from tribune.core import fragments

from .. import services
from ..selectors import SORTS, discussion_page
from ..text import comment_html

register = template.Library()


# Anonymous readers all see the same threads: above this comment-page number they are built every time, so odd
# URLs cannot fill the cache.
CACHED_COMMENT_PAGES = 1000


@register.simple_tag(takes_context=True)
def discussion(context, article):
    """The discussion under an article. Signed-out readers all see the same section for the same query and state
    (open, or closed and why), so it is rendered once per change of the article or its comments; a signed-in
    reader's is built for them."""
    request = context["request"]
    user = request.user
    signed_in = user.is_authenticated
    config = services.discussion_settings()
    closed_reason = services.discussion_closed_reason(article, config)
    query = {
        "sort": request.GET.get("comments", ""),
        "page_number": request.GET.get("cpage"),
        "expanded_thread": request.GET.get("thread"),
    }
    shared = {"request": request, "article": article, "user": user, "signed_in": signed_in}
    shared["closed_reason"] = closed_reason
    if not signed_in and _shareable(request, query):
        return fragments.cached(
            "discussion-section",
            [article.pk, closed_reason, *query.values()],
            [fragments.CONTENT, fragments.discussion_scope(article.pk)],
            lambda: _render(request, _anonymous_threads(article, query, shared), shared, config),
        )
    threads = discussion_page(article, user=user, edit_window_minutes=config.edit_window_minutes, **query)
    threads["threads_html"] = None
    return _render(request, threads, shared, config)


def _render(request, threads: dict, shared: dict, config) -> str:
    signed_in, user, article = shared["signed_in"], shared["user"], shared["article"]
    context = {
        **threads,
        **shared,
        # The notice sits above the comment form, which only signed-in readers get.
        "premoderated": signed_in and services.discussion_mode(article) == "premoderated",
        "needs_verification": signed_in and not services.email_verified(user),
        "max_length": config.max_length,
        "edit_window_minutes": config.edit_window_minutes,
        "form_token": uuid.uuid4().hex if signed_in else "",
        "is_moderator": signed_in and services.is_moderator(user),
    }
    return mark_safe(render_to_string("discussion/discussion.html", context, request=request))  # noqa: S308


def _shareable(request, query: dict) -> bool:
    if getattr(request, "is_preview", False) or query["sort"] not in ("", *SORTS):
        return False
    for name in ("page_number", "expanded_thread"):
        value = query[name] or "1"
        if not value.isdigit() or int(value) > (CACHED_COMMENT_PAGES if name == "page_number" else 2**62):
            return False
    return True


def _anonymous_threads(article, query: dict, shared: dict) -> dict:
    """The threads as every signed-out reader sees them, rendered once: only what the page around them needs."""
    data = discussion_page(article, **query)
    html = render_to_string("discussion/threads.html", {**data, **shared})
    return {"answered_by_author": data["answered_by_author"], "threads_html": mark_safe(html)}  # noqa: S308


@register.filter
def comment_body(comment):
    return mark_safe(comment_html(comment.body))  # noqa: S308 - comment_html escapes, then sanitises with nh3
