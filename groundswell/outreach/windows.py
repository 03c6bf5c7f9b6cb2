"""The calling window: which time zones it is currently between `start` and `end` in (DESIGN invariant 3).

Calls and texts go out only inside the window in the *contact's* zone. A contact whose zone is unknown is
only reached while the window is open in every zone the organization could be calling into: the zones of
the United States' states and of the organization's own teams — in practice 14:00–21:00 Eastern.
"""

import datetime as dt
import zoneinfo
from functools import cache, lru_cache

from groundswell.people.timezones import STATE_TIME_ZONES

# Every zone a US contact of unknown zone might be in (the 50 states and DC; Alaska and Hawaii included).
US_ZONES = frozenset(
    {zone for state, zone in STATE_TIME_ZONES.items() if state not in {"PR", "GU", "VI", "AS"}}
    | {"America/Anchorage", "America/Detroit", "America/Indiana/Indianapolis", "America/Boise"}
)


@cache
def _zones() -> tuple[zoneinfo.ZoneInfo, ...]:
    names = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})
    return tuple(zoneinfo.ZoneInfo(name) for name in names)


def inside(now: dt.datetime, zone: str, start: dt.time, end: dt.time) -> bool:
    """Is it between `start` (inclusive) and `end` (exclusive) in `zone` at the instant `now`?"""
    local = now.astimezone(zoneinfo.ZoneInfo(zone)).time()
    return start <= local < end


def open_zones(now: dt.datetime, start: dt.time, end: dt.time) -> frozenset[str]:
    """Names of every IANA zone where the window is open at `now` (computed once a minute)."""
    return _open_zones(now.replace(second=0, microsecond=0), start, end)


@lru_cache(maxsize=64)
def _open_zones(minute: dt.datetime, start: dt.time, end: dt.time) -> frozenset[str]:
    return frozenset(z.key for z in _zones() if start <= minute.astimezone(z).time() < end)


def unknown_zone_ok(now: dt.datetime, start: dt.time, end: dt.time, extra_zones: frozenset[str] = frozenset()) -> bool:
    """May a contact whose zone is unknown be reached now: is the window open in every zone they could be in?"""
    return (US_ZONES | extra_zones) <= open_zones(now, start, end)
