"""The leadership API: one-on-ones (list, schedule or record) and a person's ladder."""


from django.core.exceptions import ValidationError
from ninja import Query, Router

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.common.pagination import PageQuery, paginate
from groundswell.common.schemas import ERRORS, PageOut
from groundswell.leadership import selectors
from groundswell.leadership.access import get_developable_person
from groundswell.leadership.schemas import LadderOut, OneOnOneIn, OneOnOneOut, OneOnOnesQuery
from groundswell.leadership.services_one_on_ones import Record, one_on_one_log, one_on_one_schedule
from groundswell.leadership.subjects import OUT_OF_REACH
from groundswell.orgs.access import get_team_for
from groundswell.orgs.roles import Cap
from groundswell.people.services import org_of

router = Router(tags=["leadership"])


@router.get("/one-on-ones", response={200: PageOut[OneOnOneOut], **ERRORS})
def one_on_ones_list(request, params: PageQuery, filters: Query[OneOnOnesQuery]):
    """One-on-ones on the teams where the caller develops leaders, newest first. A team outside the caller's
    reach is a 404, as everywhere in the API."""
    meetings = selectors.visible_one_on_ones(request.actor).prefetch_related("commitments")
    if filters.team_id is not None:
        get_team_for(request.actor, filters.team_id)
        meetings = meetings.filter(team_id=filters.team_id)
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    if filters.person_id is not None:
        meetings = meetings.filter(person_id=filters.person_id)
    return 200, paginate(meetings.order_by("-created_at", "-id"), params)


@router.post("/one-on-ones", response={200: OneOnOneOut, 201: OneOnOneOut, **ERRORS})
def one_on_ones_create(request, payload: OneOnOneIn):
    """With `held_at`: record a one-on-one that happened (acts, commitment, next meeting). Else schedule one at
    `scheduled_for`. A person the caller cannot reach is a 422 on `person_id`; a repeated `client_uuid` 200."""
    team = get_team_for(request.actor, payload.team_id, Cap.DEVELOP_LEADERS)
    try:
        person = get_developable_person(request.actor, payload.person_id)
    except (NotFound, PermissionDenied):
        raise ValidationError({"person_id": OUT_OF_REACH}) from None
    replay = payload.client_uuid and selectors.visible_one_on_ones(request.actor).filter(
        client_uuid=payload.client_uuid).first()
    if replay:
        return 200, replay
    data = payload.model_dump()
    if payload.held_at is not None:
        fields = {name: data[name] for name in Record.__dataclass_fields__ if name in data}
        meeting = one_on_one_log(actor=request.actor, team=team, person=person, record=Record(**fields),
                                 medium=payload.medium, client_uuid=payload.client_uuid)
    else:
        meeting = one_on_one_schedule(actor=request.actor, team=team, person=person,
                                      scheduled_for=payload.scheduled_for, medium=payload.medium,
                                      place=payload.place, attention=payload.attention,
                                      client_uuid=payload.client_uuid)
    return 201, meeting


@router.get("/people/{person_id}/ladder", response={200: LadderOut, **ERRORS})
def person_ladder(request, person_id: int):
    """Where the person stands on each ladder the caller sees, and how they got there."""
    person = get_developable_person(request.actor, person_id)
    info = selectors.person_leadership(request.actor, person)
    return 200, {
        "person_id": person.pk, "stages": selectors.org_stages(org_of(person.team)),
        "placements": [{"team_id": p.team_id, "team_name": p.team.name, "stage": p.stage, "since": p.since}
                       for p in info.placements],
        "moves": [{"team_id": m.team_id, "from_stage": m.from_stage.name if m.from_stage else None,
                   "to_stage": m.to_stage.name, "moved_by_id": m.moved_by_id, "moved_at": m.moved_at,
                   "note": m.note} for m in info.moves],
    }


