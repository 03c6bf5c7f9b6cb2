import pytest

from tests.conftest import actor_for
from tests.events.helpers import make_event


@pytest.fixture
def organizer(personas):
    return actor_for(personas.organizer)


@pytest.fixture
def event(org_tree, organizer):
    """A public in-person event of North Team in Chicago with one shift of 2 places, tomorrow 10:00–12:00."""
    return make_event(organizer, org_tree.north_team, capacity=2)
