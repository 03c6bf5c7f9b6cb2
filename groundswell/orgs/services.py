"""Writes to the team tree, memberships and invitations. Callers pass objects fetched through access.py."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from groundswell.accounts.models import User
from groundswell.audit.services import audit_log
from groundswell.common.errors import PermissionDenied
from groundswell.common.tokens import new_secret
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Invitation, Membership, Team
from groundswell.orgs.roles import Cap

TEAM_EDITABLE_FIELDS = (
    "name",
    "kind",
    "time_zone",
    "mission",
    "code_of_conduct",
    "can_create_events",
    "can_edit_scripts",
    "can_import_people",
    "can_invite",
    "require_2fa_for_admins",
)


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "team"
    slug, n = base, 2
    while Team.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def team_create(*, actor: Actor | None, parent: Team | None, name: str, **fields) -> Team:
    """Create a team under `parent`, or a new organization (root) when parent is None."""
    fields.setdefault("slug", unique_slug(name))
    if parent is not None:
        fields.setdefault("time_zone", parent.time_zone)
    team = Team(name=name, **fields)
    team.full_clean(exclude=["path", "depth", "numchild"])
    if parent is not None:
        team = Team.objects.add_child(parent, instance=team)
    else:
        team = Team.objects.add_root(instance=team)
    audit_log(actor=actor, action="orgs.team.created", target=team, team_path=team.path)
    return team


@transaction.atomic
def team_update(*, actor: Actor, team: Team, **changes) -> Team:
    unknown = set(changes) - set(TEAM_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in unknown})
    if "require_2fa_for_admins" in changes and not team.is_root():
        raise ValidationError({"require_2fa_for_admins": "Only an organization (a top-level team) sets this."})
    for name, value in changes.items():
        setattr(team, name, value)
    team.full_clean(exclude=["path", "depth", "numchild"])
    team.save()
    audit_log(actor=actor, action="orgs.team.updated", target=team, team_path=team.path, data=changes)
    return team


@transaction.atomic
def team_move(*, actor: Actor, team: Team, new_parent: Team) -> Team:
    """Move a team and its whole subtree under `new_parent`.

    Access is derived from paths at request time, so everyone's access follows the move: roles held on the
    moved teams come along, roles held on the old ancestors stop covering it.
    """
    if not (actor.can(Cap.MOVE_TEAM, team) and actor.can(Cap.MOVE_TEAM, new_parent)):
        raise PermissionDenied("moving a team needs the admin role over both the team and its new parent")
    if new_parent.path.startswith(team.path):
        raise ValidationError({"parent": "A team cannot be moved under itself or one of its own sub-teams."})
    old_path = team.path
    Team.objects.move(team, new_parent, pos="sorted-child")
    team.refresh_from_db()
    audit_log(
        actor=actor, action="orgs.team.moved", target=team, team_path=team.path,
        data={"from": old_path, "to_parent": new_parent.pk},
    )
    return team


@transaction.atomic
def membership_grant(
    *,
    actor: Actor | None,
    user: User,
    team: Team,
    role: str,
    recruited_by: User | None = None,
    invitation: Invitation | None = None,
) -> Membership:
    """Give `user` `role` on `team` (or change the role they already hold there)."""
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"{role!r} is not a role."})
    if actor is not None and not actor.may_grant(role, team):
        raise PermissionDenied(f"you may not make people {role} on this team")
    membership, created = Membership.objects.get_or_create(
        user=user, team=team,
        defaults={"role": role, "recruited_by": recruited_by, "invitation": invitation},
    )
    if not created and membership.role != role:
        # Changing a role takes the old one away, so the actor must be allowed to hand out that one too.
        if actor is not None and not actor.may_grant(membership.role, team):
            raise PermissionDenied(f"you may not change the role of a {membership.role} on this team")
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit_log(
            actor=actor, action="orgs.role.changed", target=membership, team_path=team.path,
            data={"user": user.pk, "from": old, "to": role},
        )
    elif created:
        audit_log(
            actor=actor, action="orgs.role.granted", target=membership, team_path=team.path,
            data={"user": user.pk, "role": role, "recruited_by": recruited_by.pk if recruited_by else None},
        )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Actor, membership: Membership) -> None:
    if not actor.may_grant(membership.role, membership.team):
        raise PermissionDenied("you may not remove this role")
    audit_log(
        actor=actor, action="orgs.role.revoked", target=membership, team_path=membership.team.path,
        data={"user": membership.user_id, "role": membership.role},
    )
    membership.delete()


@transaction.atomic
def invitation_create(
    *,
    actor: Actor,
    team: Team,
    role: str = Membership.Role.VOLUNTEER,
    email: str = "",
    expires_at: datetime | None = None,
    max_uses: int | None = None,
    note: str = "",
) -> Invitation:
    """Make a join link for `team`. The actor must be allowed to invite there and to grant `role`."""
    if not actor.can(Cap.INVITE, team):
        raise PermissionDenied("you may not invite people to this team")
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"{role!r} is not a role."})
    if not actor.may_grant(role, team):
        raise ValidationError({"role": f"You may not invite people as {role}."})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The expiry must be in the future."})
    if max_uses is not None and max_uses < 1:
        raise ValidationError({"max_uses": "Allow at least one use, or leave empty for no limit."})
    invitation = Invitation(
        team=team, role=role, email=email.lower(), expires_at=expires_at, max_uses=max_uses,
        note=note, created_by=actor.user, token=new_secret(18),
    )
    invitation.full_clean()
    invitation.save()
    audit_log(
        actor=actor, action="orgs.invitation.created", target=invitation, team_path=team.path,
        data={"role": role, "expires_at": expires_at.isoformat() if expires_at else None},
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: Actor, invitation: Invitation) -> Invitation:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_log(actor=actor, action="orgs.invitation.revoked", target=invitation, team_path=invitation.team.path)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Join the invitation's team. Re-using your own link is harmless: you keep the membership you have."""
    invitation = Invitation.objects.select_for_update().select_related("team").get(pk=invitation.pk)
    existing = Membership.objects.filter(user=user, team=invitation.team).first()
    if existing is not None:
        return existing
    reason = invitation.unusable_reason()
    if reason:
        raise ValidationError(reason)
    if invitation.email and invitation.email != user.email.lower():
        raise ValidationError("This invitation was made for a different email address.")
    try:
        membership = membership_grant(
            actor=None, user=user, team=invitation.team, role=invitation.role,
            recruited_by=invitation.created_by, invitation=invitation,
        )
    except IntegrityError:  # a double submit raced us; the membership exists, which is what was asked
        return Membership.objects.get(user=user, team=invitation.team)
    Invitation.objects.filter(pk=invitation.pk).update(use_count=invitation.use_count + 1)
    audit_log(actor=user, action="orgs.invitation.accepted", target=invitation, team_path=invitation.team.path)
    return membership


def onboarding_accept_conduct(*, membership: Membership) -> Membership:
    membership.conduct_accepted_at = membership.conduct_accepted_at or timezone.now()
    membership.save(update_fields=["conduct_accepted_at"])
    return membership


def onboarding_set_preferences(*, membership: Membership, availability: list[str], interests: list[str]) -> Membership:
    membership.availability = availability
    membership.interests = interests
    membership.onboarded_at = membership.onboarded_at or timezone.now()
    membership.save(update_fields=["availability", "interests", "onboarded_at"])
    return membership


@transaction.atomic
def membership_role_change(*, actor: Actor, membership: Membership, role: str) -> Membership:
    """Change someone's role on a team: the actor must be allowed to hand out both the old and the new role."""
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"{role!r} is not a role."})
    if not actor.may_grant(membership.role, membership.team):
        raise PermissionDenied("you may not change the role of this person")
    if not actor.may_grant(role, membership.team):
        raise ValidationError({"role": f"You may not make people {Membership.Role(role).label.lower()}."})
    return membership_grant(actor=actor, user=membership.user, team=membership.team, role=role)
