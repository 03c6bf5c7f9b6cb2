"""Calendar files and feeds (see views_calendar.py); included by urls.py."""

from django.urls import path

from groundswell.events import views_calendar as views

urlpatterns: list = [
    path("<int:event_id>/event.ics", views.event_ics, name="event-ics"),
    path("s/<str:token>/signup.ics", views.signup_ics, name="signup-ics"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("feed/reset/", views.feed_reset, name="feed-reset"),
]
