from django.urls import path

from . import views

urlpatterns = [
    path("discussion/<int:article_id>/comments/", views.comment_post, name="comment_post"),
    path("discussion/comments/<int:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path("discussion/comments/<int:comment_id>/delete/", views.comment_delete, name="comment_delete"),
    path("discussion/comments/<int:comment_id>/like/", views.comment_like, name="comment_like"),
    path("discussion/comments/<int:comment_id>/report/", views.comment_report, name="comment_report"),
]
