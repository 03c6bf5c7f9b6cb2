from django.urls import include, path

from groundswell.events import views_event, views_host, views_mine

app_name = "events"

urlpatterns = [
    path("", include("groundswell.events.urls_finder")),
    path("", include("groundswell.events.urls_calendar")),
    path("", include("groundswell.events.urls_manage")),
    path("mine/", views_mine.my_events, name="mine"),
    path("<int:event_id>/", views_event.event_page, name="event"),
    path("<int:event_id>/signup/", views_event.signup, name="signup"),
    path("<int:event_id>/share/", views_mine.share, name="share"),
    path("p/<str:key>/", views_event.private_event, name="private"),
    path("signed-up/<str:token>/", views_event.signed_up, name="signed-up"),
    path("teams/<slug:slug>/", views_host.team_events, name="team-events"),
    path("teams/<slug:slug>/new/", views_host.event_new, name="event-new"),
    path("<int:event_id>/manage/", views_host.manage, name="manage"),
    path("<int:event_id>/edit/", views_host.edit, name="edit"),
    path("<int:event_id>/shifts/", views_host.shifts, name="shifts"),
    path("<int:event_id>/shifts/<int:shift_id>/remove/", views_host.shift_remove, name="shift-remove"),
    path("<int:event_id>/roster/", views_host.roster, name="roster"),
    path("<int:event_id>/check-in/<int:signup_id>/", views_host.check_in, name="check-in"),
    path("<int:event_id>/undo/<int:signup_id>/", views_host.undo, name="undo"),
    path("<int:event_id>/walk-in/", views_host.walk_in, name="walk-in"),
    path("<int:event_id>/scan/", views_host.scan, name="scan"),
    path("<int:event_id>/no-shows/<int:shift_id>/", views_host.no_shows, name="no-shows"),
    path("<int:event_id>/follow-ups/<int:follow_up_id>/done/", views_host.follow_up_done, name="follow-up-done"),
    path("<int:event_id>/message/", views_host.message, name="message"),
    path("<int:event_id>/duplicate/", views_host.duplicate, name="duplicate"),
    path("<int:event_id>/cancel/", views_host.cancel, name="cancel"),
    path("<int:event_id>/approve/", views_host.approve, name="approve"),
]
