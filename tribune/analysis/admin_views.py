"""The analysis screens of the admin: an article's suggestions with accept and reject buttons (reached from the page
editor's header and the page listing), its accepted figures saved as key figures or linked to them, and merging one
entity into another.

Anyone who may edit an article may decide on its suggestions; anyone else gets a 403 with the reason (an article
they may not even see is a 404, from ``editorial``'s hidden-pages middleware). Plain forms that POST and redirect:
no JavaScript, no inline script."""

from dataclasses import dataclass

from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
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
from .forms import DecisionForm, FigureLinkForm, KeyFigureFromFigureForm, MergeForm
from .models import ArticleEntity, Decision, Entity, FigureMention

URL_NAME = "analysis_article"
DECIDE_URL_NAME = "analysis_article_decide"
ANALYSE_URL_NAME = "analysis_article_analyse"
KEY_FIGURE_URL_NAME = "analysis_article_key_figure"
LINK_URL_NAME = "analysis_article_key_figure_link"
KEY_FIGURE_EDIT_URL_NAME = "wagtailsnippets_analysis_keyfigure:edit"

ACCEPTED = gettext_lazy("“%(name)s” accepted.")
ACCEPTED_COUNTRY = gettext_lazy("“%(name)s” accepted and added to the article's countries.")
REJECTED = gettext_lazy("“%(name)s” rejected: the analysis will not suggest it for this article again.")
REJECTED_COUNTRY = gettext_lazy(
    "“%(name)s” rejected. If it is among the article's countries, remove it there in the editor."
)
NOT_DECIDED = gettext_lazy("Nothing was changed: the request was incomplete. Try again from the analysis screen.")
ANALYSIS_QUEUED = gettext_lazy("The article will be analysed again in a moment; reload this screen to see the result.")
MERGED = gettext_lazy("“%(old)s” merged into “%(survivor)s”.")
KEY_FIGURE_SAVED = gettext_lazy("Key figure “%(label)s” saved; this article cites it.")
LINKED = gettext_lazy("“%(figure)s” now cites the key figure “%(label)s”.")
UNLINKED = gettext_lazy("“%(figure)s” no longer cites a key figure.")
KEY_FIGURE_NOT_SAVED = gettext_lazy("Nothing was saved: correct the errors below.")
KEY_FIGURE_NOT_SAVED_ONLY = gettext_lazy("Nothing was saved.")


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

    def get_context_data(self, bound_forms=None, **kwargs):
        suggestions = selectors.article_suggestions(self.article.pk)
        user = self.request.user
        return super().get_context_data(
            article=self.article,
            suggestions=suggestions,
            here=reverse(URL_NAME, args=[self.article.pk]),
            may_edit_entities=user.has_perm("analysis.change_entity"),
            may_change_key_figures=user.has_perm("analysis.change_keyfigure"),
            key_figure_rows=key_figure_rows(self.article, suggestions.figures, user, bound_forms or {}),
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


@dataclass
class KeyFigureRow:
    """An accepted figure on the analysis screen: the key figure it cites, or the forms to save or link it."""

    figure: FigureMention
    create_form: KeyFigureFromFigureForm | None = None
    link_form: FigureLinkForm | None = None

    @property
    def cites_old_value(self) -> bool:
        key_figure = self.figure.key_figure
        return key_figure is not None and not selectors.cites_value(
            self.figure.value, self.figure.value_max, key_figure.value
        )


def figure_auto_id(figure: FigureMention, form: str) -> str:
    return f"id_{form}{figure.pk}_%s"  # every figure's forms on one screen: ids of their own


def default_as_of(article):
    """A key figure made from an article holds as of the article's first publication (today for a draft)."""
    return timezone.localdate(article.first_published_at) if article.first_published_at else timezone.localdate()


def key_figure_rows(article, figures, user, bound_forms: dict) -> list[KeyFigureRow]:
    """One row per accepted figure (a figure written twice, once), with the forms ``user`` may use; a form posted
    with errors (``bound_forms``: figure id -> form) in place of its blank one. A few queries for all the figures."""
    may_add, may_link = user.has_perm("analysis.add_keyfigure"), user.has_perm("analysis.change_keyfigure")
    accepted = list(
        {figure.identity: figure for figure in reversed(figures) if figure.status == Decision.ACCEPTED}.values()
    )
    accepted.sort(key=lambda figure: figure.start)
    unlinked = [figure for figure in accepted if figure.key_figure_id is None]
    entities = selectors.figure_entities(unlinked) if may_add else {}
    candidates = selectors.key_figures_by_unit(figure.unit for figure in unlinked) if may_link else {}
    as_of = default_as_of(article)
    rows = []
    for figure in accepted:
        row = KeyFigureRow(figure)
        bound = bound_forms.get(figure.pk)
        if figure.key_figure_id is None and may_add:
            row.create_form = (
                bound
                if isinstance(bound, KeyFigureFromFigureForm)
                else KeyFigureFromFigureForm(
                    initial=KeyFigureFromFigureForm.initial_for(figure, as_of=as_of, entities=entities[figure.pk]),
                    entities=entities[figure.pk],
                    auto_id=figure_auto_id(figure, "kf"),
                )
            )
        if figure.key_figure_id is None and may_link and (candidates.get(figure.unit) or bound):
            row.link_form = (
                bound
                if isinstance(bound, FigureLinkForm)
                else FigureLinkForm(
                    initial={"figure": figure.pk},
                    unit=figure.unit,
                    candidates=candidates.get(figure.unit, []),
                    auto_id=figure_auto_id(figure, "link"),
                )
            )
        rows.append(row)
    return rows


class ArticleFigureView(ArticleAnalysisView):
    """POST only, about one figure of the article (``figure`` in the post): a malformed id is a 400, a figure of
    another article or none a 404; a form with errors shows the analysis screen again, with them."""

    http_method_names = ["post"]

    def figure(self) -> FigureMention:
        raw = self.request.POST.get("figure", "")
        if not raw.isdigit() or len(raw) > 18:
            raise BadRequest("figure")
        figure = get_object_or_404(
            FigureMention.objects.select_related("key_figure"), pk=int(raw), article=self.article
        )
        figure.article = self.article
        return figure

    def render_with(self, figure: FigureMention, form):
        shown = figure.status == Decision.ACCEPTED and figure.key_figure_id is None  # its forms are on the screen
        reasons = [] if shown else form.non_field_errors()
        messages.error(
            self.request, " ".join([str(KEY_FIGURE_NOT_SAVED_ONLY), *reasons]) if reasons else KEY_FIGURE_NOT_SAVED
        )
        return TemplateResponse(self.request, self.template_name, self.get_context_data(bound_forms={figure.pk: form}))


class KeyFigureCreateView(ArticleFigureView):
    """Save one of the article's accepted figures as a new key figure, which the article then cites."""

    def post(self, request, *args, **kwargs):
        figure = self.figure()
        entities = selectors.figure_entities([figure]).get(figure.pk, [])
        form = KeyFigureFromFigureForm(request.POST, entities=entities, auto_id=figure_auto_id(figure, "kf"))
        if not form.is_valid():
            return self.render_with(figure, form)
        data = form.cleaned_data
        try:
            key_figure = services.key_figure_create(
                label=data["label"],
                unit=figure.unit,
                value=data["value"],
                as_of=data["as_of"],
                source=data["source"],
                source_url=data["source_url"],
                entities=list(data["entities"]),
                figure=figure,
                user=request.user,
            )
        except PermissionDenied as refusal:
            return forbidden(request, refusal)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_with(figure, form)
        messages.success(
            request,
            KEY_FIGURE_SAVED % {"label": key_figure.label},
            buttons=[messages.button(reverse(KEY_FIGURE_EDIT_URL_NAME, args=[key_figure.pk]), _("Edit"))],
        )
        return redirect(self.back())


class FigureLinkView(ArticleFigureView):
    """Link one of the article's accepted figures to a key figure of its unit, or unlink it."""

    def post(self, request, *args, **kwargs):
        figure = self.figure()
        form = FigureLinkForm(request.POST, unit=figure.unit, auto_id=figure_auto_id(figure, "link"))
        if not form.is_valid():
            return self.render_with(figure, form)
        key_figure = form.cleaned_data["key_figure"] if form.cleaned_data["action"] == "link" else None
        previous = figure.key_figure
        try:
            services.figure_link(figure=figure, key_figure=key_figure, user=request.user)
        except PermissionDenied as refusal:
            return forbidden(request, refusal)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_with(figure, form)
        if key_figure is not None:
            messages.success(request, LINKED % {"figure": figure.text, "label": key_figure.label})
        elif previous is not None:
            messages.success(request, UNLINKED % {"figure": figure.text})
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
