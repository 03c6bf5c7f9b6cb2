"""Writes on a volunteer's own contacts: add one (idempotent by the phone's client_uuid), add many from a pasted
list or an address book, edit, share or un-share a phone or email, delete. Every write is the owner's own."""

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from groundswell.orgs.roles import ROLE_CAPS, Cap
from groundswell.people.contact_points import InvalidContactPoint, normalize_email, parse_phone
from groundswell.people.services import org_of
from groundswell.relational.addressbook import ContactDraft
from groundswell.relational.models import Relationship, RelationshipPoint

EDITABLE = ("first_name", "last_name", "city", "state", "zip", "address", "birthday", "kind", "closeness", "notes")
_BIRTHDAY = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$")
# A partial number (the last 7 digits someone remembers) is kept as digits: the matcher still uses it.
_MIN_PARTIAL_DIGITS = 7


def home_team(actor: Actor) -> Team:
    """The team a volunteer adds contacts from: their newest membership with a role that makes contacts."""
    memberships = Membership.objects.filter(user_id=actor.user_id).select_related("team").order_by("-created_at")
    for membership in memberships:
        if Cap.MAKE_CONTACTS in ROLE_CAPS[membership.role]:
            return membership.team
    raise PermissionDenied("join a team as a volunteer to keep a list of your people")


def clean_phone(raw: str) -> str:
    """E.164 when the number is whole; the bare digits when it is a partial one (7+ digits)."""
    text = raw.strip()
    try:
        return parse_phone(text).number
    except InvalidContactPoint:
        digits = re.sub(r"\D", "", text)
        if len(digits) >= _MIN_PARTIAL_DIGITS and not re.search(r"[A-Za-z]", text) \
                and len(set(digits[-7:])) > 1:  # 000-0000 is a placeholder, not a number
            return digits
        raise InvalidContactPoint(f"not a phone number: {text!r}") from None


def clean_points(phones: Iterable[tuple[str, bool]], emails: Iterable[tuple[str, bool]]) -> list[tuple[str, str, bool]]:
    """(kind, value, shared) for each non-empty phone and email; ValidationError naming every bad one."""
    points: list[tuple[str, str, bool]] = []
    errors: dict[str, list[str]] = {}
    for kind, values, clean in (("phone", phones, clean_phone), ("email", emails, normalize_email)):
        for raw, shared in values:
            if not raw or not raw.strip():
                continue
            try:
                value = clean(raw)
            except InvalidContactPoint as exc:
                errors.setdefault(f"{kind}s", []).append(str(exc))
                continue
            if all(value != v for k, v, _ in points if k == kind):
                points.append((kind, value, bool(shared)))
    if errors:
        raise ValidationError(errors)
    return points


def _check(relationship: Relationship) -> None:
    errors: dict[str, list[str]] = {}
    if not (relationship.first_name or relationship.last_name):
        errors["first_name"] = ["Give at least a first or a last name."]
    if relationship.birthday and not _BIRTHDAY.match(relationship.birthday):
        errors["birthday"] = ["Write the birthday as YYYY-MM-DD (or YYYY, YYYY-MM, --MM-DD)."]
    try:
        relationship.full_clean(exclude=["org", "team", "owner", "person", "invitation", "client_uuid"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _strip(values: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items() if k in EDITABLE}


@transaction.atomic
def relationship_create(
    *,
    actor: Actor,
    phones: Iterable[tuple[str, bool]] = (),
    emails: Iterable[tuple[str, bool]] = (),
    source: str = Relationship.Source.MANUAL,
    client_uuid: uuid.UUID | None = None,
    find_match: bool = True,
    **fields,
) -> tuple[Relationship, bool]:
    """Add one of the actor's people. Returns (relationship, created): the same client_uuid posted again
    answers the first one, so a phone may retry a save safely."""
    if client_uuid is not None:
        existing = Relationship.objects.filter(client_uuid=client_uuid).first()
        if existing is not None:
            if existing.owner_id != actor.user_id:
                raise ValidationError({"client_uuid": ["This id is already used."]})
            return existing, False
    team = home_team(actor)
    relationship = Relationship(
        org=org_of(team), team=team, owner=actor.user, source=source, client_uuid=client_uuid, **_strip(fields)
    )
    points = _collect_errors(lambda: _check(relationship), lambda: clean_points(phones, emails))
    try:
        with transaction.atomic():
            relationship.save()
    except IntegrityError:  # the same client_uuid raced in from a second request
        existing = Relationship.objects.filter(client_uuid=client_uuid).first()
        if existing is None or existing.owner_id != actor.user_id:
            raise ValidationError({"client_uuid": ["This id is already used."]}) from None
        return existing, False
    RelationshipPoint.objects.bulk_create(
        RelationshipPoint(relationship=relationship, kind=k, value=v, shared=s) for k, v, s in points
    )
    if find_match:
        from groundswell.relational.services_match import relationship_find_matches

        relationship_find_matches(relationship)
    return relationship, True


def _collect_errors(check, parse):
    """Run both so the form shows every field's message at once."""
    errors: dict[str, list[str]] = {}
    result = None
    for step in (check, parse):
        try:
            value = step()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)
        else:
            result = value if step is parse else result
    if errors:
        raise ValidationError(errors)
    return result


@transaction.atomic
def relationship_update(*, actor: Actor, relationship: Relationship, **fields) -> Relationship:
    _own(actor, relationship)
    before = {name: getattr(relationship, name) for name in ("first_name", "last_name", "city", "zip", "birthday")}
    for name, value in _strip(fields).items():
        setattr(relationship, name, value)
    _check(relationship)
    relationship.updated_at = timezone.now()
    relationship.save()
    changed = any(getattr(relationship, name) != value for name, value in before.items())
    if changed and relationship.match_status != Relationship.Match.CONFIRMED:
        from groundswell.relational.services_match import relationship_find_matches

        relationship_find_matches(relationship)
    return relationship


@transaction.atomic
def point_add(*, actor: Actor, relationship: Relationship, kind: str, raw: str, shared: bool) -> RelationshipPoint:
    _own(actor, relationship)
    phones, emails = ([(raw, shared)], []) if kind == "phone" else ([], [(raw, shared)])
    if kind not in ("phone", "email") or not raw.strip():
        raise ValidationError({"value": ["Give a phone number or an email address."]})
    ((kind, value, shared),) = clean_points(phones, emails)
    point, _ = RelationshipPoint.objects.update_or_create(
        relationship=relationship, kind=kind, value=value, defaults={"shared": shared}
    )
    return point


def point_share(*, actor: Actor, point: RelationshipPoint, shared: bool) -> RelationshipPoint:
    _own(actor, point.relationship)
    point.shared = shared
    point.save(update_fields=["shared"])
    return point


def point_remove(*, actor: Actor, point: RelationshipPoint) -> None:
    _own(actor, point.relationship)
    point.delete()


@transaction.atomic
def relationship_delete(*, actor: Actor, relationship: Relationship) -> None:
    """The volunteer's own record goes; the voter-file person it was linked to is untouched."""
    _own(actor, relationship)
    relationship.delete()


def _own(actor: Actor, relationship: Relationship) -> None:
    if relationship.owner_id != actor.user_id:
        raise NotFound("contact")


@dataclass
class BulkResult:
    created: list[Relationship] = field(default_factory=list)
    # (line or position, name as given, reason): shown to the volunteer; nothing is dropped silently.
    problems: list[tuple[int, str, str]] = field(default_factory=list)


def relationships_add_drafts(
    *, actor: Actor, drafts: Iterable[tuple[int, ContactDraft]], source: str, shared: bool = False
) -> BulkResult:
    """Add many contacts (a pasted list, an address book). A contact with an unreadable phone or email is still
    added; the unreadable value is kept in its notes and reported. Matching runs afterwards (a task)."""
    result = BulkResult()
    for line, draft in drafts:
        name = f"{draft.first_name} {draft.last_name}".strip()
        phones = [(p, shared) for p in draft.phones]
        emails = [(e, shared) for e in draft.emails]
        notes = draft.note
        try:
            clean_points(phones, emails)
        except ValidationError as exc:
            bad = "; ".join(m for messages in exc.message_dict.values() for m in messages)
            result.problems.append((line, name, f"kept without: {bad}"))
            phones, emails = _usable(phones), _usable(emails, email=True)
            notes = f"{notes}\nCould not read: {bad}".strip()
        if draft.birthday and not _BIRTHDAY.match(draft.birthday):
            notes = f"{notes}\nBirthday: {draft.birthday}".strip()
        try:
            relationship, _ = relationship_create(
                actor=actor, phones=phones, emails=emails, source=source, find_match=False,
                first_name=draft.first_name, last_name=draft.last_name, city=draft.city, state=draft.state,
                zip=draft.zip, address=draft.address, notes=notes,
                birthday=draft.birthday if _BIRTHDAY.match(draft.birthday or "") else "",
            )
        except ValidationError as exc:
            reason = "; ".join(m for messages in exc.message_dict.values() for m in messages)
            result.problems.append((line, name, reason))
            continue
        result.created.append(relationship)
    return result


def _usable(values: list[tuple[str, bool]], *, email: bool = False) -> list[tuple[str, bool]]:
    kept = []
    for raw, shared in values:
        try:
            normalize_email(raw) if email else clean_phone(raw)
        except InvalidContactPoint:
            continue
        kept.append((raw, shared))
    return kept
