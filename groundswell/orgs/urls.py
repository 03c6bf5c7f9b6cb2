from django.urls import path

from groundswell.orgs import views

app_name = "orgs"

urlpatterns = [
    path("", views.team_index, name="team-list"),
    path("<slug:slug>/", views.team_detail, name="team-detail"),
]
