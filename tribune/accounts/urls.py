from django.urls import include, path

from . import views

urlpatterns = [
    path("accounts/profile/", views.profile, name="account_profile"),
    path("accounts/delete/", views.delete_account, name="account_delete"),
    path("accounts/", include("allauth.urls")),
]
