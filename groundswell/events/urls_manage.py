"""The signed change-or-cancel link of a signup (see views_manage.py); included by urls.py."""

from django.urls import path

from groundswell.events import views_manage as views

urlpatterns: list = [
    path("s/<str:token>/", views.signup_manage, name="signup-manage"),
    path("s/<str:token>/cancel/", views.signup_manage_cancel, name="signup-cancel"),
    path("s/<str:token>/move/", views.signup_manage_move, name="signup-move"),
]
