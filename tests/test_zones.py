import zoneinfo

import pytest

from groundswell.common.zones import zone_named


def test_a_known_name_is_its_zone():
    assert zone_named("America/Chicago") == zoneinfo.ZoneInfo("America/Chicago")


@pytest.mark.parametrize("name", ["", "Mars/Olympus_Mons", "../etc/passwd", "America/"])
def test_an_empty_or_unknown_name_is_none(name):
    assert zone_named(name) is None
