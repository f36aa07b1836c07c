"""Reader addresses of the analysis, in every edition (``i18n_patterns``): entity pages, country pages and the
dossiers of pairs of countries."""

from django.urls import path

from . import views
from .models import EntityKind

urlpatterns = [
    path("countries/<uslug:slug>/", views.country_detail, name="country_detail"),
    path("countries/<uslug:first>/<uslug:second>/", views.country_pair, name="country_pair"),
    path("people/<uslug:slug>/", views.entity_detail, {"kind": EntityKind.PERSON}, name="person_detail"),
    path(
        "organisations/<uslug:slug>/",
        views.entity_detail,
        {"kind": EntityKind.ORGANISATION},
        name="organisation_detail",
    ),
    path("regions/<uslug:slug>/", views.entity_detail, {"kind": EntityKind.REGION}, name="region_detail"),
]
