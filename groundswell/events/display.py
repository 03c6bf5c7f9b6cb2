"""How event times read: in the event's own time zone, with the zone's abbreviation (CST/CDT), so a
volunteer in another zone is never misled (DESIGN invariant 6)."""

import datetime as dt
import zoneinfo


def local(moment: dt.datetime, zone: str) -> dt.datetime:
    return moment.astimezone(zoneinfo.ZoneInfo(zone))


def clock(moment: dt.datetime) -> str:
    text = moment.strftime("%I:%M %p").lstrip("0").lower()
    return text.replace(":00 ", " ")


def when(starts_at: dt.datetime, ends_at: dt.datetime, zone: str) -> str:
    """ "Sat 28 Nov, 10 am – 12 pm CST" (the end's date too when it is another day)."""
    start, end = local(starts_at, zone), local(ends_at, zone)
    day = f"{start:%a} {start.day} {start:%b}"
    end_day = "" if end.date() == start.date() else f"{end:%a} {end.day} {end:%b}, "
    return f"{day}, {clock(start)} – {end_day}{clock(end)} {end.tzname()}"


def shift_when(shift) -> str:
    return when(shift.starts_at, shift.ends_at, shift.event.time_zone)
