"""Export, subject access, erasure and the duplicates queue."""

from django.urls import path

from groundswell.people import views_duplicates, views_privacy

urlpatterns: list = [
    path("lists/<int:list_id>/export/", views_privacy.list_export, name="list-export"),
    path("people/<int:person_id>/export.json", views_privacy.person_export, name="person-export"),
    path("people/<int:person_id>/erase/", views_privacy.person_erase_confirm, name="person-erase"),
    path("teams/<slug:slug>/people/deleted/", views_privacy.deleted_list, name="deleted-list"),
    path("teams/<slug:slug>/people/duplicates/", views_duplicates.duplicate_list, name="duplicate-list"),
    path("teams/<slug:slug>/people/duplicates/scan/", views_duplicates.duplicate_scan, name="duplicate-scan"),
    path("teams/<slug:slug>/people/duplicates/<int:candidate_id>/", views_duplicates.duplicate_detail,
         name="duplicate-detail"),
]
