"""Core's admin hooks: the home page's "Background work" panel (is scheduled publishing running, is the task worker
alive, how long the queue is: ``core.liveness.status()``), for administrators and for editors, who count on
scheduled publishing — anyone who may publish a page somewhere; and the banner on every admin page while the site is
in read-only maintenance (``core.maintenance``)."""

import logging

from django.db import DatabaseError
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import liveness
from .maintenance import is_read_only

logger = logging.getLogger(__name__)


def may_see_background_work(user) -> bool:
    return user.is_superuser or PagePermissionPolicy().user_has_permission(user, "publish")


class BackgroundWorkPanel(Component):
    name = "tribune_background_work"
    template_name = "core/admin/background_work.html"
    order = 300  # below the queues people act on

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        try:
            context["work"] = liveness.status()
        except DatabaseError:
            logger.warning("The background work summary could not be read", exc_info=True)
            context["work"] = None
        return context


@hooks.register("construct_homepage_panels")
def add_background_work_panel(request, panels):
    if may_see_background_work(request.user):
        panels.append(BackgroundWorkPanel())


@hooks.register("insert_global_admin_js")
def read_only_banner():
    # Wagtail's only hook whose output lands in the body of every admin page; the banner is markup, not a script.
    if not is_read_only():
        return ""
    return format_html(
        '<div class="tribune-read-only-banner" role="alert" style="position:relative;z-index:1000;padding:0.75rem '
        '1rem;background:#8a4b00;color:#fff;font-weight:600;text-align:center">{}</div>',
        _("Tribune is in read-only mode for maintenance: nothing can be saved, published or deleted until it ends."),
    )
