"""Activity rows for the goals tests, made directly: the tests are about counting them, not logging them."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from groundswell.goals.rollups import rollups_rebuild
from groundswell.orgs.models import Team
from groundswell.outreach.models import ContactAttempt
from groundswell.people.services import org_of
from tests import factories

NY = ZoneInfo("America/New_York")


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=NY)


def calls(team: Team, caller, when: dt.datetime, n: int = 1, *, result: str = "no_answer",
          channel: str = "call") -> list[ContactAttempt]:
    campaign = factories.campaign(team)
    person = factories.person(team)
    return [ContactAttempt.objects.create(org=org_of(team), campaign=campaign, person=person, caller=caller,
                                          channel=channel, result=result, client_uuid=uuid.uuid4(),
                                          created_at=when) for _ in range(n)]


def rebuild(team: Team) -> None:
    rollups_rebuild(org=org_of(team))
