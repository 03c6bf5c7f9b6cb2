"""The demo's relational organizing: contacts typed like real ones, matches, and a finished randomized program
whose report has an estimate."""

import pytest

from groundswell.orgs.demo import demo_load
from groundswell.orgs.models import Team
from groundswell.relational.demo import PROGRAM_2026, PROGRAM_2027, relational_demo_load
from groundswell.relational.models import Program, Relationship
from groundswell.relational.report import program_report


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DEMO_PARTS = ("people", "relational")  # what these tests look at (the demo loads faster)


def test_demo_volunteers_have_people_and_the_program_has_an_evaluation(db, settings):
    settings.DEMO_PEOPLE = 4000
    demo_load()
    mine = Relationship.objects.filter(owner__email="volunteer@example.org")
    statuses = set(mine.values_list("match_status", flat=True))
    assert {Relationship.Match.CONFIRMED, Relationship.Match.CANDIDATES} <= statuses  # some left to confirm
    finished = Program.objects.get(name=PROGRAM_2026)
    assert finished.status == Program.Status.FINISHED and finished.turnout_imported_at is not None
    report = program_report(finished)
    assert report.evaluation is not None, report.evaluation_problem
    assert report.evaluation.n_treated > 0 and report.evaluation.n_control > 0
    assert Program.objects.get(name=PROGRAM_2027).status == Program.Status.ENROLLING
    org = Team.objects.get(depth=1)
    before = Relationship.objects.count()
    relational_demo_load(org)  # a second load finds the program and adds nothing
    assert Relationship.objects.count() == before
