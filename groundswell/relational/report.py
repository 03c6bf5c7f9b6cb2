"""The program report: per-captain progress, prediction accuracy, and (for an evaluated program once turnout
is in) turnout by arm with the intention-to-treat effect clustered by captain and the complier effect."""

from collections import defaultdict
from dataclasses import dataclass, field

from groundswell.people.models import Vote
from groundswell.relational.lift import LiftReport, LiftRow, lift
from groundswell.relational.models import CaptainPerson, Conversation, Program


@dataclass
class CaptainLine:
    captain_id: int
    name: str
    team: str
    listed: int = 0
    treated: int = 0
    contacted: int = 0
    voted: int = 0
    committed: bool = False
    predictions: int = 0
    predictions_right: int = 0
    check_ins: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.predictions_right / self.predictions if self.predictions else None


@dataclass
class ProgramReport:
    program: Program
    captains: list[CaptainLine] = field(default_factory=list)
    people: int = 0
    contacted: int = 0
    voted: int = 0
    evaluation: LiftReport | None = None
    evaluation_problem: str = ""  # why there is no estimate yet, in words

    @property
    def turnout_known(self) -> bool:
        return self.program.turnout_imported_at is not None


def hide_captain_names(report: ProgramReport) -> ProgramReport:
    """For readers of the numbers without VIEW_MEMBERS (analysts): captains by number, not by name."""
    for number, line in enumerate(report.captains, start=1):
        line.name, line.team = f"Captain {number}", ""
    return report


def contacted_entries(program: Program) -> set[int]:
    """CaptainPerson ids whose captain logged a conversation in which they talked, since enrolling."""
    talked = set(Conversation.objects.filter(
        relationship__program_entries__captain__program=program, outcome=Conversation.Outcome.TALKED,
    ).values_list("relationship_id", flat=True))
    return set(CaptainPerson.objects.filter(captain__program=program, relationship_id__in=talked)
               .values_list("pk", flat=True))


def program_report(program: Program) -> ProgramReport:
    entries = list(CaptainPerson.objects.filter(captain__program=program)
                   .select_related("captain__user", "captain__team"))
    voted_people = set(Vote.objects.filter(election=program.election, person_id__in=[e.person_id for e in entries
                                                                                    if e.person_id])
                       .values_list("person_id", flat=True))
    contacted = contacted_entries(program)
    lines: dict[int, CaptainLine] = {}
    for captain in program.captains.select_related("user", "team").prefetch_related("check_ins"):
        lines[captain.pk] = CaptainLine(
            captain_id=captain.pk, name=captain.user.get_full_name() or captain.user.email, team=captain.team.name,
            committed=captain.committed_at is not None,
            check_ins=sum(1 for c in captain.check_ins.all() if c.held_at),
        )
    report = ProgramReport(program=program)
    rows: list[LiftRow] = []
    for entry in entries:
        line = lines[entry.captain_id]
        did_vote = entry.person_id in voted_people
        line.listed += 1
        line.treated += entry.arm != CaptainPerson.Arm.CONTROL
        line.contacted += entry.pk in contacted
        line.voted += did_vote
        if report.turnout_known and entry.person_id and entry.prediction in ("yes", "no"):
            line.predictions += 1
            line.predictions_right += (entry.prediction == "yes") == did_vote
        if entry.arm and entry.person_id:
            rows.append(LiftRow(person_id=str(entry.pk), captain_id=str(entry.captain_id),
                                treated=entry.arm == CaptainPerson.Arm.TREATMENT, voted=did_vote,
                                contacted=entry.pk in contacted))
    report.captains = sorted(lines.values(), key=lambda c: (-c.contacted, c.name))
    report.people = len(entries)
    report.contacted = len(contacted)
    report.voted = len([e for e in entries if e.person_id in voted_people])
    if not program.evaluate:
        report.evaluation_problem = "This program is not set up as a randomized evaluation."
    elif not report.turnout_known:
        report.evaluation_problem = "Import the final turnout file after the election to see the effect."
    else:
        try:
            report.evaluation = lift(rows)
        except ValueError as exc:
            report.evaluation_problem = f"No estimate: {exc}"
    return report


def arms_by_captain(program: Program) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = defaultdict(lambda: {"treatment": 0, "control": 0})
    for captain_id, arm in CaptainPerson.objects.filter(captain__program=program).values_list("captain_id", "arm"):
        if arm:
            counts[captain_id][arm] += 1
    return counts
