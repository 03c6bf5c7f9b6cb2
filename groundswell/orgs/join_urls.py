from django.urls import path

from groundswell.orgs import views_join

app_name = "join"

urlpatterns = [
    path("<str:token>/", views_join.invitation_landing, name="invitation"),
]
