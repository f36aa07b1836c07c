from django.urls import path

from . import views

urlpatterns = [
    path("view", views.view_beacon, name="analytics_view"),
    path("pixel.gif", views.view_pixel, name="analytics_pixel"),
]
