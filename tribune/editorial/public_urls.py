from django.urls import path

from . import public_views

urlpatterns = [
    path("invitations/<str:token>/", public_views.invitation_accept, name="invitation_accept"),
]
