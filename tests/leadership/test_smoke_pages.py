"""Every leadership page answers its own users (a quick walk through each; details in the other files)."""

from groundswell.leadership.services_library import material_create
from groundswell.leadership.services_one_on_ones import Record, one_on_one_log
from tests.leadership.conftest import later


def test_each_page_renders_for_an_organizer(org_tree, personas, client_for, organizer, val, stages):
    client = client_for(personas.organizer)
    team = org_tree.north_team
    meeting = one_on_one_log(actor=organizer, team=team, person=val,
                             record=Record(held_at=later(-1), values=["faith"], commitment="Host a house party",
                                           commitment_due=later(3).date()))
    material = material_create(actor=organizer, team=org_tree.north, title="Canvass training", kind="training",
                               url="https://example.org/video", required_for=["volunteer"])
    for url in [f"/teams/{team.slug}/leadership/", f"/leadership/people/{val.pk}/", f"/teams/{team.slug}/one-on-ones/",
                f"/teams/{team.slug}/one-on-ones/new/", f"/teams/{team.slug}/one-on-ones/new/?mode=record",
                f"/one-on-ones/{meeting.pk}/", "/my/follow-ups/", f"/teams/{team.slug}/check-ins/",
                f"/teams/{team.slug}/check-ins/new/?member={personas.volunteer.pk}", f"/teams/{team.slug}/library/",
                f"/teams/{team.slug}/library/new/", f"/materials/{material.pk}/", f"/materials/{material.pk}/edit/",
                "/my/trainings/", "/", f"/teams/{org_tree.north.slug}/dashboard/"]:
        page = client.get(url)
        assert page.status_code == 200, url
    assert client.get(f"/teams/{org_tree.north.slug}/ladder/").status_code == 403  # the ladder is the whole org's
    assert client_for(personas.admin).get(f"/teams/{org_tree.org.slug}/ladder/").status_code == 200
    assert "Canvass training" in client_for(personas.volunteer).get("/").content.decode()
