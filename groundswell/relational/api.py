"""/api/v1/relationships and /api/v1/programs: a volunteer's own people (list, add, read, answer "is this your
friend?") and captain programs with their report.

Contacts are the caller's own, whoever the caller is: someone else's contact is 404, whatever their role.
Programs are listed as `selectors.programs_for` sees them (the caller's branch, where they may be a captain, and
what they report on); a report needs VIEW_REPORTS on a program of their subtree (403 without it, 404 outside)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Query, Router

from groundswell.common.pagination import PageQuery, paginate
from groundswell.common.schemas import ERRORS, PageOut
from groundswell.orgs.roles import Cap
from groundswell.relational import selectors, services_contacts, services_match
from groundswell.relational.models import Program, Relationship
from groundswell.relational.report import program_report
from groundswell.relational.schemas import (
    MatchIn,
    ProgramOut,
    ProgramReportOut,
    RelationshipIn,
    RelationshipOut,
    RelationshipQueryIn,
)
from groundswell.relational.views_people import age_of

router = Router(tags=["relational"])

_PLAIN = ("id", "first_name", "last_name", "city", "state", "zip", "address", "birthday", "kind", "closeness",
          "notes", "match_status", "person_id", "created_at")


def relationship_out(relationship: Relationship) -> dict:
    """A contact as its owner sees it; `open_candidate_list` comes from selectors.my_relationships_with_candidates."""
    today = timezone.localdate()
    return {name: getattr(relationship, name) for name in _PLAIN} | {
        "points": [{"id": p.pk, "kind": p.kind, "value": p.value, "shared": p.shared}
                   for p in relationship.points.all()],
        "candidates": [{"person_id": c.person_id, "probability": c.probability, "agreements": c.agreements,
                        "first_name": c.person.first_name.title(), "last_initial": c.person.last_name[:1].upper(),
                        "age": age_of(c.person.birth_date, today), "city": c.person.city.title()}
                       for c in relationship.open_candidate_list],
    }


def _fresh(request, relationship_id: int) -> dict:
    return relationship_out(selectors.get_my_relationship_with_candidates(request.actor, relationship_id))


@router.get("/relationships", response={200: PageOut[RelationshipOut], **ERRORS})
def relationships_list(request, params: Query[RelationshipQueryIn]):
    """The caller's own people (never anyone else's), by first name."""
    contacts = selectors.my_relationships_with_candidates(request.actor, q=params.q, status=params.match_status or "")
    page = paginate(contacts, params)
    return page | {"items": [relationship_out(r) for r in page["items"]]}


@router.post("/relationships", response={200: RelationshipOut, 201: RelationshipOut, **ERRORS})
def relationships_create(request, payload: RelationshipIn):
    """Add one of the caller's people and look for them in the voter file. 201 when stored; 200 with the stored
    contact when this `client_uuid` was already posted (a retry). 403 when the caller is on no team as someone
    who makes contacts (there is no team to keep the list for)."""
    fields = payload.model_dump(exclude={"phones", "emails", "client_uuid"})
    relationship, created = services_contacts.relationship_create(
        actor=request.actor, source=Relationship.Source.API, client_uuid=payload.client_uuid,
        phones=[(p.value, p.shared) for p in payload.phones], emails=[(e.value, e.shared) for e in payload.emails],
        **fields,
    )
    return (201 if created else 200), _fresh(request, relationship.pk)


@router.get("/relationships/{relationship_id}", response={200: RelationshipOut, **ERRORS})
def relationships_get(request, relationship_id: int):
    return _fresh(request, relationship_id)


@router.post("/relationships/{relationship_id}/match", response={200: RelationshipOut, **ERRORS})
def relationships_match(request, relationship_id: int, payload: MatchIn):
    """The volunteer's answer: confirm or reject one open candidate (`person_id`), none of them, or undo a
    confirmed match. A person who is not an open candidate of this contact is 404."""
    actor = request.actor
    relationship = selectors.get_relationship_for(actor, relationship_id)
    if payload.action in ("confirm", "reject"):
        if payload.person_id is None:
            raise ValidationError({"person_id": [f"Say which candidate to {payload.action}."]})
        answer = services_match.match_confirm if payload.action == "confirm" else services_match.match_reject
        answer(actor=actor, relationship=relationship, person_id=payload.person_id)
    elif payload.action == "none":
        services_match.match_none(actor=actor, relationship=relationship)
    else:
        services_match.match_undo(actor=actor, relationship=relationship)
    return _fresh(request, relationship.pk)


def _program_out(program: Program) -> dict:
    return {name: getattr(program, name) for name in ("id", "name", "team_id", "status", "election", "goal_min",
                                                      "goal_max", "evaluate", "is_captain")} | {
        "team_name": program.team.name, "captains": program.n_captains}


@router.get("/programs", response={200: PageOut[ProgramOut], **ERRORS})
def programs_list(request, params: PageQuery):
    """Programs of the caller's branch (they may be a captain) and of the teams they report on, newest first."""
    page = paginate(selectors.programs_with_captaincy(request.actor), params)
    return page | {"items": [_program_out(p) for p in page["items"]]}


@router.get("/programs/{program_id}/report", response={200: ProgramReportOut, **ERRORS})
def programs_report(request, program_id: int):
    """Per-captain progress and, for an evaluated program once turnout is in, the randomized estimate. Captains'
    names only where the caller may see those members (VIEW_MEMBERS on the captain's team)."""
    actor = request.actor
    program = selectors.get_program_with(actor, program_id, Cap.VIEW_REPORTS)
    report = program_report(program)
    teams = selectors.captain_teams(program)
    evaluation = report.evaluation
    return {
        "program_id": program.pk,
        "turnout_known": report.turnout_known,
        "counts": {"captains": len(report.captains), "people": report.people, "contacted": report.contacted,
                   "voted": report.voted},
        "captains": [{
            "captain_id": line.captain_id,
            "name": line.name if actor.can(Cap.VIEW_MEMBERS, teams[line.captain_id]) else None,
            "listed": line.listed, "treated": line.treated, "contacted": line.contacted, "voted": line.voted,
            "committed": line.committed, "predictions": line.predictions, "predictions_right": line.predictions_right,
        } for line in report.captains],
        "evaluation": None if evaluation is None else {
            name: getattr(evaluation, name) for name in ("n_treated", "n_control", "turnout_treated",
                                                         "turnout_control", "itt", "se", "ci_low", "ci_high",
                                                         "p_value", "cace", "cace_se", "n_clusters")},
        "evaluation_problem": report.evaluation_problem,
    }
