"""/my-people/… (a volunteer's own contacts), /programs/… (captain programs), /teams/<slug>/relational/…"""

from django.urls import path

from groundswell.relational import views_people, views_programs, views_reports

app_name = "relational"
urlpatterns = [
    path("my-people/", views_people.people_index, name="people-index"),
    path("my-people/add/", views_people.people_add, name="people-add"),
    path("my-people/paste/", views_people.people_paste, name="people-paste"),
    path("my-people/upload/", views_people.people_upload, name="people-upload"),
    path("my-people/<int:relationship_id>/", views_people.person_detail, name="person-detail"),
    path("my-people/<int:relationship_id>/edit/", views_people.person_edit, name="person-edit"),
    path("my-people/<int:relationship_id>/delete/", views_people.person_delete, name="person-delete"),
    path("my-people/<int:relationship_id>/points/", views_people.point_add, name="point-add"),
    path("my-people/points/<int:point_id>/share/", views_people.point_share, name="point-share"),
    path("my-people/points/<int:point_id>/remove/", views_people.point_remove, name="point-remove"),
    path("my-people/<int:relationship_id>/match/<slug:answer>/", views_people.match_answer, name="match-answer"),
    path("my-people/<int:relationship_id>/conversations/", views_people.conversation_add, name="conversation-add"),
    path("my-people/<int:relationship_id>/invite/", views_people.invite, name="invite"),
    path("programs/", views_programs.program_index, name="program-index"),
    path("teams/<slug:slug>/programs/new/", views_programs.program_new, name="program-new"),
    path("programs/<int:program_id>/", views_programs.program_detail, name="program-detail"),
    path("programs/<int:program_id>/edit/", views_programs.program_edit, name="program-edit"),
    path("programs/<int:program_id>/status/", views_programs.program_status, name="program-status"),
    path("programs/<int:program_id>/dates/", views_programs.program_date_add, name="program-date-add"),
    path("programs/<int:program_id>/dates/<int:date_id>/remove/", views_programs.program_date_remove,
         name="program-date-remove"),
    path("programs/<int:program_id>/enrol/", views_programs.program_enrol, name="program-enrol"),
    path("programs/<int:program_id>/list/", views_programs.captain_add, name="captain-add"),
    path("programs/<int:program_id>/commit/", views_programs.captain_commit, name="captain-commit"),
    path("programs/entries/<int:entry_id>/remove/", views_programs.entry_remove, name="entry-remove"),
    path("programs/entries/<int:entry_id>/predict/", views_programs.entry_predict, name="entry-predict"),
    path("programs/captains/<int:captain_id>/", views_programs.captain_detail, name="captain-detail"),
    path("programs/captains/<int:captain_id>/check-ins/", views_programs.checkin_add, name="checkin-add"),
    path("programs/captains/<int:captain_id>/check-ins/<int:check_in_id>/", views_programs.checkin_record,
         name="checkin-record"),
    path("programs/<int:program_id>/report/", views_reports.program_report_page, name="program-report"),
    path("programs/<int:program_id>/ballots/", views_reports.program_ballots, name="program-ballots"),
    path("programs/<int:program_id>/ballots/<int:import_id>/errors.csv", views_reports.ballot_errors,
         name="ballot-errors"),
    path("teams/<slug:slug>/relational/", views_reports.team_relational, name="team-relational"),
    path("teams/<slug:slug>/recruitment/", views_reports.team_recruitment, name="team-recruitment"),
]
