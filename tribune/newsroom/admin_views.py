"""Admin screen for an article's corrections and updates: read the record, append to it.

The record is append-only by design (readers rely on it), so this screen offers no edit or delete.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page
from wagtail.admin.widgets.button import HeaderButton

from .models import ArticlePage, CorrectionKind
from .services import (
    CORRECTION_NOT_ALLOWED,
    CORRECTION_NOTE_MAX_LENGTH,
    CORRECTION_NOTE_REQUIRED,
    correction_append,
)

URL_NAME = "newsroom_article_corrections"
CORRECTION_ADDED = _("%(kind)s added to “%(title)s”. Readers see it on the article now.")
CORRECTION_NOT_ADDED = _("The note was not added. Fix the problems below and try again.")


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=CorrectionKind.choices,
        initial=CorrectionKind.CORRECTION,
        widget=forms.RadioSelect,
        help_text=_("A correction fixes something the article got wrong; an update adds what happened since."),
    )
    # The service is the judge of notes (it checks length and emptiness again); the form only helps the browser.
    note = forms.CharField(
        label=_("Note"),
        error_messages={"required": CORRECTION_NOTE_REQUIRED},
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": CORRECTION_NOTE_MAX_LENGTH}),
        help_text=_("Plain text, shown to readers as written, with today's date."),
    )


class ArticleCorrectionsView(WagtailAdminTemplateMixin, View):
    template_name = "newsroom/admin/article_corrections.html"
    forbidden_template_name = "newsroom/admin/article_corrections_forbidden.html"
    page_title = _("Corrections and updates")
    header_icon = "warning"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Any other page type, like an unknown id, is not found: only articles carry corrections.
        self.article = get_object_or_404(ArticlePage, pk=kwargs["page_id"])

    def dispatch(self, request, *args, **kwargs):
        if not self.article.permissions_for_user(request.user).can_publish():
            return self.forbidden()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=CorrectionForm()))

    def post(self, request, *args, **kwargs):
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                correction = correction_append(article=self.article, user=request.user, **form.cleaned_data)
            except PermissionDenied:
                return self.forbidden()
            except ValidationError as error:
                form.add_error(None, error)
            else:
                title = self.article.get_admin_display_title()
                messages.success(request, CORRECTION_ADDED % {"kind": correction.get_kind_display(), "title": title})
                return redirect(URL_NAME, self.article.pk)
        messages.error(request, CORRECTION_NOT_ADDED)
        return self.render_to_response(self.get_context_data(form=form))

    def forbidden(self):
        """A real 403: Wagtail's own answer to ``PermissionDenied`` is a redirect to the dashboard."""
        context = {
            "page_title": self.get_page_title(),
            "header_title": self.get_page_title(),
            "header_icon": self.get_header_icon(),
            "message": CORRECTION_NOT_ALLOWED,
        }
        return TemplateResponse(self.request, self.forbidden_template_name, context, status=403)

    def get_page_subtitle(self):
        return self.article.get_admin_display_title()

    def get_breadcrumbs_items(self):
        explorer = get_breadcrumbs_items_for_page(self.article, self.request.user)
        return [*explorer, {"url": "", "label": self.page_title}]

    def get_header_buttons(self):
        buttons = [
            HeaderButton(
                _("Edit article"),
                reverse("wagtailadmin_pages:edit", args=[self.article.pk]),
                icon_name="edit",
                priority=10,
            )
        ]
        if self.article.live and self.article.url:
            buttons.append(
                HeaderButton(
                    _("View live"), self.article.url, icon_name="link-external", attrs={"target": "_blank"}, priority=20
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            article=self.article,
            corrections=self.article.corrections.select_related("created_by").order_by("published_at", "pk"),
            can_append=self.article.live and self.article.is_out(),
            **kwargs,
        )


urlpatterns = [
    path("articles/<int:page_id>/corrections/", ArticleCorrectionsView.as_view(), name=URL_NAME),
]
