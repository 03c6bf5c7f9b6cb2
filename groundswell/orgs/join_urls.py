from django.urls import path

from groundswell.orgs import views_join

app_name = "join"

urlpatterns = [
    # Onboarding steps are keyed by the team, so people added without a link can finish them too.
    path("team/<slug:slug>/conduct/", views_join.join_conduct, name="conduct"),
    path("team/<slug:slug>/preferences/", views_join.join_preferences, name="preferences"),
    path("<str:token>/", views_join.invitation_landing, name="invitation"),
    path("<str:token>/account/", views_join.join_account, name="account"),
]
