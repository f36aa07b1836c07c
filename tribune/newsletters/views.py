"""Reader pages of the newsletters: the list of lists, subscribing (from any page, signed in or not), confirming and
unsubscribing. Subscribing and one-click unsubscribing take POSTs from pages the caches store for everyone and from
mail clients, so they carry no CSRF token: double opt-in, signed tokens and rate limits make them safe instead."""

import hashlib
import hmac
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tribune.accounts.security_log import client_ip
from tribune.core.rates import within_rate

from . import bounces, services
from .forms import SubscribeForm
from .models import NewsletterList, Subscription

SUBSCRIBES_PER_CLIENT_PER_HOUR = 20


def newsletter_index(request):
    # ?list=<slug> preselects a newsletter: the links from expert, topic and section pages.
    chosen = request.GET.getlist("list")[:10]
    return render(
        request, "newsletters/index.html", {"newsletters": _active(), "form": SubscribeForm(), "chosen": chosen}
    )


def _client_key(request) -> str:
    # Counted as a keyed hash: the limit works without keeping readers' addresses.
    ip = client_ip(request) or ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:newsletters:{ip}".encode()).hexdigest()


@never_cache
@csrf_exempt
@require_POST
def subscribe(request):
    form = SubscribeForm(request.POST)
    if not within_rate(f"newsletters:subscribe:{_client_key(request)}", SUBSCRIBES_PER_CLIENT_PER_HOUR, 3600):
        return render(request, "newsletters/too_many.html", status=429)
    if form.is_valid():
        try:
            services.subscribe(
                email=form.cleaned_data["email"], newsletters=list(form.cleaned_data["newsletters"]), user=request.user
            )
        except ValidationError as error:
            form.add_error("email", error)
    if not form.is_valid():
        context = {"form": form, "newsletters": _active(), "chosen": request.POST.getlist("newsletters")}
        return render(request, "newsletters/index.html", context, status=400)
    return render(request, "newsletters/check_inbox.html", {"email": form.cleaned_data["email"]})


def _active():
    """The open lists of the page's edition (a list written in another language is offered on that edition's
    pages)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    languages = [language, ""] if language == settings.LANGUAGE_CODE else [language]
    return NewsletterList.objects.filter(active=True, language__in=languages).order_by("name")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET shows a button and changes nothing (mail scanners follow links); POST confirms."""
    try:
        subscriptions = services.confirm(token) if request.method == "POST" else services.pending_for(token)
    except services.InvalidToken:
        return render(request, "newsletters/invalid_link.html", status=400)
    template = "newsletters/confirmed.html" if request.method == "POST" else "newsletters/confirm.html"
    return render(request, template, {"subscriptions": subscriptions})


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET shows a button; POST (the page's button, or a mail client's RFC 8058 one-click request) unsubscribes at
    once, without signing in."""
    try:
        subscription = services.unsubscribe(token) if request.method == "POST" else services.subscription_for(token)
    except services.InvalidToken:
        return render(request, "newsletters/invalid_link.html", status=400)
    template = "newsletters/unsubscribed.html" if request.method == "POST" else "newsletters/unsubscribe.html"
    return render(request, template, {"subscription": subscription})


MAX_WEBHOOK_BYTES = 1024 * 1024


@csrf_exempt
@require_POST
def bounce_webhook(request):
    """Mail providers post bounces and complaints here; the addresses stop receiving newsletters at once. The secret
    (TRIBUNE_NEWSLETTER_WEBHOOK_SECRET) comes as ?secret= or the X-Tribune-Webhook-Secret header."""
    secret = settings.TRIBUNE_NEWSLETTER_WEBHOOK_SECRET
    given = request.headers.get("X-Tribune-Webhook-Secret") or request.GET.get("secret", "")
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        return HttpResponse("Unknown or missing webhook secret.\n", status=403, content_type="text/plain")
    if len(request.body) > MAX_WEBHOOK_BYTES:
        return HttpResponse("Too large.\n", status=413, content_type="text/plain")
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse("The body is not JSON.\n", status=400, content_type="text/plain")
    addresses = bounces.addresses_to_suspend(payload)
    return JsonResponse({"addresses": len(addresses), "suspended": sum(services.suspend(a) for a in addresses)})


@login_required
@require_http_methods(["GET", "POST"])
def my_newsletters(request):
    """The signed-in reader's newsletters, for their account's address: tick to subscribe, untick to leave."""
    newsletters = list(NewsletterList.objects.filter(active=True).order_by("language", "name"))  # every edition's
    if request.method == "POST":
        slugs = set(request.POST.getlist("newsletters"))
        chosen = [newsletter for newsletter in newsletters if newsletter.slug in slugs]
        try:
            services.subscriptions_set(user=request.user, offered=newsletters, chosen=chosen)
        except ValidationError:
            messages.error(request, _("Your account has no valid email address to send newsletters to."))
        else:
            messages.success(request, _("Your newsletters were saved."))
        return redirect("newsletter_mine")
    subscribed = {
        subscription.newsletter_id: subscription.status
        for subscription in Subscription.objects.filter(email=(request.user.email or "").lower())
    }
    return render(request, "newsletters/mine.html", {"newsletters": newsletters, "subscribed": subscribed})
