from django.urls import include, path

from . import views

urlpatterns = [
    path("accounts/profile/", views.profile, name="account_profile"),
    path("accounts/delete/", views.delete_account, name="account_delete"),
    path("accounts/password/change/", views.password_change, name="account_change_password"),  # re-authenticated
    path("accounts/", include("allauth.urls")),
]
