"""Follow and save buttons for pages that other apps own (``{% load follows_tags %}``).

Signed-out readers all get the same markup, a link to sign in, with no form, CSRF token or query, so the pages the
page cache stores stay the same for everyone. Signed-in readers (never served from the page cache) get a form that
shows and changes their own state."""

from urllib.parse import quote

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from .. import selectors
from ..models import FollowKind

register = template.Library()


def _signed_in(context) -> tuple[object, bool]:
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated) and not getattr(request, "is_preview", False)
    return request, signed_in


@register.simple_tag(takes_context=True)
def follow_button(context, kind: str, target) -> str:
    """``{% follow_button "topic" topic %}``: follow or unfollow ``target`` (kinds: expert, topic, section,
    country)."""
    kind = FollowKind(kind)
    request, signed_in = _signed_in(context)
    following = signed_in and selectors.is_following(request.user, kind, target)
    return render_to_string(
        "follows/follow_button.html",
        {"request": request, "signed_in": signed_in, "kind": kind, "target": target, "following": following},
        request=request if signed_in else None,
    )


@register.simple_tag(takes_context=True)
def save_button(context, article) -> str:
    """``{% save_button page %}``: save ``article`` for later, or remove it from the saved articles."""
    request, signed_in = _signed_in(context)
    if not signed_in:
        # On every article a signed-out reader is sent, so built without a template: rendering one here took about
        # a twentieth of an article's time with the page cache off.
        return format_html(
            '<div class="follow-action"><a class="follow-action__sign-in" href="{}?next={}">{}</a></div>',
            reverse("account_login"),
            quote(getattr(request, "path", "")),  # as the follow button's template quotes it
            gettext("Sign in to save"),
        )
    saved = selectors.is_saved(request.user, article)
    return render_to_string(
        "follows/save_button.html", {"request": request, "article": article, "saved": saved}, request=request
    )
