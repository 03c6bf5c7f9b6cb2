"""Phone bank URLs of one area (the supervisor's live view); see urls.py."""

from django.urls import path

from groundswell.phonebank import views_supervisor as views

urlpatterns: list = [
    path("<int:campaign_id>/supervise/", views.supervisor, name="supervisor"),
    path("<int:campaign_id>/supervise/live/", views.supervisor_live, name="supervisor-live"),
    path("<int:campaign_id>/supervise/callers/<int:session_id>/pause/", views.caller_pause, name="caller-pause"),
    path("<int:campaign_id>/supervise/callers/<int:session_id>/resume/", views.caller_resume,
         name="caller-resume"),
    path("<int:campaign_id>/supervise/callers/<int:session_id>/message/", views.caller_message,
         name="caller-message"),
]
