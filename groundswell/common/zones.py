"""Time zones by name, for names read back from the database or a form."""

import zoneinfo


def zone_named(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone called `name`; None for "" or a name this machine does not know (stored before it was
    checked, or dropped from the zone data since)."""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return None
