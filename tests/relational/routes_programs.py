"""Authorization-matrix entries for captain programs and the team's relational pages (see tests/matrix.py).

Program pages point at a running program of the matrix's target team (made by the url callables). Who may do
what: RUN_PROGRAMS (admin, organizer) creates, edits, schedules, imports ballots and holds check-ins;
VIEW_REPORTS (admin, organizer, leader, analyst, data steward) reads the report and the captains; members who
make contacts (CALLERS) enrol as captains, in their branch below *or above* their team (`up=CALLERS`), like
callers on a regional phone bank. A program of a team above the caller's is theirs to take part in, never to
run or report on: 404 there, like everything outside their subtree.

A captain's own list (add, commit, remove, predict) belongs to the captain, not to a team: those are "self"
routes, checked here for every role on their own captaincy and in tests/relational/test_api.py for 404 to
anyone else (`OWNED`)."""

import datetime as dt

from django.urls import reverse

from groundswell.orgs.models import Membership
from groundswell.people.services import org_of
from groundswell.relational.models import BallotImport, Captain, CaptainCheckIn, CaptainPerson, Program, ProgramDate
from tests import factories
from tests.matrix import CALLERS, EVERYONE, MEMBER_READERS, Route, seq, slug_url
from tests.relational.routes_people import my_contact

RUNNERS = frozenset({"admin", "organizer"})
REPORTERS = frozenset({"admin", "organizer", "leader", "analyst", "data_steward"})


def program_on(team) -> Program:
    """A running, evaluated program of `team`."""
    return Program.objects.create(org=org_of(team), team=team, name=f"Matrix program {next(seq)}",
                                  election="2026-general", status=Program.Status.RUNNING, evaluate=True, seed=7)


def captain_on(team) -> Captain:
    """A captain (a volunteer of `team`) in a program of `team`."""
    user = factories.user()
    factories.membership(team, "volunteer", user_obj=user)
    return Captain.objects.create(program=program_on(team), user=user, team=team)


def program_url(name: str, make=None):
    """The url of a program page; `make(program)` gives the extra argument (a key date, a ballot file)."""
    def url(team) -> str:
        program = program_on(team)
        return reverse(name, args=[program.pk, *([make(program).pk] if make else [])])
    return url


def captain_url(name: str, check_in: bool = False):
    def url(team) -> str:
        captain = captain_on(team)
        extra = [CaptainCheckIn.objects.create(captain=captain, scheduled_for=dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
                                               ).pk] if check_in else []
        return reverse(name, args=[captain.pk, *extra])
    return url


def key_date(program: Program) -> ProgramDate:
    return ProgramDate.objects.create(program=program, kind=ProgramDate.Kind.ELECTION, date=dt.date(2026, 11, 3))


def ballot_file(program: Program) -> BallotImport:
    return BallotImport.objects.create(program=program, kind=BallotImport.Kind.EARLY, file_name="ev.csv",
                                       errors=[[2, "no one in the voter file has this id", {"voter_id": "X1"}]])


# A captain's own things, for the user the matrix signs in as: a program of their team with them as captain.


def my_captain(user) -> Captain:
    team = Membership.objects.filter(user=user).select_related("team").order_by("id").first().team
    return Captain.objects.create(program=program_on(team), user=user, team=team)


def my_entry(user) -> CaptainPerson:
    return CaptainPerson.objects.create(captain=my_captain(user), relationship=my_contact(user))


OWNED: dict[str, Route] = {
    "relational:captain-add": Route("POST", "self", url=lambda u: reverse("relational:captain-add", args=[
        my_captain(u).program_id])),
    "relational:captain-commit": Route("POST", "self", url=lambda u: reverse("relational:captain-commit", args=[
        my_captain(u).program_id])),
    "relational:entry-remove": Route("POST", "self", url=lambda u: reverse("relational:entry-remove", args=[
        my_entry(u).pk])),
    "relational:entry-predict": Route("POST", "self", url=lambda u: reverse("relational:entry-predict", args=[
        my_entry(u).pk]), payload=lambda t: {"prediction": "yes"}),
}

WEB: dict[str, Route] = {
    "relational:program-index": Route("GET", "self"),
    "relational:program-new": Route("POST", "team", RUNNERS, url=slug_url("relational:program-new"),
                                    payload=lambda t: {"name": f"Matrix new {next(seq)}", "election": "2026-general",
                                                       "goal_min": "10", "goal_max": "20"}),
    "relational:program-detail": Route("GET", "team", EVERYONE, url=program_url("relational:program-detail"),
                                       up=CALLERS),
    "relational:program-edit": Route("GET", "team", RUNNERS, url=program_url("relational:program-edit")),
    "relational:program-status": Route("POST", "team", RUNNERS, url=program_url("relational:program-status"),
                                       payload=lambda t: {"status": "finished"}),
    "relational:program-date-add": Route("POST", "team", RUNNERS, url=program_url("relational:program-date-add"),
                                         payload=lambda t: {"kind": "election", "date": "2026-11-03"}),
    "relational:program-date-remove": Route("POST", "team", RUNNERS,
                                            url=program_url("relational:program-date-remove", key_date)),
    "relational:program-enrol": Route("POST", "team", CALLERS, url=program_url("relational:program-enrol"),
                                      up=CALLERS),
    "relational:captain-detail": Route("GET", "team", REPORTERS, url=captain_url("relational:captain-detail")),
    "relational:checkin-add": Route("POST", "team", RUNNERS, url=captain_url("relational:checkin-add"),
                                    payload=lambda t: {"scheduled_for": "2026-12-01T10:00"}),
    "relational:checkin-record": Route("POST", "team", RUNNERS, url=captain_url("relational:checkin-record", True),
                                       payload=lambda t: {"notes": "Went well: 12 of 15 reached."}),
    "relational:program-report": Route("GET", "team", REPORTERS, url=program_url("relational:program-report")),
    "relational:program-ballots": Route("GET", "team", RUNNERS, url=program_url("relational:program-ballots")),
    "relational:ballot-errors": Route("GET", "team", RUNNERS, url=program_url("relational:ballot-errors",
                                                                              ballot_file)),
    "relational:team-relational": Route("GET", "team", REPORTERS, url=slug_url("relational:team-relational")),
    "relational:team-recruitment": Route("GET", "team", MEMBER_READERS, url=slug_url("relational:team-recruitment")),
    **OWNED,
}
API: dict[str, Route] = {}
