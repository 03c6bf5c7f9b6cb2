import json

import pytest
from django.utils import timezone

from groundswell.goals.models import Goal
from tests.goals.helpers import calls, rebuild


def api(client, method: str, url: str, data=None):
    body = json.dumps(data) if data is not None else None
    return client.generic(method, "/api/v1" + url, data=body, content_type="application/json")


GOOD = {"metric": "contacts_made", "start": "2026-03-01", "end": "2026-03-31", "target": 20}


def test_a_goal_is_created_and_listed(org_tree, personas, client_for):
    client = client_for(personas.organizer)
    made = api(client, "POST", "/goals", {**GOOD, "team_id": org_tree.north.pk})
    assert made.status_code == 201 and made.json()["target"] == 20
    assert [g["id"] for g in api(client, "GET", "/goals").json()] == [made.json()["id"]]
    assert api(client_for(personas.outsider), "GET", "/goals").json() == []


@pytest.mark.parametrize("changes", [{"target": -1}, {"target": "many"}, {"end": "2026-02-01"},
                                     {"metric": "nope"}, {"target": 0}])
def test_bad_goals_are_422_and_nothing_is_saved(org_tree, personas, client_for, changes):
    reply = api(client_for(personas.organizer), "POST", "/goals", {**GOOD, "team_id": org_tree.north.pk, **changes})
    assert reply.status_code == 422 and reply.json()["detail"]
    assert not Goal.objects.exists()


def test_a_team_outside_scope_is_404_and_one_not_managed_403(org_tree, personas, client_for):
    assert api(client_for(personas.organizer), "POST", "/goals",
               {**GOOD, "team_id": org_tree.south.pk}).status_code == 404
    assert api(client_for(personas.leader), "POST", "/goals",
               {**GOOD, "team_id": org_tree.north_team.pk}).status_code == 403
    assert not Goal.objects.exists()


def test_the_dashboard_api_has_metrics_children_and_series(org_tree, personas, client_for):
    calls(org_tree.north_team, personas.volunteer, timezone.now(), 2)
    rebuild(org_tree.org)
    reply = api(client_for(personas.analyst), "GET", f"/teams/{org_tree.north.pk}/dashboard?period=week")
    assert reply.status_code == 200
    data = reply.json()
    contacts = next(m for m in data["metrics"] if m["key"] == "contacts_made")
    assert contacts["total"] == 2 and contacts["rows_url"].endswith("/rows/contacts_made/?period=week")
    assert data["children"] == [{"team_id": org_tree.north_chapter.pk, "name": "North Chapter",
                                 "counts": {**{m["key"]: 0 for m in data["metrics"]}, "contacts_made": 2}}]
    assert len(data["series"]["contacts_made"]) == 7 and data["series"]["contacts_made"][-1]["total"] == 2
    assert api(client_for(personas.analyst), "GET", f"/teams/{org_tree.south.pk}/dashboard").status_code == 404
