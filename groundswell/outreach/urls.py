"""/outreach/…: campaign building and the queue for organizers."""

from django.urls import path

from groundswell.outreach import views_attempts, views_campaigns, views_codes, views_queue, views_survey

app_name = "outreach"
urlpatterns = [
    path("teams/<slug:slug>/campaigns/", views_campaigns.campaign_index, name="campaign-index"),
    path("teams/<slug:slug>/campaigns/new/", views_campaigns.campaign_new, name="campaign-new"),
    path("teams/<slug:slug>/campaigns/new/preview/", views_campaigns.campaign_script_preview_new,
         name="campaign-new-preview"),
    path("campaigns/<int:campaign_id>/", views_campaigns.campaign_detail, name="campaign-detail"),
    path("campaigns/<int:campaign_id>/edit/", views_campaigns.campaign_edit, name="campaign-edit"),
    path("campaigns/<int:campaign_id>/preview/", views_campaigns.campaign_script_preview,
         name="campaign-preview"),
    path("campaigns/<int:campaign_id>/status/", views_campaigns.campaign_status, name="campaign-status"),
    path("campaigns/<int:campaign_id>/queue/", views_queue.campaign_queue, name="campaign-queue"),
    path("campaigns/<int:campaign_id>/queue/<slug:reason>/", views_queue.campaign_queue_reason,
         name="campaign-queue-reason"),
    path("campaigns/<int:campaign_id>/attempts/", views_attempts.campaign_attempts, name="campaign-attempts"),
    path("campaigns/<int:campaign_id>/sync/", views_queue.campaign_sync, name="campaign-sync"),
    path("campaigns/<int:campaign_id>/questions/new/", views_survey.question_new, name="question-new"),
    path("campaigns/<int:campaign_id>/questions/<int:question_id>/", views_survey.question_edit,
         name="question-edit"),
    path("campaigns/<int:campaign_id>/questions/<int:question_id>/delete/", views_survey.question_delete,
         name="question-delete"),
    path("campaigns/<int:campaign_id>/results/", views_codes.result_code_list, name="result-code-list"),
    path("campaigns/<int:campaign_id>/results/new/", views_codes.result_code_new, name="result-code-new"),
    path("campaigns/<int:campaign_id>/results/<int:code_id>/", views_codes.result_code_edit,
         name="result-code-edit"),
]
