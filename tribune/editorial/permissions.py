"""Tribune's page permission policy: Wagtail's, except that unpublished pages are shown only to their owner and to
people who can publish where they are. Contributors share sections, and must not read each other's drafts."""

from django.db.models import Q

from wagtail.permission_policies.pages import PagePermissionPolicy


class TribunePagePermissionPolicy(PagePermissionPolicy):
    @classmethod
    def visible_drafts_filter(cls, user, pages):
        """``pages`` less the unpublished ones that ``user`` neither owns nor may publish."""
        if user.is_superuser:
            return pages.values("pk")
        policy = cls(pages.model)
        publish_roots = [
            permission.page.path
            for permission in policy.get_cached_permissions_for_user(user)
            if permission.permission.codename == "publish_page"
        ]
        visible = Q(live=True) | Q(owner=user)
        for path in publish_roots:
            visible |= Q(path__startswith=path)
        return pages.filter(visible).values("pk")

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if user.is_superuser:
            return pages
        return pages.filter(pk__in=self.visible_drafts_filter(user, pages))
