"""The admin home page's "Background work" panel: is scheduled publishing running, is the task worker alive, how
long the queue is (``core.liveness.status()``). For administrators and for editors, who count on scheduled
publishing: anyone who may publish a page somewhere."""

import logging

from django.db import DatabaseError

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import liveness

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
