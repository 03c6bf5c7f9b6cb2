"""The bridge between the database and the matcher: records for contacts and voter-file people, and the
weights each organization's matches are scored with (learned from its own data, else the defaults)."""

import datetime as dt
import random

from django.core.cache import cache
from django.utils import timezone

from groundswell.people.models import Person
from groundswell.relational.matching import MatchModel, Record
from groundswell.relational.models import MatchWeights, Relationship, RelationshipPoint

TRAIN_SAMPLE = 2_000  # contacts the weights are learned from (EM needs hundreds of pairs, not millions)
VOTER_SAMPLE = 20_000  # voter-file people the chance agreement is counted against
_CACHE_SECONDS = 300


def relationship_record(relationship: Relationship) -> Record:
    points = list(relationship.points.all())
    phone = next((p.value for p in points if p.kind == RelationshipPoint.Kind.PHONE), "")
    email = next((p.value for p in points if p.kind == RelationshipPoint.Kind.EMAIL), "")
    birthday = relationship.birthday if not relationship.birthday.startswith("--") else ""
    return Record(
        id=str(relationship.pk), first_name=relationship.first_name, last_name=relationship.last_name,
        dob=birthday, address=relationship.address, city=relationship.city, state=relationship.state,
        zip=relationship.zip, phone=phone, email=email,
    )


def person_record(person: Person) -> Record:
    """`person` should come with phones and emails prefetched."""
    phones = list(person.phones.all())  # primary first (Phone.Meta.ordering)
    emails = list(person.emails.all())
    return Record(
        id=str(person.pk), first_name=person.first_name, middle_name=person.middle_name,
        last_name=person.last_name, dob=person.birth_date.isoformat() if person.birth_date else "",
        address=person.address1, address2=person.address2, city=person.city, state=person.state, zip=person.zip,
        phone=phones[0].number if phones else "", email=emails[0].address if emails else "",
    )


def model_for_org(org_id: int) -> MatchModel:
    key = f"relational:match-weights:{org_id}"
    params = cache.get(key)
    if params is None:
        weights = MatchWeights.objects.filter(org_id=org_id).first()
        params = weights.params if weights else {}
        cache.set(key, params, _CACHE_SECONDS)
    return MatchModel.from_json(params) if params else MatchModel.default()


def train_org_weights(org_id: int, *, now: dt.datetime | None = None) -> MatchWeights | None:
    """Learn the organization's weights by EM from its contacts against its voter file.

    The matcher counts chance agreement (u) on random contact x voter pairs and lambda per such pair, so the
    right side is a random sample of the voter file plus the people the database proposes for the contacts
    (where the true partners are); lambda is then scaled from that sample to the whole file."""
    from groundswell.relational.services_match import candidate_people

    contacts = list(Relationship.objects.filter(org_id=org_id).prefetch_related("points")
                    .order_by("-id")[:TRAIN_SAMPLE])
    people = Person.objects.filter(org_id=org_id, deleted_at__isnull=True)
    total = people.count()
    if not contacts or not total:
        return None
    rng = random.Random(org_id)
    ids = list(people.values_list("pk", flat=True))
    sample_ids = set(rng.sample(ids, min(VOTER_SAMPLE, len(ids))))
    right: dict[str, Record] = {
        str(p.pk): person_record(p) for p in people.filter(pk__in=sample_ids).prefetch_related("phones", "emails")
    }
    for relationship in contacts:
        for person in candidate_people(relationship):
            right.setdefault(str(person.pk), person_record(person))
    model = MatchModel.train([relationship_record(r) for r in contacts], list(right.values()))
    model.lam = min(model.lam * len(right) / total, 0.5)
    weights, _ = MatchWeights.objects.update_or_create(
        org_id=org_id, defaults={"params": model.to_json(), "pairs": len(right), "trained_at": now or timezone.now()},
    )
    cache.delete(f"relational:match-weights:{org_id}")
    return weights
