"""/api/v1/lists: saved lists and universes, and the people on them (scoped like the web pages)."""

from ninja import Query, Router

from groundswell.common.pagination import PageQuery, paginate
from groundswell.common.schemas import ERRORS, PageOut
from groundswell.orgs.access import get_team_for
from groundswell.orgs.roles import Cap
from groundswell.people.schemas_lists import ListCreateIn, ListDetailOut, ListOut, ListPersonOut, ListTeamQuery
from groundswell.people.selectors_lists import get_list_for, list_people, lists_for, team_lists
from groundswell.people.services_lists import list_create

router = Router(tags=["lists"])


@router.get("/lists", response={200: PageOut[ListOut], **ERRORS})
def lists_list(request, params: PageQuery, filters: Query[ListTeamQuery]):
    if filters.team_id is None:
        return paginate(lists_for(request.actor), params)
    team = get_team_for(request.actor, filters.team_id, Cap.VIEW_PEOPLE)
    return paginate(team_lists(request.actor, team), params)


@router.post("/lists", response={201: ListDetailOut, **ERRORS})
def lists_create(request, payload: ListCreateIn):
    team = get_team_for(request.actor, payload.team_id, Cap.EDIT_PEOPLE)
    people_list = list_create(actor=request.actor, team=team, **payload.model_dump(exclude={"team_id"}))
    people_list.count = list_people(request.actor, people_list).count()
    return 201, people_list


@router.get("/lists/{list_id}", response={200: ListDetailOut, **ERRORS})
def lists_get(request, list_id: int):
    people_list = get_list_for(request.actor, list_id)
    people_list.count = list_people(request.actor, people_list).count()
    return people_list


@router.get("/lists/{list_id}/people", response={200: PageOut[ListPersonOut], **ERRORS})
def lists_people(request, list_id: int, params: PageQuery):
    people_list = get_list_for(request.actor, list_id)
    return paginate(list_people(request.actor, people_list), params)
