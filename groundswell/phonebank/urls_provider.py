"""Phone bank URLs of one area; see urls.py. Calling through a voice provider: the caller's buttons and the
provider's signed webhooks (public, CSRF-exempt)."""

from django.urls import path

from groundswell.phonebank import views_provider

urlpatterns = [
    path("<int:campaign_id>/call/provider/", views_provider.provider_call_start, name="provider-call-start"),
    path("<int:campaign_id>/call/provider/voicemail/", views_provider.provider_voicemail,
         name="provider-voicemail"),
    path("provider/status/", views_provider.provider_status, name="provider-status"),
    path("provider/bridge/<int:target_id>/", views_provider.provider_bridge, name="provider-bridge"),
]
