"""Writes of check-ins: a leader's regular touch-base with one of their people, and a team's cadence."""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.leadership.models import CheckIn, CheckInCadence
from groundswell.leadership.services_one_on_ones import CLOCK_SLACK
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Team
from groundswell.people.services import org_of


@transaction.atomic
def check_in_record(
    *, actor: Actor, team: Team, member, held_at: dt.datetime | None, went_well: str = "", blockers: str = "",
    numbers: str = "", next_steps: str = "", client_uuid: uuid.UUID | None = None,
) -> CheckIn:
    """A check-in of the actor with `member` (someone on the team's check-in roster, selectors.checkin_roster).
    A report with nothing in it is refused; the same `client_uuid` sent twice gives the first one back."""
    if client_uuid and (done := CheckIn.objects.filter(client_uuid=client_uuid).first()):
        if done.leader_id != actor.user_id:
            raise ValidationError({"client_uuid": "This id was already used for another check-in."})
        return done
    errors = {}
    if member.pk == actor.user_id:
        errors["member"] = "Check in with someone on your team, not yourself."
    if held_at is None:
        errors["held_at"] = "When did you check in?"
    elif held_at > timezone.now() + CLOCK_SLACK:
        errors["held_at"] = "That is still to come; record the check-in once it happened."
    if len(numbers) > 300:
        errors["numbers"] = "Keep the numbers under 300 characters."
    if not any(text.strip() for text in (went_well, blockers, numbers, next_steps)):
        errors["went_well"] = "Write at least one line: what went well, blockers, numbers or next steps."
    if errors:
        raise ValidationError(errors)
    check_in = CheckIn(org=org_of(team), team=team, leader=actor.user, member=member, held_at=held_at,
                       went_well=went_well.strip(), blockers=blockers.strip(), numbers=numbers.strip(),
                       next_steps=next_steps.strip(), client_uuid=client_uuid)
    try:
        with transaction.atomic():
            check_in.save()
    except IntegrityError:  # a concurrent retry with the same uuid won
        return CheckIn.objects.get(client_uuid=client_uuid)
    audit_log(actor=actor, action="leadership.check_in.recorded", target=check_in, team_path=team.path,
              data={"member": member.pk})
    return check_in


@transaction.atomic
def cadence_set(*, actor: Actor, team: Team, every_days: int) -> CheckInCadence:
    if not 1 <= every_days <= 90:
        raise ValidationError({"every_days": "Check in every 1 to 90 days."})
    cadence, _ = CheckInCadence.objects.update_or_create(team=team, defaults={"every_days": every_days})
    audit_log(actor=actor, action="leadership.check_in.cadence", target=team, team_path=team.path,
              data={"every_days": every_days})
    return cadence
