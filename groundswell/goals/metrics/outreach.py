"""Phone bank, canvass and texting work, read through outreach's selectors."""

from groundswell.goals.metrics.base import Metric, Source, register
from groundswell.outreach.selectors import org_attempts

COLUMNS = (("created_at", "When"), ("campaign__name", "Campaign"), ("result", "Result"),
           ("caller__email", "Volunteer"), ("person__first_name", "Contact"))
PERSONAL = frozenset({"caller__email", "person__first_name"})


def _source(name: str, rows) -> Source:
    return Source(name, rows, at="created_at", team="campaign__team", user="caller",
                  columns=COLUMNS, personal=PERSONAL)


CALLS = _source("calls", lambda org: org_attempts(org, channel="call"))
REACHED = _source("reached attempts", lambda org: org_attempts(org, reached=True))
DOORS = _source("doors", lambda org: org_attempts(org, channel="door"))

register(
    Metric("contacts_made", "Contacts made", "calls", (CALLS,)),
    Metric("doors_knocked", "Doors knocked", "doors", (DOORS,),
           note="No door-knocking recorded yet: canvass results will count here."),
)
