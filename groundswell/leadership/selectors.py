"""Reads of the ladder, one-on-ones and commitments; every one starts from leadership.access."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from groundswell.events.selectors import attended_counts, people_who_attended, referred_counts, referrers
from groundswell.leadership.access import developable_people, get_team_record, leader_teams
from groundswell.leadership.models import Commitment, LadderMove, LadderPlacement, LadderStage, OneOnOne
from groundswell.leadership.services_ladder import stages_ensure
from groundswell.orgs.access import Actor, subtree_q
from groundswell.orgs.models import Membership, Team
from groundswell.orgs.roles import Cap
from groundswell.orgs.selectors import recruit_counts, recruiters
from groundswell.people.models import Person
from groundswell.people.services import org_of

# "Ready to be asked to lead": came to this many events and brought at least one person in (recruited a
# member or brought a signup through their share link).
READY_EVENTS = 3
PIPELINE_CARDS_PER_STAGE = 60


def org_stages(org: Team) -> list[LadderStage]:
    return stages_ensure(org=org)


def org_stage(org: Team, stage_id: int | None) -> LadderStage | None:
    return next((stage for stage in org_stages(org) if stage.pk == stage_id), None)


@dataclass
class Card:
    """One person on a team's pipeline."""

    person: Person
    team: Team
    since: dt.datetime
    last_one_on_one: dt.datetime | None
    attended: int
    recruited: int
    is_leadership: bool

    @property
    def ready(self) -> bool:
        return not self.is_leadership and self.attended >= READY_EVENTS and self.recruited >= 1


@dataclass
class Column:
    stage: LadderStage
    cards: list[Card]
    total: int


@dataclass
class Pipeline:
    team: Team
    columns: list[Column]
    unplaced: list[Membership]
    unplaced_total: int
    ready: list[Card]  # the first of everyone ready to lead in the subtree, not only among the cards shown
    ready_total: int


def _last_one_on_ones(person_ids: list[int]) -> dict[int, dt.datetime]:
    rows = (OneOnOne.objects.filter(person_id__in=person_ids, status=OneOnOne.Status.HELD)
            .values_list("person_id").annotate(last=Max("held_at")).order_by())
    return dict(rows)


def _cards(placements: list[LadderPlacement]) -> list[Card]:
    person_ids = [p.person_id for p in placements]
    user_ids = [p.person.user_id for p in placements if p.person.user_id]
    last, attended = _last_one_on_ones(person_ids), attended_counts(person_ids)
    recruits, referred = recruit_counts(user_ids), referred_counts(user_ids)
    return [Card(person=p.person, team=p.team, since=p.since, last_one_on_one=last.get(p.person_id),
                 attended=attended.get(p.person_id, 0),
                 recruited=recruits.get(p.person.user_id, 0) + referred.get(p.person.user_id, 0),
                 is_leadership=p.stage.is_leadership) for p in placements]


def pipeline(team: Team) -> Pipeline:
    """Everyone on the ladders of `team`'s subtree by stage (longest in stage first), with the signs that
    someone is ready to lead, and the subtree's members nobody has placed yet. `team` comes from access."""
    stages = org_stages(org_of(team))
    in_subtree = LadderPlacement.objects.filter(subtree_q([team.path], field_name="team__path"),
                                                person__deleted_at__isnull=True)
    totals = dict(in_subtree.values_list("stage").annotate(n=Count("id")).order_by())
    # One short query per stage, so a national pipeline of thousands reads only the cards it shows.
    columns = [Column(stage, _cards(list(in_subtree.filter(stage=stage).select_related("person", "team", "stage")
                                         .order_by("since", "id")[:PIPELINE_CARDS_PER_STAGE])),
                      totals.get(stage.pk, 0)) for stage in stages]
    placed_users = in_subtree.filter(person__user__isnull=False).values("person__user_id")
    unplaced = (Membership.objects.filter(subtree_q([team.path], field_name="team__path"))
                .exclude(user_id__in=placed_users).select_related("user", "team").order_by("user__full_name"))
    ready = ready_to_lead(in_subtree)
    return Pipeline(team, columns, list(unplaced[:PIPELINE_CARDS_PER_STAGE]), unplaced.count(),
                    _cards(list(ready[:PIPELINE_CARDS_PER_STAGE])), ready.count())


def ready_to_lead(placements: QuerySet[LadderPlacement]) -> QuerySet[LadderPlacement]:
    """The placements, outside leadership stages, of people who came to READY_EVENTS+ events and brought at
    least one person in — decided in the database over the whole subtree (the longest in stage first)."""
    brought = Q(person__user_id__in=recruiters()) | Q(person__user_id__in=referrers())
    return (placements.filter(brought, stage__is_leadership=False, person_id__in=people_who_attended(READY_EVENTS))
            .select_related("person", "team", "stage").order_by("since", "id"))


def stage_for_role(stages: list[LadderStage], role: str) -> LadderStage | None:
    """Where a member who was never placed starts: the stage marked for their role, else the first."""
    return next((s for s in stages if s.role == role), stages[0] if stages else None)


def team_one_on_ones(actor: Actor, team: Team) -> QuerySet[OneOnOne]:
    """One-on-ones on `team`'s subtree the actor may read (they develop leaders there)."""
    return (OneOnOne.objects.filter(subtree_q([team.path], field_name="team__path"), team__in=leader_teams(actor))
            .select_related("person", "organizer", "team"))


def record_initial(meeting: OneOnOne) -> dict:
    """What the record form starts from: what was written so far (lists as "a, b"), and its commitment."""
    initial = {name: getattr(meeting, name) for name in ("attention", "interest", "exploration", "time_available",
                                                          "exchange")}
    initial |= {name: ", ".join(getattr(meeting, name)) for name in ("values", "interests", "skills", "networks")}
    initial["held_at"] = meeting.held_at or meeting.scheduled_for or timezone.now()
    commitment = meeting.commitments.first()
    if commitment is not None:
        initial |= {"commitment": commitment.what, "commitment_due": commitment.due}
    return initial


def visible_one_on_ones(actor: Actor) -> QuerySet[OneOnOne]:
    return OneOnOne.objects.filter(team__in=leader_teams(actor)).select_related("person", "organizer", "team")


def get_one_on_one_for(actor: Actor, meeting_id: int) -> OneOnOne:
    return get_team_record(actor, OneOnOne.objects.select_related("person", "organizer"), meeting_id, "one-on-one")


def get_commitment_for(actor: Actor, commitment_id: int) -> Commitment:
    return get_team_record(actor, Commitment.objects.select_related("person"), commitment_id, "commitment")


def my_follow_ups(actor: Actor) -> QuerySet[Commitment]:
    """The actor's open follow-ups (commitments people made to them), soonest due first."""
    return (Commitment.objects.filter(owner_id=actor.user_id, status=Commitment.Status.OPEN,
                                      team__in=leader_teams(actor)).select_related("person", "team"))


def my_upcoming_one_on_ones(actor: Actor) -> QuerySet[OneOnOne]:
    return (OneOnOne.objects.filter(organizer_id=actor.user_id, status=OneOnOne.Status.SCHEDULED,
                                    scheduled_for__gte=timezone.now() - dt.timedelta(hours=12))
            .select_related("person", "team").order_by("scheduled_for"))


def overdue_commitments(team: Team, today: dt.date) -> QuerySet[Commitment]:
    return Commitment.objects.filter(subtree_q([team.path], field_name="team__path"), status=Commitment.Status.OPEN,
                                     due__lt=today).select_related("person", "owner", "team")


@dataclass
class PersonLeadership:
    person: Person
    placements: list[LadderPlacement]
    moves: list[LadderMove]
    one_on_ones: list[OneOnOne]
    commitments: list[Commitment]


def person_leadership(actor: Actor, person: Person) -> PersonLeadership:
    """A person's ladder, moves, one-on-ones and commitments on the teams where the actor develops leaders."""
    teams = leader_teams(actor)
    return PersonLeadership(
        person=person,
        placements=list(person.ladder_placements.filter(team__in=teams).select_related("team", "stage")),
        moves=list(person.ladder_moves.filter(team__in=teams).select_related("team", "from_stage", "to_stage",
                                                                              "moved_by")[:50]),
        one_on_ones=list(person.one_on_ones.filter(team__in=teams).select_related("organizer", "team")[:50]),
        commitments=list(person.commitments.filter(team__in=teams).select_related("team")[:50]),
    )


def developable_or_none(actor: Actor, person_id: int) -> Person | None:
    return developable_people(actor).filter(pk=person_id).first()


def my_leader_teams(actor: Actor) -> list[Team]:
    """The top-most teams where the actor develops leaders (each page covers the subtree below it)."""
    return list(Team.objects.filter(path__in=actor.paths_with(Cap.DEVELOP_LEADERS)).order_by("path"))


def org_one_on_ones_held(org: Team) -> QuerySet[OneOnOne]:
    """Every held one-on-one of the organization (for goal rollups)."""
    return OneOnOne.objects.filter(org=org, status=OneOnOne.Status.HELD)


def org_commitments_kept(org: Team) -> QuerySet[Commitment]:
    """Every kept commitment of the organization (for goal rollups)."""
    return Commitment.objects.filter(org=org, status=Commitment.Status.KEPT)


def overdue_commitment_lines(actor: Actor, team: Team, limit: int = 5) -> list[str]:
    """Overdue commitments in the team's subtree, for a dashboard's "needs attention": named for those who
    develop leaders there, counted for everyone else."""
    overdue = overdue_commitments(team, timezone.localdate())
    if not actor.can(Cap.DEVELOP_LEADERS, team):
        total = overdue.count()
        return [f"{total} overdue commitment{'s' if total != 1 else ''}"] if total else []
    return [f"{c.person or 'Someone'}: {c.what} (due {c.due:%d %b}, follow-up by "
            f"{c.owner.full_name if c.owner else 'nobody'})" for c in overdue.order_by("due")[:limit]]
