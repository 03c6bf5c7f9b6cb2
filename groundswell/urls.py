from django.contrib import admin
from django.urls import include, path

from groundswell.api.api import api

urlpatterns = [
    path("", include("groundswell.web.urls")),
    path("accounts/", include("groundswell.accounts.urls")),
    path("teams/", include("groundswell.orgs.urls")),
    path("join/", include("groundswell.orgs.join_urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
