from django.urls import path

from groundswell.leadership import views_checkins, views_ladder, views_library, views_one_on_ones

app_name = "leadership"
urlpatterns = [
    path("teams/<slug:slug>/leadership/", views_ladder.pipeline_page, name="pipeline"),
    path("teams/<slug:slug>/leadership/place/", views_ladder.place_member, name="place"),
    path("teams/<slug:slug>/ladder/", views_ladder.stages_page, name="stages"),
    path("leadership/people/<int:person_id>/", views_ladder.person_page, name="person"),
    path("leadership/people/<int:person_id>/move/", views_ladder.person_move, name="person-move"),
    path("teams/<slug:slug>/one-on-ones/", views_one_on_ones.team_one_on_ones, name="team-one-on-ones"),
    path("teams/<slug:slug>/one-on-ones/new/", views_one_on_ones.one_on_one_new, name="one-on-one-new"),
    path("one-on-ones/<int:meeting_id>/", views_one_on_ones.one_on_one_detail, name="one-on-one"),
    path("one-on-ones/<int:meeting_id>/cancel/", views_one_on_ones.one_on_one_cancel_view, name="one-on-one-cancel"),
    path("commitments/<int:commitment_id>/resolve/", views_one_on_ones.commitment_resolve_view,
         name="commitment-resolve"),
    path("my/follow-ups/", views_one_on_ones.my_follow_ups, name="my-follow-ups"),
    path("teams/<slug:slug>/check-ins/", views_checkins.check_ins_page, name="check-ins"),
    path("teams/<slug:slug>/check-ins/new/", views_checkins.check_in_new, name="check-in-new"),
    path("teams/<slug:slug>/check-ins/cadence/", views_checkins.cadence_update, name="check-in-cadence"),
    path("teams/<slug:slug>/library/", views_library.library_page, name="library"),
    path("teams/<slug:slug>/library/new/", views_library.material_new, name="material-new"),
    path("materials/<int:material_id>/", views_library.material_page, name="material"),
    path("materials/<int:material_id>/edit/", views_library.material_edit, name="material-edit"),
    path("materials/<int:material_id>/file/", views_library.material_file, name="material-file"),
    path("materials/<int:material_id>/done/", views_library.material_done, name="material-done"),
    path("materials/<int:material_id>/share/", views_library.material_share_view, name="material-share"),
    path("my/trainings/", views_library.my_trainings, name="my-trainings"),
]
