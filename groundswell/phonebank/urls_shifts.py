"""Phone bank URLs of one area (call shifts); see urls.py."""

from django.urls import path

from groundswell.phonebank import views_shifts as views

urlpatterns: list = [
    # Callers: "Sign up to call" and checking in.
    path("<int:campaign_id>/shifts/", views.shift_list, name="shift-list"),
    path("<int:campaign_id>/shifts/<int:shift_id>/signup/", views.shift_signup, name="shift-signup"),
    path("<int:campaign_id>/shifts/<int:shift_id>/cancel/", views.shift_signup_cancel,
         name="shift-signup-cancel"),
    path("<int:campaign_id>/shifts/start/", views.shift_start_calling, name="shift-start-calling"),
    # The people who build the campaign.
    path("<int:campaign_id>/shifts/manage/", views.shift_manage, name="shift-manage"),
    path("<int:campaign_id>/shifts/new/", views.shift_create, name="shift-create"),
    path("<int:campaign_id>/shifts/<int:shift_id>/delete/", views.shift_delete, name="shift-delete"),
    path("<int:campaign_id>/shifts/<int:shift_id>/people/", views.shift_people, name="shift-people"),
]
