"""The bridge between the database and the matcher: records for contacts and voter-file people, and the
weights each organization's matches are scored with (learned from its own data, else the defaults)."""

import datetime as dt

from django.core.cache import cache
from django.utils import timezone

from groundswell.people.models import Person
from groundswell.relational.matching import MatchModel, Record
from groundswell.relational.models import MatchWeights, Relationship, RelationshipPoint

TRAIN_SAMPLE = 2_000  # contacts the weights are learned from (EM needs hundreds of pairs, not millions)
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
    """Learn the organization's weights by EM from its contacts and the people the database proposes for them."""
    from groundswell.relational.services_match import candidate_people

    contacts = list(Relationship.objects.filter(org_id=org_id).prefetch_related("points")
                    .order_by("-id")[:TRAIN_SAMPLE])
    if not contacts:
        return None
    left = [relationship_record(r) for r in contacts]
    right: dict[str, Record] = {}
    for relationship in contacts:
        for person in candidate_people(relationship):
            right.setdefault(str(person.pk), person_record(person))
    if not right:
        return None
    model = MatchModel.train(left, list(right.values()))
    weights, _ = MatchWeights.objects.update_or_create(
        org_id=org_id, defaults={"params": model.to_json(), "pairs": len(right),
                                 "trained_at": now or timezone.now()},
    )
    cache.delete(f"relational:match-weights:{org_id}")
    return weights
