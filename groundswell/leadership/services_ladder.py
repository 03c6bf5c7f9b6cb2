"""Writes of the leadership ladder: an organization's stages and each person's moves on a team's ladder."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.leadership.models import LadderMove, LadderPlacement, LadderStage
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from groundswell.people.models import Person
from groundswell.people.services import org_of
from groundswell.people.timeline import timeline_add

Role = Membership.Role
# (name, description, role whose unplaced members start here, leads others)
DEFAULT_STAGES = [
    ("Supporter", "Signed a petition, came to an event, gave a contact", "", False),
    ("Volunteer", "Took on a task", Role.VOLUNTEER, False),
    ("Active volunteer", "Shows up week after week", "", False),
    ("Leader", "Leads a team and recruits others", Role.LEADER, True),
    ("Organizer", "Builds leaders and teams", Role.ORGANIZER, True),
]


@transaction.atomic
def stages_ensure(*, org: Team) -> list[LadderStage]:
    """The organization's stages, made from DEFAULT_STAGES the first time they are asked for."""
    stages = list(LadderStage.objects.select_for_update().filter(org=org))
    if stages:
        return stages
    return [LadderStage.objects.create(org=org, name=name, position=(i + 1) * 10, description=text, role=role,
                                       is_leadership=leads)
            for i, (name, text, role, leads) in enumerate(DEFAULT_STAGES)]


def _check_stage_name(org: Team, name: str, stage: LadderStage | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Give the stage a name."})
    clash = LadderStage.objects.filter(org=org, name__iexact=name).exclude(pk=getattr(stage, "pk", None))
    if clash.exists():
        raise ValidationError({"name": f"There is already a stage called {name}."})
    return name


@transaction.atomic
def stage_create(*, actor: Actor, org: Team, name: str, description: str = "", is_leadership: bool = False,
                 ) -> LadderStage:
    name = _check_stage_name(org, name)
    top = LadderStage.objects.filter(org=org).aggregate(top=Max("position"))["top"] or 0
    stage = LadderStage.objects.create(org=org, name=name, position=top + 10, description=description,
                                       is_leadership=is_leadership)
    audit_log(actor=actor, action="leadership.stage.created", target=stage, team_path=org.path)
    return stage


@transaction.atomic
def stage_update(*, actor: Actor, stage: LadderStage, name: str, description: str, is_leadership: bool,
                 position: int) -> LadderStage:
    stage.name = _check_stage_name(stage.org, name, stage)
    stage.description, stage.is_leadership, stage.position = description, is_leadership, position
    stage.save()
    audit_log(actor=actor, action="leadership.stage.updated", target=stage, team_path=stage.org.path)
    return stage


@transaction.atomic
def stage_delete(*, actor: Actor, stage: LadderStage) -> None:
    """Only a stage nobody stands on and nobody ever moved through can go (the history must stay readable)."""
    used = (LadderPlacement.objects.filter(stage=stage).exists()
            or LadderMove.objects.filter(Q(to_stage=stage) | Q(from_stage=stage)).exists())
    if used:
        raise ValidationError("People stand on or moved through this stage; rename it instead.")
    audit_log(actor=actor, action="leadership.stage.deleted", target=stage, team_path=stage.org.path)
    stage.delete()


@transaction.atomic
def person_place(*, actor: Actor, person: Person, team: Team, stage: LadderStage, note: str = "") -> LadderPlacement:
    """Put `person` at `stage` on `team`'s ladder: a first placement, a move up or a move down. Each move is
    kept with who made it; moving someone to where they already stand changes nothing."""
    org = org_of(team)
    if stage.org_id != org.pk or person.org_id != org.pk:
        raise ValidationError({"stage": "Choose a stage of this organization's ladder."})
    if len(note) > 300:
        raise ValidationError({"note": "Keep the note under 300 characters."})
    placement = LadderPlacement.objects.select_for_update().filter(person=person, team=team).first()
    if placement is not None and placement.stage_id == stage.pk:
        return placement
    now = timezone.now()
    from_stage = placement.stage if placement else None
    if placement is None:
        placement = LadderPlacement.objects.create(org=org, person=person, team=team, stage=stage, since=now)
    else:
        placement.stage, placement.since = stage, now
        placement.save(update_fields=["stage", "since"])
    LadderMove.objects.create(org=org, person=person, team=team, from_stage=from_stage, to_stage=stage,
                              moved_by=actor.user if actor.is_authenticated else None, moved_at=now, note=note)
    step = f"{from_stage.name} → {stage.name}" if from_stage else f"placed at {stage.name}"
    timeline_add(person=person, kind="leadership.ladder", summary=f"Ladder on {team.name}: {step}", actor=actor)
    audit_log(actor=actor, action="leadership.ladder.moved", target=person, team_path=team.path,
              data={"team": team.pk, "from": from_stage.name if from_stage else None, "to": stage.name})
    return placement
