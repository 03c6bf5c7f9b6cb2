import datetime as dt

import pytest
from django.utils import timezone

from groundswell.leadership.services_ladder import stages_ensure
from groundswell.people.services_intake import person_for_member
from tests.conftest import actor_for


@pytest.fixture
def organizer(personas):
    return actor_for(personas.organizer)


@pytest.fixture
def leader(personas):
    return actor_for(personas.leader)


@pytest.fixture
def stages(org_tree):
    return {s.name: s for s in stages_ensure(org=org_tree.org)}


@pytest.fixture
def val(org_tree, personas):
    """The CRM record of Val Volunteer (a member of North Team)."""
    return person_for_member(user=personas.volunteer, team=org_tree.north_team)


def later(days: int = 2, hour: int = 18) -> dt.datetime:
    return (timezone.now() + dt.timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
