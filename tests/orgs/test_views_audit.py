from django.urls import reverse

from groundswell.audit.services import audit_log


def test_only_admins_and_data_stewards_read_the_audit_log(personas, client_for):
    url = reverse("audit:entry-list")
    statuses = {
        name: client_for(getattr(personas, name)).get(url).status_code
        for name in ["admin", "steward", "organizer", "leader", "volunteer", "analyst"]
    }
    assert statuses == {"admin": 200, "steward": 200, "organizer": 403, "leader": 403, "volunteer": 403,
                        "analyst": 403}


def test_the_audit_log_shows_only_entries_inside_the_readers_subtree(org_tree, personas, client_for):
    audit_log(actor=None, action="orgs.test.north", team_path=org_tree.north_team.path)
    audit_log(actor=None, action="orgs.test.south", team_path=org_tree.south_team.path)
    page = client_for(personas.steward).get(reverse("audit:entry-list")).content.decode()
    assert '<td data-label="Action"><code>orgs.test.north</code></td>' in page  # a labelled card on a phone
    assert "orgs.test.south" not in page
    filtered = client_for(personas.admin).get(reverse("audit:entry-list"), {"action": "orgs.test.s"}).content.decode()
    assert ("orgs.test.south" in filtered, "orgs.test.north" in filtered) == (True, False)
