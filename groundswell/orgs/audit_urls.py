from django.urls import path

from groundswell.orgs import views_audit

app_name = "audit"

urlpatterns = [
    path("", views_audit.audit_list, name="entry-list"),
]
