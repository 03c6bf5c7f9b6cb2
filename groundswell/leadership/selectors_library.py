"""Reads of the library: a team's materials and those of every team above it, required trainings per role
and who completed them, and what was shared with a volunteer."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.leadership.models import Material, MaterialShare, TrainingCompletion
from groundswell.orgs.access import Actor, subtree_q, visible_teams
from groundswell.orgs.models import Membership, Team
from groundswell.orgs.roles import Cap


def _ancestor_paths(path: str) -> list[str]:
    return [path[:end] for end in range(Team.steplen, len(path) + 1, Team.steplen)]


def team_library(team: Team) -> QuerySet[Material]:
    """Live materials of `team` and every team above it (a chapter sees national's and the region's)."""
    return (Material.objects.filter(team__path__in=_ancestor_paths(team.path), archived_at__isnull=True)
            .select_related("team").order_by("team__path", "title"))


def visible_materials(actor: Actor) -> QuerySet[Material]:
    """Materials the actor may open: those of any team they see, and of every team above one they belong to."""
    above = {p for grant in actor.grants for p in _ancestor_paths(grant.path)}
    return Material.objects.filter(Q(team__in=visible_teams(actor)) | Q(team__path__in=above)).select_related("team")


def get_material_for(actor: Actor, material_id: int) -> Material:
    material = visible_materials(actor).filter(pk=material_id).first()
    if material is None:
        raise NotFound("material")
    return material


def get_editable_material(actor: Actor, material_id: int) -> Material:
    """A material of one of the actor's own teams (never one inherited from above) that they may edit."""
    material = Material.objects.filter(pk=material_id, team__in=visible_teams(actor)).select_related("team").first()
    if material is None:
        raise NotFound("material")
    if not actor.can(Cap.MANAGE_TEAM, material.team):
        raise PermissionDenied("only the team's organizers edit its materials")
    return material


@dataclass
class Training:
    material: Material
    done: bool


def my_required_trainings(actor: Actor) -> list[Training]:
    """Trainings the actor's roles require, from their teams and the teams above them, done or not."""
    wanted: dict[int, Material] = {}
    for grant in actor.grants:
        for material in Material.objects.filter(team__path__in=_ancestor_paths(grant.path), archived_at__isnull=True,
                                                ).exclude(required_for=[]):
            if grant.role in material.required_for:
                wanted[material.pk] = material
    done = set(TrainingCompletion.objects.filter(user_id=actor.user_id, material_id__in=wanted)
               .values_list("material_id", flat=True))
    return [Training(m, m.pk in done) for m in sorted(wanted.values(), key=lambda m: m.title)]


@dataclass
class TrainingProgress:
    material: Material
    required: int
    done: int
    missing: list[Membership]


def training_progress(team: Team) -> list[TrainingProgress]:
    """For each training required on `team` (its own or from above): how many members of the subtree with a
    required role completed it, and who has not yet."""
    progress = []
    for material in team_library(team).exclude(required_for=[]):
        members = (Membership.objects.filter(subtree_q([team.path], field_name="team__path"),
                                             role__in=material.required_for).select_related("user", "team"))
        done = set(material.completions.values_list("user_id", flat=True))
        users = {m.user_id: m for m in members}
        missing = [m for uid, m in users.items() if uid not in done]
        progress.append(TrainingProgress(material, len(users), len(users) - len(missing),
                                         sorted(missing, key=lambda m: m.user.full_name)))
    return progress


def shared_with_me(actor: Actor) -> QuerySet[MaterialShare]:
    my_teams = [g.team_id for g in actor.grants]
    return (MaterialShare.objects.filter(Q(to_user_id=actor.user_id) | Q(to_team_id__in=my_teams),
                                         material__archived_at__isnull=True)
            .select_related("material", "shared_by", "to_team"))


def completed_ids(actor: Actor, materials: list[Material]) -> set[int]:
    return set(TrainingCompletion.objects.filter(user_id=actor.user_id, material__in=materials)
               .values_list("material_id", flat=True))


@dataclass
class ShareTargets:
    teams: list[Team]
    members: list[Membership]

    def choices(self) -> list[tuple[str, str]]:
        return ([(f"team:{t.pk}", f"Everyone on {t.name}") for t in self.teams]
                + [(f"user:{m.user_id}", f"{m.user.full_name or m.user.email} ({m.team.name})") for m in self.members])

    def resolve(self, key: str) -> dict:
        """{"to_team": team} or {"to_user": user} for a chosen key; NotFound for anything not offered."""
        kind, _, pk = key.partition(":")
        if kind == "team":
            team = next((t for t in self.teams if str(t.pk) == pk), None)
            if team is not None:
                return {"to_team": team}
        if kind == "user":
            member = next((m for m in self.members if str(m.user_id) == pk), None)
            if member is not None:
                return {"to_user": member.user}
        raise NotFound("recipient")


def share_targets(actor: Actor, material: Material, *, limit: int = 300) -> ShareTargets:
    """Whom the actor may share a material with: the teams where they develop leaders that can see it (inside
    the material team's subtree, or above it) and those teams' members."""
    path = material.team.path
    teams = [t for t in visible_teams(actor, Cap.DEVELOP_LEADERS).order_by("path")[:limit]
             if t.path.startswith(path) or path.startswith(t.path)]
    tops = [t for t in teams if not any(t.path.startswith(o.path) and t.path != o.path for o in teams)]
    members = (Membership.objects.filter(subtree_q([t.path for t in tops], field_name="team__path"))
               .exclude(user_id=actor.user_id).select_related("user", "team").order_by("user__full_name")[:limit])
    unique = list({m.user_id: m for m in reversed(list(members))}.values())
    return ShareTargets(teams, sorted(unique, key=lambda m: m.user.full_name))


def get_shareable_material(actor: Actor, material_id: int) -> tuple[Material, ShareTargets]:
    """A material the actor may share, with whom. Someone who leads nobody it could reach may not share it
    (PermissionDenied on their own teams; a material inherited from above is then simply not found)."""
    material = get_material_for(actor, material_id)
    targets = share_targets(actor, material)
    if not targets.teams:
        if visible_teams(actor).filter(pk=material.team_id).exists():
            raise PermissionDenied("you lead nobody to share this with")
        raise NotFound("material")
    return material, targets
