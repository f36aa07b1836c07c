"""Tribune's page permission policy: Wagtail's, except that unpublished pages are shown only to their owner and to
people who can publish where they are. Contributors share sections, and must not read each other's drafts.

Hiding is a property of the querysets the policy hands out, not of any one view: every admin listing, report,
chooser and API view that asks the policy which pages a user may explore or act on gets the visible ones only,
``user_has_any_permission_for_instance`` refuses every action on a hidden page, and ``visible_pages`` is the one
filter that the views Wagtail builds from ``Page.objects`` (the page chooser, the page-types report, the admin
URLs that name a page, see ``middleware.py``) apply themselves.
"""

from django.db.models import Q, QuerySet

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy


class TribunePagePermissionPolicy(PagePermissionPolicy):
    def _publish_roots(self, user) -> list[str]:
        return [
            permission.page.path
            for permission in self.get_cached_permissions_for_user(user)
            if permission.permission.codename == "publish_page"
        ]

    def _visible_q(self, user) -> Q | None:
        """What a visible page is for ``user``; None when every page is (superusers)."""
        if user.is_active and user.is_superuser:
            return None
        if not user.is_authenticated:
            return Q(live=True)
        visible = Q(live=True) | Q(owner=user)
        for path in self._publish_roots(user):
            visible |= Q(path__startswith=path)
        return visible

    def visible_pages(self, user, pages: QuerySet) -> QuerySet:
        """``pages`` less the unpublished ones that ``user`` neither owns nor may publish."""
        visible = self._visible_q(user)
        return pages if visible is None else pages.filter(visible)

    def page_is_visible(self, user, page) -> bool:
        if user.is_active and user.is_superuser:
            return True
        if page.live or (user.is_authenticated and page.owner_id == user.pk):
            return True
        return any(page.path.startswith(path) for path in self._publish_roots(user))

    @classmethod
    def visible_drafts_filter(cls, user, pages: QuerySet) -> QuerySet:
        """The ids of ``pages`` that ``user`` may see, for ``pk__in`` filters."""
        return cls(Page).visible_pages(user, pages).values("pk")

    def instances_user_has_any_permission_for(self, user, actions):
        return self.visible_pages(user, super().instances_user_has_any_permission_for(user, actions))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.page_is_visible(user, instance) and super().user_has_any_permission_for_instance(
            user, actions, instance
        )

    def explorable_instances(self, user):
        return self.visible_pages(user, super().explorable_instances(user))
