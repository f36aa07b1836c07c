from django.urls import path

from . import views

urlpatterns = [
    path("experts/", views.contributor_directory, name="contributor_directory"),
    path("experts/<slug:slug>/", views.contributor_detail, name="contributor_detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("countries/<slug:slug>/", views.country_detail, name="country_detail"),
]
