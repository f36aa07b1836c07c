"""Reader views for follows: "My Tribune" and the follow and save actions, plain form POSTs that redirect back, so
they work without JavaScript. All are for signed-in readers but the alerts' off link, which its signed token
authorises; all live under ``/my/``, which the page cache never stores."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tribune.core.conf import page_size
from tribune.core.pagination import paginate
from tribune.core.rates import within_rate
from tribune.core.redirects import requested_next
from tribune.newsroom.selectors import attach_sections

from . import alerts as alert_mail
from . import selectors, services
from .conf import actions_per_hour
from .models import AlertFrequency, FollowKind

SAVED_ON_MY_TRIBUNE = 6
ACTIONS_WINDOW_SECONDS = 3600


def _target_url(target) -> str:
    return target.get_absolute_url() if hasattr(target, "get_absolute_url") else target.url


def _name(target) -> str:
    return getattr(target, "local_name", None) or target.title


def _followable(kind: str, target_id: int):
    """The target of a follow form and the service's arguments for it; 404 for an unknown kind or target."""
    target = selectors.public_target(kind, target_id) if kind in FollowKind.values else None
    if target is None:
        raise Http404("Nothing to follow here")
    return target, {"kind": FollowKind(kind), "target": target}


def _savable(article_id: int):
    """The article of a save form and the service's arguments for it; 404 for one that is not published."""
    article = selectors.public_article(article_id)
    if article is None:
        raise Http404("No such article")
    return article, {"article": article}


def _reader_action(request, find, service, done: str):
    """What the follow and save forms share: a limit per reader on how often they post (a 429 page beyond it, before
    any lookup, so probing ids counts too), the target (``find``, 404 if unknown), the ``service``, a message (``done``,
    which may name the target) and back to the page the form was on, else the target's."""
    if not within_rate(f"follows:actions:{request.user.pk}", actions_per_hour(), ACTIONS_WINDOW_SECONDS):
        response = render(request, "follows/too_many.html", status=429)
        response["Retry-After"] = str(ACTIONS_WINDOW_SECONDS)
        return response
    target, arguments = find()
    service(user=request.user, **arguments)
    messages.success(request, done % {"name": _name(target)})
    return redirect(requested_next(request, _target_url(target)))


@require_POST
@login_required
def follow(request, kind: str, target_id: int):
    return _reader_action(
        request, lambda: _followable(kind, target_id), services.follow_add, _("You now follow %(name)s.")
    )


@require_POST
@login_required
def unfollow(request, kind: str, target_id: int):
    return _reader_action(
        request, lambda: _followable(kind, target_id), services.follow_remove, _("You no longer follow %(name)s.")
    )


@require_POST
@login_required
def save(request, article_id: int):
    return _reader_action(request, lambda: _savable(article_id), services.article_save, _("Saved for later."))


@require_POST
@login_required
def unsave(request, article_id: int):
    return _reader_action(
        request, lambda: _savable(article_id), services.article_unsave, _("Removed from your saved articles.")
    )


@login_required
def my_tribune(request):
    follows = selectors.reader_follows(request.user)
    articles = paginate(
        selectors.followed_articles(follows),
        request.GET.get("page"),
        page_size(),
        max_pages=settings.TRIBUNE_LISTING_MAX_PAGES,
    )
    articles.object_list = attach_sections(articles.object_list)
    saved_ids = list(selectors.saved_article_ids(request.user)[: SAVED_ON_MY_TRIBUNE + 1])
    context = {
        "follows": follows,
        "articles": articles,
        "saved": selectors.article_cards(saved_ids[:SAVED_ON_MY_TRIBUNE]),
        "more_saved": len(saved_ids) > SAVED_ON_MY_TRIBUNE,
        "alert_frequency": selectors.alert_frequency(request.user),
        "alert_choices": AlertFrequency.choices,
    }
    return render(request, "follows/my_tribune.html", context)


@login_required
def saved(request):
    page = paginate(selectors.saved_article_ids(request.user), request.GET.get("page"), page_size())
    page.object_list = selectors.article_cards(page.object_list)
    return render(request, "follows/saved.html", {"articles": page})


@require_POST
@login_required
def alerts(request):
    frequency = request.POST.get("frequency")
    if frequency not in AlertFrequency.values:
        return HttpResponseBadRequest(_("Choose how often to hear about new articles."))
    services.alerts_set(user=request.user, frequency=AlertFrequency(frequency))
    messages.success(request, _("Your email alerts are saved."))
    return redirect(reverse("my_tribune") + "#alerts")


# The signed token is the authority here, not a session: mail clients' one-click unsubscribe (RFC 8058) posts
# without a CSRF cookie, and nothing but turning this reader's alerts off can be done with it.
@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def alerts_off(request, token: str):
    """Turn alerts off from the link in an alert or its List-Unsubscribe header, signed in or not, at once. A GET
    asks first and changes nothing (link checkers and mail scanners open links)."""
    reader = alert_mail.user_for_token(token)
    if reader is None:
        return render(request, "follows/alerts_off.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.alerts_set(user=reader, frequency=AlertFrequency.OFF)
        return render(request, "follows/alerts_off.html", {"done": True})
    return render(request, "follows/alerts_off.html", {})
