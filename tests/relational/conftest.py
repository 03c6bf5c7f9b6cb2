import pytest

from tests.conftest import actor_for


@pytest.fixture
def vol(personas):
    """The volunteer of North Team as an Actor."""
    return actor_for(personas.volunteer)
