"""Reader actions on the discussion. Every action is a plain form POST that redirects back to the article,
so the discussion works without JavaScript."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tribune.accounts import security_log
from tribune.newsroom.models import ArticlePage

from . import services
from .forms import CommentForm, EditForm, ReportForm
from .models import Comment, CommentStatus


def _back(article: ArticlePage, comment: Comment | None = None) -> HttpResponseRedirect:
    anchor = f"#comment-{comment.pk}" if comment else "#discussion"
    return HttpResponseRedirect(article.url + anchor)


def _client_ip(request) -> str:
    # The address allauth's limits and the security log use: behind ALLAUTH_TRUSTED_PROXY_COUNT proxies the client's,
    # not the proxy's (REMOTE_ADDR would count every reader as one), and never a value the client wrote itself.
    return security_log.client_ip(request) or ""


def _first_error(error: ValidationError) -> str:
    return error.messages[0] if error.messages else str(error)


@require_POST
def comment_post(request, article_id: int):
    article = get_object_or_404(ArticlePage.objects.published(), pk=article_id)
    form = CommentForm(request.POST)
    if not request.user.is_authenticated:
        messages.error(request, services.LOGIN_REQUIRED)
        return _back(article)
    if not form.is_valid():
        messages.error(request, _("Please write something."))
        return _back(article)
    if form.cleaned_data["website"]:
        return _back(article)  # honeypot: only bots fill it in
    parent = None
    if parent_id := form.cleaned_data.get("parent"):
        parent = Comment.objects.filter(pk=parent_id, article=article).first()
    try:
        comment = services.comment_post(
            article=article,
            author=request.user,
            body=form.cleaned_data["body"],
            parent=parent,
            ip=_client_ip(request),
            client_token=form.cleaned_data.get("token") or "",
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
        return _back(article)
    except ValidationError as error:
        messages.error(request, _first_error(error))
        request.session["discussion_draft"] = form.cleaned_data["body"][:20000]  # nothing is lost silently
        return _back(article)
    verdict = getattr(comment, "verdict", None)
    if comment.status == CommentStatus.APPROVED:
        messages.success(request, _("Your comment is published."))
    elif comment.status == CommentStatus.PENDING:
        messages.info(
            request,
            _("Your comment is awaiting moderation. %(reason)s") % {"reason": verdict.reader_reason if verdict else ""},
        )
    else:
        messages.error(request, verdict.reader_reason if verdict else _("Your comment was not published."))
    return _back(article, comment if comment.status != CommentStatus.REJECTED else None)


def _own_comment(request, comment_id: int) -> Comment:
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)
    if not request.user.is_authenticated or comment.author_id != request.user.pk:
        raise PermissionDenied(services.NOT_YOURS)
    return comment


def comment_edit(request, comment_id: int):
    comment = _own_comment(request, comment_id)
    article = comment.article.specific
    form = EditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.comment_edit(comment=comment, user=request.user, body=form.cleaned_data["body"])
        except PermissionDenied as error:
            messages.error(request, str(error))
            return _back(article, comment)
        except ValidationError as error:
            form.add_error("body", _first_error(error))
        else:
            if comment.status == CommentStatus.APPROVED and comment.pick_to_confirm:
                messages.success(
                    request, _("Your comment was updated. It shows as an editors' pick again once a moderator agrees.")
                )
            elif comment.status == CommentStatus.APPROVED:
                messages.success(request, _("Your comment was updated."))
            else:
                messages.info(request, comment.verdict.reader_reason if comment.verdict else _("Held for review."))
            return _back(article, comment)
    return render(request, "discussion/edit.html", {"form": form, "comment": comment, "article": article})


@require_POST
def comment_delete(request, comment_id: int):
    comment = _own_comment(request, comment_id)
    services.comment_delete(comment=comment, user=request.user)
    messages.success(request, _("Your comment was deleted."))
    return _back(comment.article.specific, comment)


def _too_fast(request, article: ArticlePage, comment: Comment, error: ValidationError):
    """429 with a page that says why and leads back: the like and report forms work without JavaScript."""
    response = render(
        request,
        "discussion/too_fast.html",
        {"message": _first_error(error), "article": article, "comment": comment},
        status=429,
    )
    response["Retry-After"] = "60"
    return response


@require_POST
def comment_like(request, comment_id: int):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)
    article = comment.article.specific
    try:
        services.comment_like(comment=comment, user=request.user, ip=_client_ip(request))
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        return _too_fast(request, article, comment, error)
    return _back(article, comment)


def comment_report(request, comment_id: int):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id, status=CommentStatus.APPROVED)
    article = comment.article.specific
    try:
        services.participant_check(request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return _back(article, comment)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_report(comment=comment, user=request.user, ip=_client_ip(request), **form.cleaned_data)
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            if error.code == "rate_limited":
                return _too_fast(request, article, comment, error)
            messages.info(request, _first_error(error))
        else:
            messages.success(request, _("Thank you: moderators will look at this comment."))
        return _back(article, comment)
    return render(request, "discussion/report.html", {"form": form, "comment": comment, "article": article})
