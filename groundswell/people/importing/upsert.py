"""Writing a planned chunk with the ORM (bulk_create / bulk_update): the portable path, used on SQLite.
upsert_pg.py writes the same thing on PostgreSQL through COPY and set-based SQL."""

from django.db.models import F
from django.utils import timezone

from groundswell.people.importing.lookups import among
from groundswell.people.importing.plan import VOTER_FILE, Plan, Target
from groundswell.people.models import Email, ExternalId, Person, PersonTag, Phone, Tag, Vote
from groundswell.people.vote_summary import elections_ensure, mask_of

PERSON_FIELDS = (
    "first_name", "middle_name", "last_name", "suffix", "birth_date", "address1", "address2", "city", "state",
    "zip", "latitude", "longitude", "time_zone", "language", "registration_status", "party", "county",
    "precinct", "congressional_district", "state_senate_district", "state_house_district",
)


def write_plan(job, plan: Plan) -> None:
    """Write the chunk; sets the ids of the new people on their targets."""
    now = timezone.now()
    bits = elections_ensure(job.org_id, {e for t in (*plan.creates, *plan.updates.values()) for e in t.votes})
    new = [
        Person(org_id=job.org_id, team_id=job.team_id, custom=t.custom, last_import_id=job.id,
               last_import_line=t.line, created_at=now, updated_at=now, voted_mask=mask_of(bits, t.votes),
               **t.person)
        for t in plan.creates
    ]
    Person.objects.bulk_create(new, batch_size=500)
    for target, person in zip(plan.creates, new, strict=True):
        target.person_id = person.pk
    _update_people(job, plan, now, bits)
    targets = [*plan.creates, *plan.updates.values()]
    _write_children(job, targets, fresh={t.person_id for t in plan.creates}, now=now)


def _update_people(job, plan: Plan, now, bits: dict) -> None:
    if not plan.updates:
        return
    people = {p.pk: p for p in Person.objects.filter(among("id", list(plan.updates)))}
    changed: set[str] = {"last_import", "last_import_line", "updated_at", "custom", "voted_mask"}
    for pid, target in plan.updates.items():
        person = people[pid]
        for name, value in target.person.items():
            setattr(person, name, value)
            changed.add(name)
        person.custom = {**person.custom, **target.custom}
        # An import only adds votes (or rewrites their method), so the new bits are OR-ed into the stored mask
        # by the database, not into the mask read above.
        person.voted_mask = F("voted_mask").bitor(mask_of(bits, target.votes))
        person.last_import_id, person.last_import_line, person.updated_at = job.id, target.line, now
    Person.objects.bulk_update(list(people.values()), sorted(changed), batch_size=500)


def _write_children(job, targets: list[Target], *, fresh: set[int], now) -> None:
    org_id = job.org_id
    updated = [t.person_id for t in targets if t.person_id not in fresh]
    with_phone = set(Phone.objects.filter(among("person_id", updated)).values_list("person_id", flat=True))
    with_email = set(Email.objects.filter(among("person_id", updated)).values_list("person_id", flat=True))
    phones, emails, ids, votes = [], [], [], []
    for t in targets:
        pid = t.person_id
        phones += [
            Phone(person_id=pid, org_id=org_id, number=number, kind=kind, primary=i == 0 and pid not in with_phone,
                  created_at=now)
            for i, (number, kind) in enumerate(t.phones)
        ]
        emails += [
            Email(person_id=pid, org_id=org_id, address=address, primary=i == 0 and pid not in with_email,
                  created_at=now)
            for i, address in enumerate(t.emails)
        ]
        if t.voter_id:
            ids.append(ExternalId(person_id=pid, org_id=org_id, system=VOTER_FILE, value=t.voter_id))
        votes += [Vote(person_id=pid, election=e, method=m) for e, m in t.votes.items()]
    Phone.objects.bulk_create(phones, batch_size=500, ignore_conflicts=True)
    Email.objects.bulk_create(emails, batch_size=500, ignore_conflicts=True)
    ExternalId.objects.bulk_create(ids, batch_size=500, ignore_conflicts=True)
    Vote.objects.bulk_create(
        votes, batch_size=500, update_conflicts=True, unique_fields=["person", "election"], update_fields=["method"]
    )
    _write_tags(org_id, targets, now)


def tag_ids(org_id: int, names: set[str]) -> dict[str, int]:
    """Tag ids by name, creating the organization's missing tags."""
    if not names:
        return {}
    Tag.objects.bulk_create([Tag(org_id=org_id, name=n) for n in sorted(names)], ignore_conflicts=True)
    return dict(Tag.objects.filter(among("name", names), org_id=org_id).values_list("name", "id"))


def _write_tags(org_id: int, targets: list[Target], now) -> None:
    ids = tag_ids(org_id, {name for t in targets for name in t.tags})
    links = [PersonTag(person_id=t.person_id, tag_id=ids[n], created_at=now) for t in targets for n in t.tags]
    PersonTag.objects.bulk_create(links, batch_size=500, ignore_conflicts=True)
