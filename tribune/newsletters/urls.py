from django.urls import path

from . import views

urlpatterns = [
    path("newsletters/", views.newsletter_index, name="newsletter_index"),
    path("newsletters/mine/", views.my_newsletters, name="newsletter_mine"),
    path("newsletters/subscribe/", views.subscribe, name="newsletter_subscribe"),
    path("newsletters/confirm/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe, name="newsletter_unsubscribe"),
]

# Not per edition: one address for the mail provider to post to.
webhook_urlpatterns = [path("newsletters/bounces/", views.bounce_webhook, name="newsletter_bounces")]
