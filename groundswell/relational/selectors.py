"""Reads for relational organizing, always from "who is asking". A volunteer sees their own contacts only;
organizers see counts, matched people and what volunteers chose to share (never an unshared phone or email)."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.access import Actor, reachable_teams, visible_teams
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.people.models import Vote
from groundswell.relational.models import (
    Captain,
    CaptainCheckIn,
    CaptainPerson,
    Conversation,
    MatchCandidate,
    Program,
    Relationship,
    RelationshipPoint,
)


def my_relationships(actor: Actor, *, q: str = "", status: str = "") -> QuerySet[Relationship]:
    qs = Relationship.objects.filter(owner_id=actor.user_id).prefetch_related("points")
    if q:
        for word in q.split()[:4]:
            qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(city__icontains=word))
    if status in Relationship.Match.values:
        qs = qs.filter(match_status=status)
    talked = Conversation.objects.filter(relationship=OuterRef("pk"), outcome=Conversation.Outcome.TALKED)
    return qs.annotate(talked=Exists(talked))


def get_relationship_for(actor: Actor, relationship_id: int) -> Relationship:
    relationship = (Relationship.objects.filter(pk=relationship_id, owner_id=actor.user_id)
                    .select_related("person", "team", "invitation").first())
    if relationship is None:
        raise NotFound("contact")
    return relationship


def get_point_for(actor: Actor, point_id: int) -> RelationshipPoint:
    point = RelationshipPoint.objects.filter(pk=point_id, relationship__owner_id=actor.user_id).first()
    if point is None:
        raise NotFound("phone or email")
    return point


def open_candidates(relationship: Relationship) -> list[MatchCandidate]:
    return list(relationship.candidates.filter(rejected=False).select_related("person"))


def my_counts(actor: Actor) -> dict[str, int]:
    rows = Relationship.objects.filter(owner_id=actor.user_id).values("match_status").annotate(n=Count("id"))
    counts = {row["match_status"]: row["n"] for row in rows}
    counts["all"] = sum(counts.values())
    counts["talked"] = (Conversation.objects.filter(owner_id=actor.user_id, outcome=Conversation.Outcome.TALKED)
                        .values("relationship").distinct().count())
    return counts


# Organizers --------------------------------------------------------------------------------------------------


@dataclass
class VolunteerLine:
    user_id: int
    name: str
    contacts: int
    matched: int
    talked: int
    invited: int


def team_relationships(actor: Actor, team: Team) -> QuerySet[Relationship]:
    """Contacts added from `team`'s subtree, if the actor may see the team's reports (else NotFound)."""
    if not visible_teams(actor, Cap.VIEW_REPORTS).filter(pk=team.pk).exists():
        raise NotFound("team")
    return Relationship.objects.filter(team__path__startswith=team.path)


def team_summary(actor: Actor, team: Team) -> dict:
    qs = team_relationships(actor, team)
    counts = {row["match_status"]: row["n"] for row in qs.values("match_status").annotate(n=Count("id"))}
    talked = Conversation.objects.filter(relationship__in=qs, outcome=Conversation.Outcome.TALKED)
    return {
        "contacts": sum(counts.values()),
        "matched": counts.get(Relationship.Match.CONFIRMED, 0),
        "waiting": counts.get(Relationship.Match.CANDIDATES, 0),
        "not_in_file": counts.get(Relationship.Match.NONE, 0) + counts.get(Relationship.Match.UNMATCHED, 0),
        "talked": talked.values("relationship").distinct().count(),
        "volunteers": qs.values("owner").distinct().count(),
        "invited": qs.filter(invitation__isnull=False).count(),
    }


def volunteer_lines(actor: Actor, team: Team) -> list[VolunteerLine]:
    """Per volunteer: how many people they listed, matched, talked to, invited. Names need VIEW_MEMBERS."""
    if not visible_teams(actor, Cap.VIEW_MEMBERS).filter(pk=team.pk).exists():
        return []
    qs = team_relationships(actor, team)
    talked = Conversation.objects.filter(relationship=OuterRef("pk"), outcome=Conversation.Outcome.TALKED)
    rows = (qs.annotate(talked=Exists(talked)).values("owner_id", "owner__full_name", "owner__email")
            .annotate(contacts=Count("id"), matched=Count("id", filter=Q(match_status=Relationship.Match.CONFIRMED)),
                      talked_n=Count("id", filter=Q(talked=True)),
                      invited=Count("id", filter=Q(invitation__isnull=False)))
            .order_by("-contacts"))
    return [VolunteerLine(user_id=r["owner_id"],
                          name=r["owner__full_name"] or r["owner__email"],
                          contacts=r["contacts"], matched=r["matched"], talked=r["talked_n"], invited=r["invited"])
            for r in rows[:200]]


def shared_contacts(actor: Actor, team: Team) -> QuerySet[Relationship]:
    """What an organizer may see of individual contacts: matched ones (the person is already in the CRM) and
    ones with a phone or email the volunteer shared. Only the shared points come along."""
    if not visible_teams(actor, Cap.VIEW_MEMBERS).filter(pk=team.pk).exists():
        return Relationship.objects.none()
    shared = RelationshipPoint.objects.filter(relationship=OuterRef("pk"), shared=True)
    return (team_relationships(actor, team)
            .filter(Q(match_status=Relationship.Match.CONFIRMED) | Q(Exists(shared)))
            .select_related("owner", "person")
            .prefetch_related(_shared_points()))


def _shared_points():
    from django.db.models import Prefetch

    return Prefetch("points", queryset=RelationshipPoint.objects.filter(shared=True), to_attr="shared_points")


# Programs ----------------------------------------------------------------------------------------------------


def programs_for(actor: Actor) -> QuerySet[Program]:
    """Programs the actor can take part in (their branch, above or below) or report on."""
    teams = reachable_teams(actor, Cap.MAKE_CONTACTS) | visible_teams(actor, Cap.VIEW_REPORTS)
    return Program.objects.filter(team__in=teams).select_related("team").annotate(n_captains=Count("captains"))


def get_program_for(actor: Actor, program_id: int) -> Program:
    program = programs_for(actor).filter(pk=program_id).first()
    if program is None:
        raise NotFound("program")
    return program


def captain_of(actor: Actor, program: Program) -> Captain | None:
    return Captain.objects.filter(program=program, user_id=actor.user_id).first()


def get_captain_for(actor: Actor, captain_id: int) -> Captain:
    """A captain the actor may see: themselves, or any captain of a program they run or report on."""
    captain = Captain.objects.filter(pk=captain_id).select_related("program__team", "user", "team").first()
    if captain is None:
        raise NotFound("captain")
    if captain.user_id == actor.user_id:
        return captain
    if not visible_teams(actor).filter(pk=captain.program.team_id).exists():
        raise NotFound("captain")
    if not actor.can(Cap.VIEW_REPORTS, captain.program.team):
        raise PermissionDenied("you may not see this program's captains")
    return captain


def get_check_in_for(captain: Captain, check_in_id: int) -> CaptainCheckIn:
    check_in = captain.check_ins.filter(pk=check_in_id).first()
    if check_in is None:
        raise NotFound("check-in")
    return check_in


def get_entry_for(actor: Actor, entry_id: int) -> CaptainPerson:
    entry = (CaptainPerson.objects.filter(pk=entry_id, captain__user_id=actor.user_id)
             .select_related("captain__program", "relationship").first())
    if entry is None:
        raise NotFound("person")
    return entry


def captain_people(captain: Captain) -> QuerySet[CaptainPerson]:
    """The captain's own view of their list: never the held-out (control) half of an evaluated program."""
    talked = Conversation.objects.filter(relationship=OuterRef("relationship"), outcome=Conversation.Outcome.TALKED,
                                         created_at__gte=captain.enrolled_at)
    voted = Vote.objects.filter(person=OuterRef("person"), election=captain.program.election)
    return (captain.people.exclude(arm=CaptainPerson.Arm.CONTROL).select_related("relationship")
            .annotate(talked=Exists(talked), voted=Exists(voted)))


def held_out_count(captain: Captain) -> int:
    return captain.people.filter(arm=CaptainPerson.Arm.CONTROL).count()


# The API ------------------------------------------------------------------------------------------------------


def my_relationships_with_candidates(actor: Actor, *, q: str = "", status: str = "") -> QuerySet[Relationship]:
    """`my_relationships` with each contact's open candidates (and their person) loaded in one query, in
    `open_candidate_list`: the API lists many contacts with their cards at once."""
    open_ones = MatchCandidate.objects.filter(rejected=False).select_related("person")
    return my_relationships(actor, q=q, status=status).prefetch_related(
        Prefetch("candidates", queryset=open_ones, to_attr="open_candidate_list"))


def get_my_relationship_with_candidates(actor: Actor, relationship_id: int) -> Relationship:
    relationship = my_relationships_with_candidates(actor).filter(pk=relationship_id).first()
    if relationship is None:
        raise NotFound("contact")
    return relationship


def programs_with_captaincy(actor: Actor) -> QuerySet[Program]:
    """`programs_for`, newest first, each with `is_captain`: whether the actor is enrolled in it."""
    mine = Captain.objects.filter(program=OuterRef("pk"), user_id=actor.user_id)
    return programs_for(actor).annotate(is_captain=Exists(mine)).order_by("-created_at", "-id")


def get_program_with(actor: Actor, program_id: int, cap: Cap) -> Program:
    """A program of a team in the actor's subtree (else NotFound) on which they may do `cap` (else
    PermissionDenied), like outreach's `get_campaign_for`. A program of a team *above* the actor's is one they
    may take part in as a captain (`programs_for`), not one they run or report on: that is NotFound, as is
    everything outside their subtree."""
    program = Program.objects.filter(pk=program_id, team__in=visible_teams(actor)).select_related("team").first()
    if program is None:
        raise NotFound("program")
    if not actor.can(cap, program.team):
        raise PermissionDenied(f"you may not {cap.value.replace('_', ' ')} for this program")
    return program


def captain_teams(program: Program) -> dict[int, Team]:
    """Each captain's team by captain id (whose members' names a reader may or may not see)."""
    return {captain.pk: captain.team for captain in program.captains.select_related("team")}


def org_relationships(org: Team, *, matched: bool = False) -> QuerySet[Relationship]:
    """Every contact a volunteer added in the organization (for goal rollups), or only those matched."""
    relationships = Relationship.objects.filter(org=org)
    return relationships.filter(matched_at__isnull=False) if matched else relationships


def org_conversations(org: Team) -> QuerySet[Conversation]:
    """Every relational conversation in the organization where the volunteer and their contact talked."""
    return Conversation.objects.filter(relationship__org=org, outcome=Conversation.Outcome.TALKED)
