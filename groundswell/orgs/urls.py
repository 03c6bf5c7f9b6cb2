from django.urls import path

from groundswell.orgs import views, views_invitations, views_members

app_name = "orgs"

urlpatterns = [
    path("", views.team_index, name="team-list"),
    path("<slug:slug>/", views.team_detail, name="team-detail"),
    path("<slug:slug>/edit/", views.team_edit, name="team-edit"),
    path("<slug:slug>/new/", views.team_create, name="team-create"),
    path("<slug:slug>/move/", views.team_move, name="team-move"),
    path("<slug:slug>/members/", views_members.member_list, name="member-list"),
    path("<slug:slug>/members/add/", views_members.member_add, name="member-add"),
    path("<slug:slug>/members/<int:membership_id>/role/", views_members.member_role, name="member-role"),
    path("<slug:slug>/members/<int:membership_id>/remove/", views_members.member_remove, name="member-remove"),
    path("<slug:slug>/invitations/", views_invitations.invitation_list, name="invitation-list"),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/revoke/",
        views_invitations.invitation_revoke,
        name="invitation-revoke",
    ),
]
