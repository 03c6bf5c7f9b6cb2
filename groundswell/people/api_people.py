"""/api/v1/people: search, create, read, change and soft-delete person records; tags and opt-outs.

Scoped like the web pages: VIEW_PEOPLE reads, EDIT_PEOPLE writes; anything outside the caller's teams is 404."""

from django.db.models import QuerySet
from ninja import Query, Router

from groundswell.common.schemas import ERRORS, PageOut
from groundswell.orgs.access import get_team_for
from groundswell.orgs.roles import Cap
from groundswell.people import consent, selectors, services
from groundswell.people.contact_points import display_phone
from groundswell.people.models import Person
from groundswell.people.schemas import OptOutIn, PeopleQueryIn, PersonCreateIn, PersonOut, PersonPatchIn, TagsIn

router = Router(tags=["people"])

PREFETCH = ("phones", "emails", "tags", "external_ids")


def person_out(person: Person) -> dict:
    phones = list(person.phones.all())
    zone, source = selectors.time_zone_info(person, [p.number for p in phones])
    data = {name: getattr(person, name) for name in PersonOut.model_fields
            if name not in {"phones", "emails", "external_ids", "tags", "consent", "time_zone_source", "time_zone"}}
    return {
        **data,
        "time_zone": zone,
        "time_zone_source": source,
        "phones": [{"number": p.number, "display": display_phone(p.number), "kind": p.kind, "valid": p.valid,
                    "primary": p.primary} for p in phones],
        "emails": [{"address": e.address, "valid": e.valid, "primary": e.primary} for e in person.emails.all()],
        "external_ids": [{"system": x.system, "value": x.value} for x in person.external_ids.all()],
        "tags": sorted(t.name for t in person.tags.all()),
        "consent": {f"{channel}_opted_out_at": getattr(person, f) for channel, f in Person.OPT_OUT_FIELD.items()},
    }


def _fresh(actor, person_id: int) -> dict:
    return person_out(selectors.person_with_contacts(actor=actor, person_id=person_id))


def _people(actor, params: PeopleQueryIn) -> QuerySet[Person]:
    team = get_team_for(actor, params.team_id, Cap.VIEW_PEOPLE) if params.team_id is not None else None
    people = selectors.person_search(actor=actor, team=team, q=params.q, tag=params.tag)
    if params.list_id is not None:
        # Lists are another area of the app; imported here so this module does not depend on it at load time.
        from groundswell.people.selectors_lists import get_list_for, list_people

        people = people.filter(pk__in=list_people(actor, get_list_for(actor, params.list_id)).values("pk"))
    return people.prefetch_related(*PREFETCH).order_by("last_name", "first_name", "id")


@router.get("/people", response={200: PageOut[PersonOut], **ERRORS})
def people_list(request, params: Query[PeopleQueryIn]):
    people = _people(request.actor, params)
    start = (params.page - 1) * params.per_page
    return {
        "items": [person_out(p) for p in people[start : start + params.per_page]],
        "count": people.count(), "page": params.page, "per_page": params.per_page,
    }


@router.post("/people", response={201: PersonOut, **ERRORS})
def people_create(request, payload: PersonCreateIn):
    team = get_team_for(request.actor, payload.team_id, Cap.EDIT_PEOPLE)
    person = services.person_create(actor=request.actor, team=team, **payload.model_dump(exclude={"team_id"}))
    return 201, _fresh(request.actor, person.pk)


@router.get("/people/{person_id}", response={200: PersonOut, **ERRORS})
def people_get(request, person_id: int):
    return _fresh(request.actor, person_id)


@router.patch("/people/{person_id}", response={200: PersonOut, **ERRORS})
def people_update(request, person_id: int, payload: PersonPatchIn):
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    changes = payload.model_dump(exclude_unset=True)
    if "custom" in changes:
        merged = {**person.custom, **(changes["custom"] or {})}
        changes["custom"] = {key: value for key, value in merged.items() if value is not None}
    services.person_update(actor=request.actor, person=person, **changes)
    return _fresh(request.actor, person.pk)


@router.delete("/people/{person_id}", response={204: None, **ERRORS})
def people_delete(request, person_id: int):
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    services.person_soft_delete(actor=request.actor, person=person)
    return 204, None


@router.post("/people/{person_id}/tags", response={200: PersonOut, **ERRORS})
def people_tags_add(request, person_id: int, payload: TagsIn):
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    names = [services.clean_tag_name(name) for name in payload.names]  # all valid before any is added
    for name in names:
        services.tag_add(actor=request.actor, person=person, name=name)
    return _fresh(request.actor, person.pk)


@router.delete("/people/{person_id}/tags/{name}", response={204: None, **ERRORS})
def people_tags_remove(request, person_id: int, name: str):
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    services.tag_remove(actor=request.actor, person=person, name=name)
    return 204, None


@router.post("/people/{person_id}/opt-outs", response={201: PersonOut, **ERRORS})
def people_opt_out(request, person_id: int, payload: OptOutIn):
    """Stop contacting the person on a channel; their primary usable number/address is suppressed too."""
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    consent.opt_out(actor=request.actor, person=person, channel=payload.channel, source=payload.source,
                    value=selectors.primary_contact_value(person, payload.channel), note=payload.note)
    return 201, _fresh(request.actor, person.pk)
