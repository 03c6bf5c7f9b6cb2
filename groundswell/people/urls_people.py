from django.urls import path

from groundswell.people import views, views_consent, views_fields

urlpatterns = [
    path("teams/<slug:slug>/people/", views.person_list, name="person-list"),
    path("teams/<slug:slug>/people/new/", views.person_create, name="person-create"),
    path("teams/<slug:slug>/people/fields/", views_fields.field_list, name="field-list"),
    path("teams/<slug:slug>/people/fields/<int:field_id>/", views_fields.field_edit, name="field-edit"),
    path("teams/<slug:slug>/people/fields/<int:field_id>/move/", views_fields.field_move, name="field-move"),
    path("people/<int:person_id>/", views.person_detail, name="person-detail"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person-edit"),
    path("people/<int:person_id>/delete/", views.person_delete, name="person-delete"),
    path("people/<int:person_id>/tags/", views.person_tag_add, name="person-tag-add"),
    path("people/<int:person_id>/tags/remove/", views.person_tag_remove, name="person-tag-remove"),
    path("people/<int:person_id>/notes/", views.person_note_add, name="person-note-add"),
    path("people/<int:person_id>/consent/", views_consent.person_consent, name="person-consent"),
    path("people/<int:person_id>/phones/", views_consent.phone_add, name="phone-add"),
    path("people/<int:person_id>/phones/<int:phone_id>/invalid/", views_consent.phone_invalid,
         name="phone-invalid"),
]
