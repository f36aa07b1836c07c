from django.urls import path

from . import views

urlpatterns = [
    path("my/", views.my_tribune, name="my_tribune"),
    path("my/saved/", views.saved, name="my_saved"),
    path("my/follow/<slug:kind>/<int:target_id>/", views.follow, name="follow"),
    path("my/unfollow/<slug:kind>/<int:target_id>/", views.unfollow, name="unfollow"),
    path("my/save/<int:article_id>/", views.save, name="article_save"),
    path("my/unsave/<int:article_id>/", views.unsave, name="article_unsave"),
    path("my/alerts/", views.alerts, name="alerts"),
    path("my/alerts/off/<str:token>/", views.alerts_off, name="alerts_off"),
]
