"""Logging a conversation with one of my people (idempotent by the phone's client_uuid), and the personal join
link a volunteer sends a contact: whoever joins through it is recorded as recruited by that volunteer."""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.common.errors import Conflict, NotFound, PermissionDenied
from groundswell.common.tokens import new_secret
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Invitation, Membership
from groundswell.people.models import Person
from groundswell.people.timeline import timeline_add
from groundswell.relational.models import Conversation, Program, Relationship

MAX_NOTES = 5_000
INVITE_DAYS = 60


@transaction.atomic
def conversation_log(
    *,
    actor: Actor,
    relationship: Relationship,
    client_uuid: uuid.UUID,
    channel: str = Conversation.Channel.IN_PERSON,
    outcome: str = Conversation.Outcome.TALKED,
    commitment: str = "",
    notes: str = "",
    program: Program | None = None,
    now: dt.datetime | None = None,
) -> tuple[Conversation, bool]:
    """Record that the volunteer reached out to one of their people. The same client_uuid posted twice is
    stored once; the answer is the first conversation."""
    if relationship.owner_id != actor.user_id:
        raise NotFound("contact")
    existing = Conversation.objects.filter(client_uuid=client_uuid).first()
    if existing is not None:
        if existing.owner_id != actor.user_id:
            raise ValidationError({"client_uuid": ["This id is already used."]})
        return existing, False
    conversation = Conversation(
        relationship=relationship, owner=actor.user, program=program, channel=channel, outcome=outcome,
        commitment=commitment or "", notes=(notes or "").strip(), client_uuid=client_uuid,
        created_at=now or timezone.now(),
    )
    errors = {}
    if len(conversation.notes) > MAX_NOTES:
        errors["notes"] = [f"At most {MAX_NOTES} characters."]
    if commitment and outcome != Conversation.Outcome.TALKED:
        errors["commitment"] = ["A commitment needs a conversation: choose 'We talked'."]
    try:
        conversation.full_clean(exclude=["relationship", "owner", "program", "client_uuid"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            conversation.save()
    except IntegrityError:  # a retried post raced the first one
        existing = Conversation.objects.filter(client_uuid=client_uuid).first()
        if existing is None or existing.owner_id != actor.user_id:
            raise ValidationError({"client_uuid": ["This id is already used."]}) from None
        return existing, False
    if relationship.person_id and conversation.reached:
        Person.objects.filter(pk=relationship.person_id).update(
            last_contacted_at=conversation.created_at, last_result="relational"
        )
        timeline_add(person=relationship.person, kind="relational.conversation", actor=actor,
                     summary=f"Talked with a volunteer who knows them ({conversation.get_channel_display().lower()})"
                     + (f"; {conversation.get_commitment_display().lower()}" if commitment else ""))
    return conversation, True


def invitation_of(relationship: Relationship) -> Invitation | None:
    invitation = relationship.invitation
    if invitation is None or invitation.revoked_at is not None:
        return None
    if invitation.expires_at is not None and invitation.expires_at <= timezone.now():
        return None
    return invitation


def joined_membership(relationship: Relationship) -> Membership | None:
    """The membership made through the contact's personal link, if they joined."""
    if relationship.invitation_id is None:
        return None
    return Membership.objects.filter(invitation_id=relationship.invitation_id).select_related("user").first()


@transaction.atomic
def relationship_invite(*, actor: Actor, relationship: Relationship, now: dt.datetime | None = None) -> Invitation:
    """A personal, single-use join link to the volunteer's team. Any volunteer may invite their own people
    unless the team switched invitations off (Team.can_invite); whoever joins is recruited by the volunteer."""
    if relationship.owner_id != actor.user_id:
        raise NotFound("contact")
    if joined_membership(relationship) is not None:
        raise Conflict(f"{relationship.first_name or relationship.name} has already joined")
    current = invitation_of(relationship)
    if current is not None and current.use_count == 0:
        return current
    team = relationship.team
    if not team.can_invite:
        raise PermissionDenied(f"{team.name} does not take new members by invitation right now")
    now = now or timezone.now()
    invitation = Invitation.objects.create(
        team=team, role=Membership.Role.VOLUNTEER, created_by=actor.user, token=new_secret(18), max_uses=1,
        expires_at=now + dt.timedelta(days=INVITE_DAYS),
        note=f"Personal invitation for {relationship.first_name}"[:200],
    )
    relationship.invitation = invitation
    relationship.save(update_fields=["invitation"])
    audit_log(actor=actor, action="relational.invited", target=invitation, team_path=team.path,
              data={"relationship": relationship.pk})
    return invitation
