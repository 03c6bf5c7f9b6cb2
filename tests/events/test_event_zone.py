"""An event's time zone must be one this machine knows: its shifts are stored in UTC from local times."""

import pytest
from django.core.exceptions import ValidationError

from groundswell.events.models import Event
from groundswell.events.services_events import event_create


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "../etc/passwd"])
def test_an_unknown_time_zone_is_refused_and_nothing_is_saved(org_tree, organizer, zone):
    with pytest.raises(ValidationError) as caught:
        event_create(actor=organizer, team=org_tree.north_team, title="Calling party", kind="phone_bank",
                     zip="60614", time_zone=zone)
    assert caught.value.message_dict["time_zone"] == ["Not a time zone we know (e.g. America/Chicago)."]
    assert not Event.objects.filter(title="Calling party").exists()


def test_a_known_time_zone_is_kept(org_tree, organizer):
    event = event_create(actor=organizer, team=org_tree.north_team, title="Calling party", kind="phone_bank",
                         zip="60614", time_zone="America/Denver")
    assert event.time_zone == "America/Denver"
