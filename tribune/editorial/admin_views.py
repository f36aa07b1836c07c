"""Admin screens for pitches and invitations.

The views translate HTTP into service calls and back: who may act and what is valid is decided in ``services``.
Wagtail's admin URL wrapper already requires ``wagtailadmin.access_admin`` (anyone else is sent to the login page).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Page

from . import forms, selectors, services
from .models import Pitch, PitchStatus
from .roles import sections_edited_by, sections_open_to, user_edits_section

NO_PERMISSION = "You do not have permission to do this."
NO_SECTION_TO_PITCH = "You are not assigned to a section yet. Ask an editor to add you to one before pitching."

PER_PAGE = 25


def forbidden(request, exception: PermissionDenied) -> TemplateResponse:
    """An explicit 403 inside the admin furniture, saying why."""
    return TemplateResponse(
        request,
        "editorial/pitches/forbidden.html",
        {"page_title": _("Permission denied"), "header_icon": "warning", "reason": str(exception) or NO_PERMISSION},
        status=403,
    )


class EditorialAdminView(WagtailAdminTemplateMixin):
    """Checks model permissions and answers refusals with 403.

    Wagtail's admin wrapper would turn a PermissionDenied into a redirect to the dashboard; an explicit 403 tells
    the person (and the tests) plainly that they may not do this.
    """

    any_permission_required: tuple[str, ...] = ()
    index_url_name = ""
    index_label = ""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.check_permissions(request.user)
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as exception:
            return forbidden(request, exception)

    def check_permissions(self, user) -> None:
        if self.any_permission_required and not any(
            user.has_perm(permission) for permission in self.any_permission_required
        ):
            raise PermissionDenied(NO_PERMISSION)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse(self.index_url_name), "label": self.index_label}]
        if self.get_page_title() != self.index_label:
            items.append({"url": None, "label": self.get_page_title()})
        return items


# Pitches


class PitchAdminView(EditorialAdminView):
    any_permission_required = ("editorial.add_pitch", "editorial.change_pitch")
    header_icon = "doc-empty-inverse"
    index_url_name = "editorial:pitch_list"
    index_label = gettext_lazy("Pitches")


class PitchListView(PitchAdminView, TemplateView):
    template_name = "editorial/pitches/list.html"
    page_title = gettext_lazy("Pitches")

    def get_header_buttons(self):
        if not selectors.user_may_pitch(self.request.user):
            return []
        return [HeaderButton(_("New pitch"), url=reverse("editorial:pitch_create"), icon_name="plus")]

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        if status not in PitchStatus.values:
            status = ""
        pitches = selectors.pitches_awaiting_first(self.request.user, status=status)
        return super().get_context_data(
            status=status,
            statuses=PitchStatus.choices,
            page_obj=Paginator(pitches, PER_PAGE).get_page(self.request.GET.get("p")),
            **kwargs,
        )


class PitchCreateView(PitchAdminView, FormView):
    any_permission_required = ("editorial.add_pitch",)
    template_name = "editorial/pitches/create.html"
    form_class = forms.PitchForm
    page_title = gettext_lazy("New pitch")

    def check_permissions(self, user) -> None:
        super().check_permissions(user)
        self.sections = sections_open_to(user)
        if not self.sections:
            raise PermissionDenied(NO_SECTION_TO_PITCH)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sections": self.sections}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=reverse("editorial:pitch_create"),
            submit_button_label=_("Submit pitch"),
            submit_button_active_label=_("Submitting…"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            pitch = services.pitch_submit(author=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your pitch “%(title)s” was sent to the editors.") % {"title": pitch})
        return HttpResponseRedirect(reverse("editorial:pitch_detail", args=[pitch.pk]))


class PitchDetailView(PitchAdminView, TemplateView):
    template_name = "editorial/pitches/detail.html"

    def get_pitch(self) -> Pitch:
        # Pitches the user may not see are answered like missing ones: nothing about them leaks.
        return get_object_or_404(selectors.pitches_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.pitch = self.get_pitch()
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return self.pitch.working_title

    def get_context_data(self, **kwargs):
        user, pitch = self.request.user, self.pitch
        may_decide = pitch.is_open and user_edits_section(user, pitch.section)
        is_author_of_open_pitch = pitch.is_open and pitch.author_id == user.pk
        forms_by_action = {
            "accept_form": forms.AcceptForm(),
            "decline_form": forms.DeclineForm(),
            "ask_form": forms.AskForm(),
            "reply_form": forms.ReplyForm(),
            "withdraw_form": forms.WithdrawForm(),
        }
        return super().get_context_data(
            pitch=pitch,
            thread=pitch.messages.select_related("author"),
            may_decide=may_decide,
            is_author_of_open_pitch=is_author_of_open_pitch,
            article_edit_url=reverse("wagtailadmin_pages:edit", args=[pitch.article_id]) if pitch.article_id else "",
            **{**forms_by_action, **kwargs},
        )


class PitchActionView(PitchDetailView):
    """POST only: check who may act, validate the form, call the service, go back to the pitch."""

    http_method_names = ["post"]
    form_class = forms.WithdrawForm
    form_context_name = ""

    def get_pitch(self) -> Pitch:
        # Any existing pitch: the service's check answers 403 to those who may not act on it.
        return get_object_or_404(Pitch.objects.select_related("author", "section", "article"), pk=self.kwargs["pk"])

    def check(self, pitch: Pitch, user) -> None:
        raise NotImplementedError

    def perform(self, pitch: Pitch, user, data: dict) -> str:
        """Call the service; return the success message."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.pitch = self.get_pitch()
        detail_url = reverse("editorial:pitch_detail", args=[self.pitch.pk])
        try:
            self.check(self.pitch, request.user)
            form = self.form_class(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(**{self.form_context_name: form}))
            success_message = self.perform(self.pitch, request.user, form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, success_message)
        return HttpResponseRedirect(detail_url)


class PitchAcceptView(PitchActionView):
    form_class = forms.AcceptForm
    form_context_name = "accept_form"

    def check(self, pitch, user):
        services.pitch_decision_check(pitch=pitch, editor=user)

    def perform(self, pitch, user, data):
        services.pitch_accept(pitch=pitch, editor=user, message=data["message"].strip())
        return _("Pitch accepted. A draft article is waiting in %(section)s.") % {"section": pitch.section.title}


class PitchDeclineView(PitchActionView):
    form_class = forms.DeclineForm
    form_context_name = "decline_form"

    def check(self, pitch, user):
        services.pitch_decision_check(pitch=pitch, editor=user)

    def perform(self, pitch, user, data):
        services.pitch_decline(pitch=pitch, editor=user, reason=data["reason"])
        return _("Pitch declined. The author has been told why.")


class PitchAskView(PitchActionView):
    form_class = forms.AskForm
    form_context_name = "ask_form"

    def check(self, pitch, user):
        services.pitch_decision_check(pitch=pitch, editor=user)

    def perform(self, pitch, user, data):
        services.pitch_ask(pitch=pitch, editor=user, question=data["question"])
        return _("Question sent to the author.")


class PitchReplyView(PitchActionView):
    form_class = forms.ReplyForm
    form_context_name = "reply_form"

    def check(self, pitch, user):
        services.pitch_author_check(pitch=pitch, author=user)

    def perform(self, pitch, user, data):
        services.pitch_reply(pitch=pitch, author=user, text=data["text"])
        return _("Reply sent to the editors.")


class PitchWithdrawView(PitchActionView):
    form_class = forms.WithdrawForm
    form_context_name = "withdraw_form"

    def check(self, pitch, user):
        services.pitch_author_check(pitch=pitch, author=user)

    def perform(self, pitch, user, data):
        services.pitch_withdraw(pitch=pitch, author=user)
        return _("Pitch withdrawn.")


# Invitations


class InvitationAdminView(EditorialAdminView):
    any_permission_required = ("editorial.add_invitation",)
    header_icon = "mail"
    index_url_name = "editorial:invitation_list"
    index_label = gettext_lazy("Invitations")


class InvitationListView(InvitationAdminView, TemplateView):
    template_name = "editorial/invitations/list.html"
    page_title = gettext_lazy("Invitations")

    def get_header_buttons(self):
        return [HeaderButton(_("Invite an expert"), url=reverse("editorial:invitation_create"), icon_name="plus")]

    def get_context_data(self, **kwargs):
        invitations = selectors.invitations_visible_to(self.request.user)
        return super().get_context_data(
            page_obj=Paginator(invitations, PER_PAGE).get_page(self.request.GET.get("p")), **kwargs
        )


class InvitationCreateView(InvitationAdminView, FormView):
    template_name = "editorial/invitations/create.html"
    form_class = forms.InvitationForm
    page_title = gettext_lazy("Invite an expert")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sections": sections_edited_by(self.request.user)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=reverse("editorial:invitation_create"),
            submit_button_label=_("Send invitation"),
            submit_button_active_label=_("Sending…"),
            valid_days=services.INVITATION_VALID_DAYS,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            invitation, _token = services.invitation_create(
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                sections=list(form.cleaned_data["sections"]),
                invited_by=self.request.user,
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        sent_to = {"name": invitation.name, "email": invitation.email}
        messages.success(self.request, _("Invitation sent to %(name)s <%(email)s>.") % sent_to)
        return HttpResponseRedirect(reverse("editorial:invitation_list"))


# Translations


class TranslationBoardView(EditorialAdminView, TemplateView):
    """Per edition: what is untranslated, stale, in progress, or behind a correction of its source."""

    any_permission_required = ("editorial.view_translationsync",)
    template_name = "editorial/translations/board.html"
    page_title = gettext_lazy("Translations")
    header_icon = "globe"
    index_url_name = "editorial:translation_board"
    index_label = gettext_lazy("Translations")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            editions=selectors.translation_board(self.request.user), limit=selectors.BOARD_LIMIT, **kwargs
        )


class TranslationSyncedView(EditorialAdminView, TemplateView):
    """Confirm (GET) and record (POST) that a translation now matches its source's published version."""

    template_name = "editorial/translations/synced.html"
    header_icon = "globe"
    index_url_name = "editorial:translation_board"
    index_label = gettext_lazy("Translations")
    page_title = gettext_lazy("Mark as synced with the source")

    def dispatch(self, request, *args, **kwargs):
        self.translation = get_object_or_404(Page, pk=kwargs["page_id"]).specific_deferred
        return super().dispatch(request, *args, **kwargs)

    def check_permissions(self, user) -> None:
        try:
            self.source = services.translation_sync_check(translation=self.translation, user=user)
        except ValidationError as error:
            raise Http404(error.messages[0]) from error

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": None, "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            translation=self.translation,
            source=self.source,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.translation.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        services.translation_mark_synced(translation=self.translation, user=request.user)
        messages.success(
            request,
            _("“%(title)s” is marked as synced with its source. Readers no longer see the update notice.")
            % {"title": self.translation.get_admin_display_title()},
        )
        return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[self.translation.pk]))


urlpatterns = [
    path("translations/", TranslationBoardView.as_view(), name="translation_board"),
    path("translations/<int:page_id>/synced/", TranslationSyncedView.as_view(), name="translation_synced"),
    path("pitches/", PitchListView.as_view(), name="pitch_list"),
    path("pitches/new/", PitchCreateView.as_view(), name="pitch_create"),
    path("pitches/<int:pk>/", PitchDetailView.as_view(), name="pitch_detail"),
    path("pitches/<int:pk>/accept/", PitchAcceptView.as_view(), name="pitch_accept"),
    path("pitches/<int:pk>/decline/", PitchDeclineView.as_view(), name="pitch_decline"),
    path("pitches/<int:pk>/ask/", PitchAskView.as_view(), name="pitch_ask"),
    path("pitches/<int:pk>/reply/", PitchReplyView.as_view(), name="pitch_reply"),
    path("pitches/<int:pk>/withdraw/", PitchWithdrawView.as_view(), name="pitch_withdraw"),
    path("invitations/", InvitationListView.as_view(), name="invitation_list"),
    path("invitations/new/", InvitationCreateView.as_view(), name="invitation_create"),
]


class PermissionMenuItem(MenuItem):
    """Shown to users holding any of ``permissions``."""

    def __init__(self, *args, permissions: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.permissions = permissions

    def is_shown(self, request):
        return any(request.user.has_perm(permission) for permission in self.permissions)


def pitches_menu_item() -> MenuItem:
    return PermissionMenuItem(
        gettext_lazy("Pitches"),
        reverse_lazy("editorial:pitch_list"),
        name="pitches",
        icon_name="doc-empty-inverse",
        order=210,
        permissions=PitchAdminView.any_permission_required,
    )


def invitations_menu_item() -> MenuItem:
    return PermissionMenuItem(
        gettext_lazy("Invitations"),
        reverse_lazy("editorial:invitation_list"),
        name="invitations",
        icon_name="mail",
        order=220,
        permissions=InvitationAdminView.any_permission_required,
    )


def translations_menu_item() -> MenuItem:
    return PermissionMenuItem(
        gettext_lazy("Translations"),
        reverse_lazy("editorial:translation_board"),
        name="translations",
        icon_name="globe",
        order=230,
        permissions=TranslationBoardView.any_permission_required,
    )
