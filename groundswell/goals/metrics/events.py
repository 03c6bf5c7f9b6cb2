"""Event signups, attendance and referrals (a referral counts toward the referring volunteer's goals)."""

from groundswell.events.selectors import org_signups
from groundswell.goals.metrics.base import Metric, Source, register

COLUMNS = (("created_at", "Signed up"), ("event__title", "Event"), ("first_name", "Who"))
PERSONAL = frozenset({"first_name", "referrer__email"})

SIGNUPS = Source("signups", org_signups, at="created_at", team="event__team", user="user",
                 columns=COLUMNS, personal=PERSONAL)
ATTENDED = Source("attendances", lambda org: org_signups(org, attended=True), at="checked_in_at",
                  team="event__team", user="user", columns=COLUMNS, personal=PERSONAL)
REFERRED = Source("referrals", lambda org: org_signups(org, referred=True), at="created_at", team="event__team",
                  user="referrer", columns=(*COLUMNS, ("referrer__email", "Referred by")), personal=PERSONAL)

register(
    Metric("event_signups", "Event signups", "signups", (SIGNUPS,)),
    Metric("event_attendance", "Event attendance", "people", (ATTENDED,)),
    Metric("event_referrals", "Event referrals", "signups", (REFERRED,)),
)
