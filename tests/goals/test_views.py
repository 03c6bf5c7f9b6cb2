import datetime as dt

from django.utils import timezone

from groundswell.goals.models import Goal, LeaderboardOptOut
from groundswell.goals.services import goal_create
from groundswell.orgs.access import Actor
from tests.goals.helpers import NY, calls, rebuild


def _today():
    return timezone.now().astimezone(NY).date()


def _total(page, key="contacts_made") -> int:
    return next(line.total for line in page.context["board"].metrics if line.metric.key == key)


def _activity(org_tree, personas):
    calls(org_tree.north_team, personas.volunteer, timezone.now(), 3)
    calls(org_tree.south_team, personas.admin, timezone.now(), 5)
    rebuild(org_tree.org)


def test_the_dashboard_shows_subtree_totals_linked_to_their_rows(org_tree, personas, client_for):
    _activity(org_tree, personas)
    page = client_for(personas.admin).get(f"/teams/{org_tree.org.slug}/dashboard/")
    assert page.status_code == 200
    assert _total(page) == 8
    assert f"/teams/{org_tree.org.slug}/dashboard/rows/contacts_made/" in page.content.decode()
    assert "No door-knocking recorded yet" in page.content.decode()


def test_only_metrics_with_activity_draw_a_chart(org_tree, personas, client_for):
    _activity(org_tree, personas)
    html = client_for(personas.admin).get(f"/teams/{org_tree.org.slug}/dashboard/").content.decode()
    assert 'aria-label="Running total of contacts made: 8"' in html
    assert 'aria-label="Running total of doors knocked' not in html  # a flat line at 0 said nothing


def test_the_by_team_links_open_each_child_teams_rows(org_tree, personas, client_for):
    _activity(org_tree, personas)
    client = client_for(personas.admin)
    page = client.get(f"/teams/{org_tree.org.slug}/dashboard/")
    html = page.content.decode()
    for child, sums in page.context["board"].children:
        count = dict(sums)["contacts_made"]
        link = f"/teams/{child.slug}/dashboard/rows/contacts_made/?period=month"
        assert f'<td data-label="Contacts made"><a href="{link}">{count}</a>' in html  # labelled: a card on a phone
        rows = client.get(link)
        assert rows.status_code == 200
        assert sum(table["count"] for table in rows.context["tables"]) == count


def test_a_leader_sees_only_their_subtree(org_tree, personas, client_for):
    _activity(org_tree, personas)
    client = client_for(personas.leader)
    assert _total(client.get(f"/teams/{org_tree.north_team.slug}/dashboard/")) == 3
    assert client.get(f"/teams/{org_tree.north.slug}/dashboard/").status_code == 404
    assert client.get(f"/teams/{org_tree.south_team.slug}/dashboard/").status_code == 404


def test_a_volunteer_may_not_see_the_dashboard(org_tree, personas, client_for):
    assert client_for(personas.volunteer).get(f"/teams/{org_tree.north_team.slug}/dashboard/").status_code == 403


def test_the_analyst_sees_volunteers_anonymised(org_tree, personas, client_for):
    _activity(org_tree, personas)
    page = client_for(personas.analyst).get(f"/teams/{org_tree.north.slug}/dashboard/?board=contacts_made")
    assert page.context["board"].volunteers == [{"rank": 1, "name": "Volunteer 1", "count": 3, "user_id": None}]
    assert "Val Volunteer" not in page.content.decode()
    rows = client_for(personas.analyst).get(f"/teams/{org_tree.north.slug}/dashboard/rows/contacts_made/")
    assert rows.context["tables"][0]["count"] == 3
    assert "volunteer@example.test" not in rows.content.decode()


def test_an_opted_out_volunteer_is_not_named(org_tree, personas, client_for):
    _activity(org_tree, personas)
    client = client_for(personas.organizer)
    url = f"/teams/{org_tree.north.slug}/dashboard/?board=contacts_made"
    assert "Val Volunteer" in client.get(url).content.decode()
    client_for(personas.volunteer).post("/my/goals/", {"hidden": "1"})
    assert LeaderboardOptOut.objects.filter(user=personas.volunteer).exists()
    page = client.get(url)
    assert page.context["board"].volunteers[0]["name"] == "Volunteer 1"
    assert page.context["board"].volunteers[0]["count"] == 3


def test_the_rows_page_lists_what_the_number_counts(org_tree, personas, client_for):
    _activity(org_tree, personas)
    page = client_for(personas.organizer).get(f"/teams/{org_tree.north.slug}/dashboard/rows/contacts_made/")
    assert page.context["tables"][0]["count"] == 3
    assert "volunteer@example.test" in page.content.decode()
    assert client_for(personas.organizer).get(f"/teams/{org_tree.north.slug}/dashboard/rows/nope/").status_code == 404


def test_every_table_exports_as_csv(org_tree, personas, client_for):
    _activity(org_tree, personas)
    client = client_for(personas.admin)
    metrics = client.get(f"/teams/{org_tree.org.slug}/dashboard/metrics.csv").content.decode().splitlines()
    assert metrics[0] == "metric,count,from,to"
    assert any(line.startswith("contacts_made,8,") for line in metrics)
    children = client.get(f"/teams/{org_tree.org.slug}/dashboard/children.csv").content.decode().splitlines()
    column = children[0].split(",").index("contacts_made")
    assert [(line.split(",")[0], line.split(",")[column]) for line in children[1:]] == [
        ("North Region", "3"), ("South Region", "5")]
    volunteers = client.get(f"/teams/{org_tree.org.slug}/dashboard/volunteers.csv?board=contacts_made")
    assert "Ada Admin,5" in volunteers.content.decode()
    assert client.get(f"/teams/{org_tree.org.slug}/dashboard/goals.csv").status_code == 200
    assert client.get(f"/teams/{org_tree.org.slug}/dashboard/nope.csv").status_code == 404


def test_goal_pace_shows_behind_and_on_track(org_tree, personas, client_for):
    _activity(org_tree, personas)
    today = _today()
    goal_create(actor=Actor.for_user(personas.organizer), team=org_tree.north, metric="contacts_made",
                start=today, end=today + dt.timedelta(days=9), target=10)
    line = client_for(personas.organizer).get(f"/teams/{org_tree.north.slug}/dashboard/").context["board"].goals[0]
    assert (line.actual, line.expected, line.on_track) == (3, 1, True)


def test_the_goal_form_refuses_bad_input_and_saves_nothing(org_tree, personas, client_for):
    client = client_for(personas.organizer)
    url = f"/teams/{org_tree.north.slug}/goals/new/"
    for data, field in [({"target": "-1"}, "target"), ({"target": "abc"}, "target"),
                        ({"end": "2026-01-01"}, "end")]:
        page = client.post(url, {"metric": "contacts_made", "start": "2026-03-01", "end": "2026-03-31",
                                 "target": "5", **data})
        assert page.status_code == 422
        assert field in page.context["form"].errors
    assert not Goal.objects.exists()
    ok = client.post(url, {"metric": "contacts_made", "start": "2026-03-01", "end": "2026-03-31", "target": "5"})
    assert ok.status_code == 302 and Goal.objects.get().target == 5


def test_goal_pages_are_for_managers_of_the_team(org_tree, personas, client_for):
    assert client_for(personas.leader).get(f"/teams/{org_tree.north_team.slug}/goals/new/").status_code == 403
    assert client_for(personas.organizer).get(f"/teams/{org_tree.south.slug}/goals/new/").status_code == 404


def test_a_hand_split_that_does_not_add_up_is_a_field_error(org_tree, personas, client_for):
    goal = goal_create(actor=Actor.for_user(personas.organizer), team=org_tree.north, metric="contacts_made",
                       start=_today(), end=_today(), target=10)
    client = client_for(personas.organizer)
    page = client.post(f"/goals/{goal.pk}/split/", {"rule": "by_hand", f"part_{org_tree.north_chapter.pk}": "4"})
    assert page.status_code == 422 and "add up to 4" in page.content.decode()
    preview = client.post(f"/goals/{goal.pk}/split/", {"rule": "evenly", "preview": "1"}, HTTP_HX_REQUEST="true")
    assert preview.context["preview"][0][1] == 10 and not goal.parts.exists()
    client.post(f"/goals/{goal.pk}/split/", {"rule": "evenly"})
    assert goal.parts.get().team == org_tree.north_chapter


def test_my_goals_show_referrals_toward_a_personal_goal(org_tree, personas, client_for):
    goal_create(actor=Actor.for_user(personas.organizer), team=org_tree.north_team, metric="contacts_made",
                start=_today(), end=_today(), target=4, member_id=personas.volunteer.pk)
    _activity(org_tree, personas)
    page = client_for(personas.volunteer).get("/my/goals/")
    assert page.context["goals"][0].actual == 3
    assert dict((m.key, n) for m, n in page.context["counts"])["contacts_made"] == 3


def test_the_leaderboard_follows_the_rollups_not_a_stale_cache(org_tree, personas, client_for):
    _activity(org_tree, personas)
    client = client_for(personas.admin)
    url = f"/teams/{org_tree.org.slug}/dashboard/?board=contacts_made"
    first = client.get(url, HTTP_HX_REQUEST="true").context["board"].volunteers
    assert [(row["user_id"], row["count"]) for row in first] == [(personas.admin.pk, 5), (personas.volunteer.pk, 3)]
    calls(org_tree.north_team, personas.volunteer, timezone.now(), 4)
    assert client.get(url, HTTP_HX_REQUEST="true").context["board"].volunteers == first  # rollups not rebuilt yet
    rebuild(org_tree.org)
    after = client.get(url, HTTP_HX_REQUEST="true").context["board"].volunteers
    assert [(row["user_id"], row["count"]) for row in after] == [(personas.volunteer.pk, 7), (personas.admin.pk, 5)]
    region = client.get(f"/teams/{org_tree.north.slug}/dashboard/?board=contacts_made").context["board"].volunteers
    assert [(row["user_id"], row["count"]) for row in region] == [(personas.volunteer.pk, 7)]
