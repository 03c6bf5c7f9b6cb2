"""Import pages: upload and map a CSV (per team), the team's imports, and one job's progress and errors."""

from django.urls import path

from groundswell.people import views_imports

urlpatterns: list = [
    path("teams/<slug:slug>/people/import/", views_imports.import_upload, name="import-upload"),
    path("teams/<slug:slug>/people/import/<str:token>/", views_imports.import_map, name="import-map"),
    path("teams/<slug:slug>/people/import/<str:token>/discard/", views_imports.import_discard,
         name="import-discard"),
    path("teams/<slug:slug>/people/imports/", views_imports.import_list, name="import-list"),
    path("people/imports/<int:import_id>/", views_imports.import_detail, name="import-detail"),
    path("people/imports/<int:import_id>/progress/", views_imports.import_progress_partial,
         name="import-progress"),
    path("people/imports/<int:import_id>/errors.csv", views_imports.import_errors, name="import-errors"),
]
