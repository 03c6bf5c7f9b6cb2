"""Phone bank URLs of one area; see urls.py. The volunteer's side: the phone banks, a landing page, calling."""

from django.urls import path

from groundswell.phonebank import views_calling

urlpatterns = [
    path("", views_calling.bank_list, name="bank-list"),
    path("<int:campaign_id>/", views_calling.bank_detail, name="bank-detail"),
    path("<int:campaign_id>/start/", views_calling.calling_start, name="calling-start"),
    path("<int:campaign_id>/call/", views_calling.calling, name="calling"),
    path("<int:campaign_id>/call/save/", views_calling.calling_save, name="calling-save"),
    path("<int:campaign_id>/call/skip/", views_calling.calling_skip, name="calling-skip"),
    path("<int:campaign_id>/call/end/", views_calling.calling_end, name="calling-end"),
]
