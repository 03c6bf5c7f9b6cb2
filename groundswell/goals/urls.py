from django.urls import path

from groundswell.goals import views, views_goals

app_name = "goals"
urlpatterns = [
    path("teams/<slug:slug>/dashboard/", views.dashboard_page, name="dashboard"),
    path("teams/<slug:slug>/dashboard/<str:table>.csv", views.dashboard_csv, name="dashboard-csv"),
    path("teams/<slug:slug>/dashboard/rows/<str:metric>/", views.rows_page, name="rows"),
    path("teams/<slug:slug>/goals/new/", views_goals.goal_new, name="goal-new"),
    path("goals/<int:goal_id>/edit/", views_goals.goal_edit, name="goal-edit"),
    path("goals/<int:goal_id>/delete/", views_goals.goal_remove, name="goal-delete"),
    path("goals/<int:goal_id>/split/", views_goals.goal_split_page, name="goal-split"),
    path("my/goals/", views_goals.my_goals, name="my-goals"),
]
