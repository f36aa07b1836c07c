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
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tribune.core.conf import page_size
from tribune.core.pagination import paginate
from tribune.core.redirects import requested_next
from tribune.newsroom.selectors import attach_sections

from . import alerts as alert_mail
from . import selectors, services
from .models import AlertFrequency, FollowKind

SAVED_ON_MY_TRIBUNE = 6


def _target_url(target) -> str:
    return target.get_absolute_url() if hasattr(target, "get_absolute_url") else target.url


def _name(target) -> str:
    return getattr(target, "local_name", None) or target.title


def _target_or_404(kind: str, target_id: int):
    target = selectors.public_target(kind, target_id) if kind in FollowKind.values else None
    if target is None:
        raise Http404("Nothing to follow here")
    return FollowKind(kind), target


def _article_or_404(article_id: int):
    article = selectors.public_article(article_id)
    if article is None:
        raise Http404("No such article")
    return article


@require_POST
@login_required
def follow(request, kind: str, target_id: int):
    kind, target = _target_or_404(kind, target_id)
    services.follow_add(user=request.user, kind=kind, target=target)
    messages.success(request, _("You now follow %(name)s.") % {"name": _name(target)})
    return redirect(requested_next(request, _target_url(target)))


@require_POST
@login_required
def unfollow(request, kind: str, target_id: int):
    kind, target = _target_or_404(kind, target_id)
    services.follow_remove(user=request.user, kind=kind, target=target)
    messages.success(request, _("You no longer follow %(name)s.") % {"name": _name(target)})
    return redirect(requested_next(request, _target_url(target)))


@require_POST
@login_required
def save(request, article_id: int):
    article = _article_or_404(article_id)
    services.article_save(user=request.user, article=article)
    messages.success(request, _("Saved for later."))
    return redirect(requested_next(request, article.url))


@require_POST
@login_required
def unsave(request, article_id: int):
    article = _article_or_404(article_id)
    services.article_unsave(user=request.user, article=article)
    messages.success(request, _("Removed from your saved articles."))
    return redirect(requested_next(request, article.url))


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
@csrf_exempt
@require_http_methods(["GET", "POST"])
def alerts_off(request, token: str):
    """Turn alerts off from the link in an alert, signed in or not. A GET asks first (link checkers open links)."""
    reader = alert_mail.user_for_token(token)
    if reader is None:
        return render(request, "follows/alerts_off.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.alerts_set(user=reader, frequency=AlertFrequency.OFF)
        return render(request, "follows/alerts_off.html", {"done": True})
    return render(request, "follows/alerts_off.html", {})
