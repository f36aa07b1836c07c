"""Account pages, and every way in: allauth's sign-in is the only one (tribune/accounts/tests/test_login_paths.py)."""

from allauth.decorators import rate_limit

from django.urls import include, path
from django.views.generic import RedirectView

from wagtail import views as wagtail_views

from . import views

urlpatterns = [
    path("accounts/profile/", views.profile, name="account_profile"),
    path("accounts/delete/", views.delete_account, name="account_delete"),
    path("accounts/data/", views.data, name="account_data"),
    path("accounts/data/download/", views.data_download, name="account_data_download"),  # re-authenticated
    path("accounts/password/change/", views.password_change, name="account_change_password"),  # re-authenticated
    path("accounts/", include("allauth.urls")),
    # Ahead of Wagtail's own (tribune.delivery.urls), under their names: a private page's sign-in is allauth's, and
    # guessing a page's password is limited per client as failed sign-ins are.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        rate_limit(action="page_password")(wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
]
