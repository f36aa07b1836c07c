import uuid
from dataclasses import dataclass

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from tribune.core import fragments
from tribune.core.pagination import parse_positive_int
from tribune.core.shared_caches import keep_out_of_shared_caches, vouch_for_query

from .. import services
from ..selectors import SORTS, discussion_page, public_page_count
from ..text import comment_html

register = template.Library()


@dataclass(frozen=True)
class DiscussionQuery:
    """The discussion's query parameters, read safely: an order, a comment page, an opened thread. ``exact`` is
    False when one was given but is not a plain value of its kind."""

    sort: str
    page: int | None
    thread: int | None
    exact: bool


def read_query(request) -> DiscussionQuery:
    raw_sort, raw_page, raw_thread = (request.GET.get(name) for name in ("comments", "cpage", "thread"))
    sort = raw_sort if raw_sort in SORTS else ""
    page = parse_positive_int(raw_page)
    thread = parse_positive_int(raw_thread)
    exact = (
        raw_sort in (None, "", *SORTS)
        and (raw_page is None or page is not None)
        and (raw_thread is None or thread is not None)
    )
    return DiscussionQuery(sort, page, thread, exact)


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
    query = read_query(request)
    shared = {"request": request, "article": article, "user": user, "signed_in": signed_in}
    shared["closed_reason"] = closed_reason
    if not signed_in and not getattr(request, "is_preview", False):
        return _anonymous(request, article, query, shared, config)
    threads = discussion_page(
        article,
        user=user,
        edit_window_minutes=config.edit_window_minutes,
        sort=query.sort,
        page_number=query.page,
        expanded_thread=query.thread,
    )
    threads["threads_html"] = None
    return _render(request, threads, shared, config)


def _anonymous(request, article, query: DiscussionQuery, shared: dict, config) -> str:
    """The section every signed-out reader sees, stored only under a query that names real content: a comment page
    that exists, a thread on that page with replies to show. Any other query gets the nearest real section, and the
    page around it is kept out of shared caches, so invented addresses add nothing to them."""
    scopes = [fragments.CONTENT, fragments.discussion_scope(article.pk)]
    exact, page = query.exact, query.page
    if page == 1:
        page = None  # the first page, however it was asked for
    if page is not None:
        last = fragments.cached("discussion-pages", [article.pk], scopes, lambda: public_page_count(article))
        if page > last:
            page, exact = (last if last > 1 else None), False

    def section(thread):
        parts = [article.pk, shared["closed_reason"], query.sort, page, thread]
        return fragments.cached(
            "discussion-section",
            parts,
            scopes,
            lambda: _render_anonymous(request, article, query.sort, page, thread, shared, config),
        )

    found = section(None)
    if query.thread is not None:
        if query.thread in found["expandable"]:
            found = section(query.thread)
        else:
            exact = False
    if exact:
        vouch_for_query(request, "comments", "cpage", "thread")
    else:
        keep_out_of_shared_caches(request)
    return found["html"]


def _render_anonymous(request, article, sort: str, page, thread, shared: dict, config) -> dict:
    """The threads as every signed-out reader sees them, rendered once, with the threads on the page whose hidden
    replies a reader may open."""
    data = discussion_page(article, sort=sort, page_number=page, expanded_thread=thread)
    html = render_to_string("discussion/threads.html", {**data, **shared})
    threads = {"answered_by_author": data["answered_by_author"], "threads_html": mark_safe(html)}  # noqa: S308
    expandable = [root.pk for root in data["threads"] if root.hidden_replies or root.pk == thread]
    return {"html": _render(request, threads, shared, config), "expandable": expandable}


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


@register.filter
def comment_body(comment):
    return mark_safe(comment_html(comment.body))  # noqa: S308 - comment_html escapes, then sanitises with nh3
