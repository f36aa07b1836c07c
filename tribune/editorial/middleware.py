"""Every admin address that names a page goes through the page policy's visibility first.

Wagtail's page views (edit, preview, history, usage, revisions, the explorer and the chooser opened on a page, the
admin API's detail, move and copy, workflow screens) each check their own permission, and several show the page's
title before or instead of refusing. This middleware answers 404 for any admin URL whose arguments name a page the
signed-in staff member may not see (``TribunePagePermissionPolicy.page_is_visible``), so a view Wagtail adds later
is covered by the name of its argument, not by a hook written for it.
"""

from django.http import Http404

from wagtail.models import Page
from wagtail.permissions import policy_registry

# Keyword arguments by which Wagtail's admin URLs name a page.
PAGE_ID_KWARGS = frozenset({"page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id"})
# Namespaces whose plain ``pk`` is a page's (the admin API's pages endpoint, the page revisions comparison).
PAGE_PK_NAMESPACES = frozenset({"wagtailadmin_api:pages", "wagtailadmin_pages"})


def page_ids_named(resolver_match) -> set[int]:
    """The ids of the pages an admin URL's arguments name."""
    names = set(PAGE_ID_KWARGS)
    if resolver_match.namespace in PAGE_PK_NAMESPACES:
        names.add("pk")
    ids = set()
    for name, value in resolver_match.kwargs.items():
        if name in names:
            try:
                ids.add(int(value))
            except (TypeError, ValueError):
                continue
    return ids


class HiddenPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        # Signed-out visitors and accounts without admin access get Wagtail's own answer (the sign-in page).
        if not match.route.startswith("admin/") or user is None or not user.has_perm("wagtailadmin.access_admin"):
            return None
        ids = page_ids_named(match)
        if not ids:
            return None
        policy = policy_registry.get_by_type(Page)
        named = Page.objects.filter(pk__in=ids)
        if named.exclude(pk__in=policy.visible_pages(user, named).values("pk")).exists():
            raise Http404
        return None
