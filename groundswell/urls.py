from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from groundswell.api.api import api

urlpatterns = [
    path("", include("groundswell.web.urls")),
    path("accounts/", include("groundswell.accounts.urls")),
    path("teams/", include("groundswell.orgs.urls")),
    path("join/", include("groundswell.orgs.join_urls")),
    path("audit/", include("groundswell.orgs.audit_urls")),
    path("", include("groundswell.people.urls")),
    path("", include("groundswell.relational.urls")),
    path("outreach/", include("groundswell.outreach.urls")),
    path("phonebank/", include("groundswell.phonebank.urls")),
    path("events/", include("groundswell.events.urls")),
    path("", include("groundswell.leadership.urls")),
    path("", include("groundswell.goals.urls")),
    path("api/", api.urls),
    # The admin signs in through our own sign-in page, so throttling and two-factor apply there too.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
        name="admin-login-redirect",
    ),
    path("admin/", admin.site.urls),
    path("favicon.ico", RedirectView.as_view(url=static("groundswell/icon.svg"), permanent=True),
         name="favicon"),
]

handler400 = "groundswell.web.errors.bad_request"
handler404 = "groundswell.web.errors.page_not_found"
handler500 = "groundswell.web.errors.server_error"
