"""Consent and opt-outs: the one place that records them and the one check every contact path calls.

An opt-out is recorded three ways at once: the person's current state (Person.<channel>_opt_out_at, what
list filters and queues read), the history (ConsentEvent: source and time), and — for the number or
address it came from — the organization's Suppression list, so the same number on another record (a
re-import, a duplicate, a new signup) is refused too. `may_contact` checks person and value at the moment
of contact (DESIGN invariant 3); `contactable` is the same rule as a queryset filter for counts and queues.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.people.models import Channel, ConsentEvent, Email, Person, Phone, Suppression
from groundswell.people.services import timeline_add

_VALUE_MODEL = {Channel.CALL: Phone, Channel.TEXT: Phone, Channel.EMAIL: Email}
_VALUE_FIELD = {Channel.CALL: "number", Channel.TEXT: "number", Channel.EMAIL: "address"}


@transaction.atomic
def opt_out(*, actor, person: Person, channel: str, source: str, value: str = "", note: str = "") -> None:
    """Stop contacting `person` on `channel` (and suppress `value`, the number/address, in the org)."""
    now = timezone.now()
    field = Person.OPT_OUT_FIELD[Channel(channel)]
    if getattr(person, field) is None:
        Person.objects.filter(pk=person.pk, **{f"{field}__isnull": True}).update(**{field: now, "updated_at": now})
        setattr(person, field, now)
    if value:
        Suppression.objects.get_or_create(
            org_id=person.org_id, channel=channel, value=value, defaults={"source": source}
        )
    _record(actor=actor, person=person, channel=channel, action=ConsentEvent.Action.OPT_OUT, source=source, note=note)


@transaction.atomic
def opt_in(*, actor, person: Person, channel: str, source: str, note: str = "") -> None:
    """The person asked to hear from us again on `channel`: clears their opt-out and the suppression of
    their own numbers/addresses. Only a person's own request is a valid source; it is audited."""
    now = timezone.now()
    field = Person.OPT_OUT_FIELD[Channel(channel)]
    Person.objects.filter(pk=person.pk).update(**{field: None, "updated_at": now})
    setattr(person, field, None)
    values = (
        _VALUE_MODEL[Channel(channel)]
        .objects.filter(person=person)
        .values_list(_VALUE_FIELD[Channel(channel)], flat=True)
    )
    Suppression.objects.filter(org_id=person.org_id, channel=channel, value__in=list(values)).delete()
    _record(actor=actor, person=person, channel=channel, action=ConsentEvent.Action.OPT_IN, source=source, note=note)


_TIMELINE = {
    ConsentEvent.Action.OPT_OUT: ("people.opted_out", "Opted out of"),
    ConsentEvent.Action.OPT_IN: ("people.opted_in", "Opted in to"),
}


def _record(*, actor, person: Person, channel: str, action: str, source: str, note: str) -> None:
    """The history (ConsentEvent), the person's timeline and the audit log of one consent change."""
    ConsentEvent.objects.create(
        org_id=person.org_id, person=person, channel=channel, action=action, source=source, note=note,
        actor=_user(actor),
    )
    kind, words = _TIMELINE[action]
    data = {"channel": channel, "source": source}
    timeline_add(person=person, kind=kind, summary=f"{words} {Channel(channel).label.lower()} ({source})",
                 data=data, actor=actor)
    audit_log(actor=actor, action=f"people.consent.{action}", target=person, team_path=person.team.path, data=data)


def may_contact(person: Person, channel: str, value: str = "") -> bool:
    """May we contact `person` on `channel` now, at `value` (the number or address about to be used)?

    Reads the database, not the possibly stale object: this is the check made at the moment of contact."""
    field = Person.OPT_OUT_FIELD[Channel(channel)]
    if Person.objects.filter(pk=person.pk, **{f"{field}__isnull": False}).exists():
        return False
    if value and Suppression.objects.filter(org_id=person.org_id, channel=channel, value=value).exists():
        return False
    return True


def usable_values(channel: str, *, person=None) -> QuerySet:
    """Valid numbers (call/text) or addresses (email) of `person` (default: the outer query's row) that
    the organization has not suppressed. Other apps' queues use it so they apply exactly this rule."""
    channel = Channel(channel)
    model, field = _VALUE_MODEL[channel], _VALUE_FIELD[channel]
    suppressed = Suppression.objects.filter(org_id=OuterRef("org_id"), channel=channel, value=OuterRef(field))
    return model.objects.filter(person=OuterRef("pk") if person is None else person, valid=True).exclude(
        Exists(suppressed)
    )


def contactable(people: QuerySet[Person], channel: str) -> QuerySet[Person]:
    """Only people who have not opted out of `channel` and have at least one usable, unsuppressed
    number (call/text) or address (email) for it."""
    channel = Channel(channel)
    return people.filter(Q(**{f"{Person.OPT_OUT_FIELD[channel]}__isnull": True}), Exists(usable_values(channel)))


def suppress_known_values(*, org_id: int, person_ids: list[int]) -> int:
    """Opt out people whose numbers/addresses are already suppressed (after an import or a merge added
    them). Returns how many person-channel opt-outs were set."""
    changed = 0
    now = timezone.now()
    for channel in Channel:
        model, field = _VALUE_MODEL[channel], _VALUE_FIELD[channel]
        values = Suppression.objects.filter(org_id=org_id, channel=channel).values("value")
        hit = model.objects.filter(person_id__in=person_ids, **{f"{field}__in": values}).values("person_id")
        opt_field = Person.OPT_OUT_FIELD[channel]
        changed += Person.objects.filter(pk__in=hit, **{f"{opt_field}__isnull": True}).update(**{opt_field: now})
    return changed


def _user(actor):
    """The User behind an Actor, a User, or None for the system."""
    user = getattr(actor, "user", actor)
    return user if getattr(user, "pk", None) else None
