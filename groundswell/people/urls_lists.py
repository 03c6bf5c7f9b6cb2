from django.urls import path

from groundswell.people import views_lists

urlpatterns = [
    path("teams/<slug:slug>/lists/", views_lists.list_index, name="list-index"),
    path("teams/<slug:slug>/lists/new/", views_lists.list_new, name="list-new"),
    path("teams/<slug:slug>/lists/count/", views_lists.list_count, name="list-count"),
    path("lists/<int:list_id>/", views_lists.list_detail, name="list-detail"),
    path("lists/<int:list_id>/edit/", views_lists.list_edit, name="list-edit"),
    path("lists/<int:list_id>/rename/", views_lists.list_rename, name="list-rename"),
    path("lists/<int:list_id>/freeze/", views_lists.list_freeze_view, name="list-freeze"),
    path("lists/<int:list_id>/delete/", views_lists.list_delete_view, name="list-delete"),
]
