"""Matching a volunteer's contact to the voter file the organization holds, and the volunteer's answer.

Candidates come from the organization's people by a few indexed lookups (same phone or email, same last name,
swapped names, same first name or nickname in the same city or ZIP), are scored by the Fellegi–Sunter model
(relational.matching), and the best few are shown as "is this your friend?" cards. The volunteer confirms one
(the contact is *linked* to the person, never merged), says none, or undoes a confirmation later."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.common.errors import NotFound
from groundswell.orgs.access import Actor
from groundswell.people.models import Person
from groundswell.people.timeline import timeline_add
from groundswell.relational.matcher import model_for_org, person_record, relationship_record
from groundswell.relational.matching import name_variants
from groundswell.relational.models import MatchCandidate, Relationship, RelationshipPoint

SHOWN = 4  # cards the volunteer chooses from
LOWEST = 0.05  # candidates below this probability are not worth the volunteer's time
MAX_LOOKED_AT = 400  # people scored per contact (the lookups are narrow; this bounds a very common name)


def candidate_people(relationship: Relationship):
    """The organization's live people who could be this contact: the blocking step, in the database."""
    points = list(relationship.points.all())
    phones = [p.value for p in points if p.kind == RelationshipPoint.Kind.PHONE]
    emails = [p.value for p in points if p.kind == RelationshipPoint.Kind.EMAIL]
    first, last = relationship.first_name.strip(), relationship.last_name.strip()
    where = Q(pk__in=[])
    if phones:
        whole = [p for p in phones if p.startswith("+")]
        where |= Q(phones__number__in=whole)
        for partial in (p for p in phones if not p.startswith("+")):
            where |= Q(phones__number__endswith=partial[-7:])
    if emails:
        where |= Q(emails__address__in=emails)
    variants = sorted(name_variants(first)) if first else []
    first_q = Q()
    for name in variants[:12]:
        first_q |= Q(first_name__iexact=name)
    near = Q(pk__in=[])
    if relationship.city:
        near |= Q(city__iexact=relationship.city.strip())
    if relationship.zip:
        near |= Q(zip__startswith=relationship.zip.strip()[:5])
    if last:
        where |= Q(last_name__iexact=last) & (first_q | near if variants else near | Q(pk__gt=0))
        if first:
            where |= Q(last_name__iexact=first, first_name__iexact=last)  # typed the wrong way round
    if variants:
        where |= first_q & near
    return (Person.objects.filter(org_id=relationship.org_id, deleted_at__isnull=True).filter(where)
            .distinct().prefetch_related("phones", "emails")[:MAX_LOOKED_AT])


@transaction.atomic
def relationship_find_matches(relationship: Relationship, *, now: dt.datetime | None = None) -> list[MatchCandidate]:
    """Score the candidates and keep the best few (a rejected person is never proposed again)."""
    now = now or timezone.now()
    if relationship.match_status == Relationship.Match.CONFIRMED:
        return []
    people = {str(p.pk): p for p in candidate_people(relationship)}
    rejected = set(relationship.candidates.filter(rejected=True).values_list("person_id", flat=True))
    relationship.candidates.filter(rejected=False).delete()
    scored = model_for_org(relationship.org_id).score(
        relationship_record(relationship), [person_record(p) for p in people.values()]
    )
    kept = [c for c in scored if c.probability >= LOWEST and int(c.right_id) not in rejected][:SHOWN]
    candidates = MatchCandidate.objects.bulk_create(
        MatchCandidate(relationship=relationship, person=people[c.right_id], probability=c.probability,
                       agreements=c.agreements)
        for c in kept
    )
    if candidates:
        relationship.match_status = Relationship.Match.CANDIDATES
    elif relationship.match_status != Relationship.Match.NONE:
        relationship.match_status = Relationship.Match.UNMATCHED
    relationship.match_checked_at = now
    relationship.save(update_fields=["match_status", "match_checked_at"])
    return candidates


def _open_candidate(relationship: Relationship, person_id: int) -> MatchCandidate:
    candidate = relationship.candidates.filter(person_id=person_id, rejected=False).select_related("person").first()
    if candidate is None:
        raise NotFound("candidate")
    return candidate


@transaction.atomic
def match_confirm(*, actor: Actor, relationship: Relationship, person_id: int) -> Relationship:
    """"Yes, that's my friend": link the contact to the voter-file person (never merge the two)."""
    _own(actor, relationship)
    candidate = _open_candidate(relationship, person_id)
    relationship.person = candidate.person
    relationship.match_status = Relationship.Match.CONFIRMED
    relationship.match_probability = candidate.probability
    relationship.matched_at = timezone.now()
    relationship.save(update_fields=["person", "match_status", "match_probability", "matched_at"])
    timeline_add(person=candidate.person, kind="relational.matched", actor=actor,
                 summary="Known personally by a volunteer (relational contact)")
    audit_log(actor=actor, action="relational.match.confirmed", target=relationship,
              team_path=relationship.team.path, data={"person": candidate.person_id})
    return relationship


@transaction.atomic
def match_reject(*, actor: Actor, relationship: Relationship, person_id: int) -> Relationship:
    """"Not them": that person is not proposed again for this contact."""
    _own(actor, relationship)
    candidate = _open_candidate(relationship, person_id)
    candidate.rejected = True
    candidate.save(update_fields=["rejected"])
    if relationship.person_id == person_id:
        _unlink(relationship)
    if not relationship.candidates.filter(rejected=False).exists() and relationship.person_id is None:
        relationship.match_status = Relationship.Match.NONE
        relationship.save(update_fields=["match_status"])
    return relationship


@transaction.atomic
def match_none(*, actor: Actor, relationship: Relationship) -> Relationship:
    """"None of these": every open candidate is rejected; the contact stays the volunteer's own."""
    _own(actor, relationship)
    relationship.candidates.filter(rejected=False).update(rejected=True)
    if relationship.person_id is not None:
        _unlink(relationship)
    relationship.match_status = Relationship.Match.NONE
    relationship.save(update_fields=["match_status"])
    return relationship


@transaction.atomic
def match_undo(*, actor: Actor, relationship: Relationship) -> Relationship:
    """Take back a confirmation: the link goes, the candidate is offered again."""
    _own(actor, relationship)
    if relationship.person_id is None:
        return relationship
    person_id = relationship.person_id
    _unlink(relationship)
    audit_log(actor=actor, action="relational.match.undone", target=relationship,
              team_path=relationship.team.path, data={"person": person_id})
    return relationship


def _unlink(relationship: Relationship) -> None:
    relationship.person = None
    relationship.match_probability = None
    relationship.matched_at = None
    open_left = relationship.candidates.filter(rejected=False).exists()
    relationship.match_status = Relationship.Match.CANDIDATES if open_left else Relationship.Match.UNMATCHED
    relationship.save(update_fields=["person", "match_probability", "matched_at", "match_status"])


def _own(actor: Actor, relationship: Relationship) -> None:
    if relationship.owner_id != actor.user_id:
        raise NotFound("contact")
