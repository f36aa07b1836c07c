"""The analysis screens of the admin: an article's suggestions with accept and reject buttons (reached from the page
editor's header and the page listing), and merging one entity into another.

Anyone who may edit an article may decide on its suggestions; anyone else gets a 403 with the reason (an article
they may not even see is a 404, from ``editorial``'s hidden-pages middleware). Plain forms that POST and redirect:
no JavaScript, no inline script."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page
from wagtail.admin.widgets.button import HeaderButton

from tribune.core.redirects import requested_next
from tribune.newsroom.models import ArticlePage

from . import selectors, services
from .forms import DecisionForm, MergeForm
from .models import ArticleEntity, Entity, FigureMention

URL_NAME = "analysis_article"
DECIDE_URL_NAME = "analysis_article_decide"
ANALYSE_URL_NAME = "analysis_article_analyse"

ACCEPTED = gettext_lazy("“%(name)s” accepted.")
ACCEPTED_COUNTRY = gettext_lazy("“%(name)s” accepted and added to the article's countries.")
REJECTED = gettext_lazy("“%(name)s” rejected: the analysis will not suggest it for this article again.")
REJECTED_COUNTRY = gettext_lazy(
    "“%(name)s” rejected. If it is among the article's countries, remove it there in the editor."
)
NOT_DECIDED = gettext_lazy("Nothing was changed: the request was incomplete. Try again from the analysis screen.")
ANALYSIS_QUEUED = gettext_lazy("The article will be analysed again in a moment; reload this screen to see the result.")
MERGED = gettext_lazy("“%(old)s” merged into “%(survivor)s”.")


class ArticleAnalysisMixin:
    """The article named by the URL (any other page type, like an unknown id, is not found) and the permission to
    edit it."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.article = get_object_or_404(ArticlePage.objects.defer_streamfields(), pk=kwargs["page_id"])

    def dispatch(self, request, *args, **kwargs):
        if not self.article.permissions_for_user(request.user).can_edit():
            return forbidden(request, services.DECISION_NOT_ALLOWED)
        return super().dispatch(request, *args, **kwargs)

    def back(self) -> str:
        return requested_next(self.request, reverse("wagtailadmin_pages:edit", args=[self.article.pk]))


def forbidden(request, reason) -> TemplateResponse:
    """A real 403 with the reason: Wagtail's own answer to ``PermissionDenied`` is a redirect to the dashboard."""
    return TemplateResponse(
        request,
        "analysis/admin/forbidden.html",
        {"page_title": _("Permission denied"), "header_icon": "warning", "reason": str(reason)},
        status=403,
    )


class ArticleAnalysisView(ArticleAnalysisMixin, WagtailAdminTemplateMixin, View):
    template_name = "analysis/admin/article.html"
    page_title = gettext_lazy("Analysis")
    header_icon = "search"

    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, self.template_name, self.get_context_data())

    def get_page_subtitle(self):
        return self.article.get_admin_display_title()

    def get_breadcrumbs_items(self):
        explorer = get_breadcrumbs_items_for_page(self.article, self.request.user)
        return [*explorer, {"url": "", "label": self.page_title}]

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("Edit article"),
                reverse("wagtailadmin_pages:edit", args=[self.article.pk]),
                icon_name="edit",
                priority=10,
            )
        ]

    def get_context_data(self, **kwargs):
        suggestions = selectors.article_suggestions(self.article.pk)
        return super().get_context_data(
            article=self.article,
            suggestions=suggestions,
            here=reverse(URL_NAME, args=[self.article.pk]),
            may_edit_entities=self.request.user.has_perm("analysis.change_entity"),
            **kwargs,
        )


class DecideView(ArticleAnalysisMixin, View):
    """POST only: accept or reject one suggestion of the article, then back to where the editor was."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, NOT_DECIDED)
            return redirect(self.back())
        target, pk, decision = form.cleaned_data["target"], form.cleaned_data["id"], form.cleaned_data["decision"]
        try:
            if target == "entity":
                link = get_object_or_404(ArticleEntity.objects.select_related("entity"), pk=pk, article=self.article)
                link.article = self.article
                link = services.entity_decide(link=link, decision=decision, user=request.user)
                name, is_country = link.entity.name, link.entity.kind == "country"
            else:
                figure = get_object_or_404(FigureMention, pk=pk, article=self.article)
                figure.article = self.article
                figure = services.figure_decide(figure=figure, decision=decision, user=request.user)
                name, is_country = figure.text, False
        except PermissionDenied as refusal:
            return forbidden(request, refusal)
        except ValidationError:
            messages.error(request, NOT_DECIDED)
            return redirect(self.back())
        if decision == "accept":
            message = ACCEPTED_COUNTRY if is_country else ACCEPTED
        else:
            message = REJECTED_COUNTRY if is_country else REJECTED
        messages.success(request, message % {"name": name})
        return redirect(self.back())


class AnalyseAgainView(ArticleAnalysisMixin, View):
    """POST only: queue the analysis of the article's latest revision again (after a failure, or new entities)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        from .tasks import analysis_enqueue

        if self.article.latest_revision_id:
            analysis_enqueue(self.article.pk, self.article.latest_revision_id, force=True)
        messages.success(request, ANALYSIS_QUEUED)
        return redirect(self.back())


class EntityMergeView(WagtailAdminTemplateMixin, View):
    """Choose the entity this one is merged into. Registered on the entities' viewset (``wagtail_hooks``)."""

    template_name = "analysis/admin/merge.html"
    page_title = gettext_lazy("Merge")
    header_icon = "resubmit"
    index_url_name = None
    edit_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.entity = get_object_or_404(Entity, pk=kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("analysis.change_entity"):
            return forbidden(request, services.MERGE_NOT_ALLOWED)
        if self.entity.is_merged:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.entity.name

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items()[:-1],
            {"url": reverse(self.index_url_name), "label": _("Entities")},
            {"url": reverse(self.edit_url_name, args=[self.entity.pk]), "label": self.entity.name},
            {"url": "", "label": self.page_title},
        ]

    def form(self, data=None) -> MergeForm:
        return MergeForm(data, candidates=selectors.merge_candidates(self.entity))

    def render(self, form):
        context = self.get_context_data(entity=self.entity, form=form)
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        return self.render(self.form())

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            old_name = self.entity.name
            try:
                survivor = services.entity_merge(entity=self.entity, into=form.cleaned_data["into"], user=request.user)
            except PermissionDenied as refusal:
                return forbidden(request, refusal)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, MERGED % {"old": old_name, "survivor": survivor.name})
                return redirect(self.edit_url_name, survivor.pk)
        return self.render(form)


def pending_label(count: int) -> str:
    return _("Analysis (%(count)d to review)") % {"count": count} if count else _("Analysis")
