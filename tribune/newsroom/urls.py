from django.urls import path

from . import views

urlpatterns = [
    path("experts/", views.contributor_directory, name="contributor_directory"),
    path("experts/<uslug:slug>/", views.contributor_detail, name="contributor_detail"),
    path("topics/<uslug:slug>/", views.topic_detail, name="topic_detail"),
    path("corrections/", views.corrections, name="corrections"),
    path("_styleguide/", views.styleguide, name="styleguide"),  # 404 unless DEBUG
]
