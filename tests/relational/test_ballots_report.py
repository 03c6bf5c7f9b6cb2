import datetime as dt
import uuid

import numpy as np
import pytest
import statsmodels.api as sm

from groundswell.common.errors import PermissionDenied
from groundswell.people.models import Person, Vote
from groundswell.relational.models import CaptainPerson
from groundswell.relational.report import program_report
from groundswell.relational.selectors import captain_people
from groundswell.relational.services_ballots import BallotFileError, ballot_import, error_csv
from groundswell.relational.services_conversations import conversation_log
from groundswell.relational.services_programs import captain_commit
from tests import factories
from tests.conftest import actor_for
from tests.people.vote_helpers import wrong_masks
from tests.relational.helpers import captain_with_list, program


def test_early_vote_file_shows_captains_who_voted(vol, personas, org_tree):
    prog = program(personas.organizer, org_tree.north, goal_min=2, evaluate=False)
    captain = captain_with_list(vol, prog, org_tree.north, 3)
    data = b"voter_id,method\nV0,early\nV2,mail\nNOPE,early\n,early\nV0,early\n"
    job = ballot_import(actor=actor_for(personas.organizer), program=prog, kind="early", file_name="ev.csv", data=data)
    assert (job.rows, job.voted, job.unknown) == (5, 2, 1)
    assert [e[0] for e in job.errors] == [4, 5, 6]  # unknown id, no id, repeated id: with their lines
    voted = {e.relationship.first_name: e.voted for e in captain_people(captain)}
    assert voted == {"CV0": True, "CV1": False, "CV2": True}
    assert "no one in the voter file has this id" in error_csv(job)
    # the file comes again the next day, with one more voter: nothing is counted twice
    ballot_import(actor=actor_for(personas.organizer), program=prog, kind="early", file_name="ev2.csv",
                  data=b"voter_id\nV0\nV1\nV2\n")
    assert Vote.objects.filter(election="2026-general").count() == 3
    assert wrong_masks(org_tree.org) == {}
    assert Person.objects.filter(voted_mask__gt=0).count() == 3


def test_final_file_zero_takes_back_a_vote_and_marks_turnout_in(vol, personas, org_tree):
    prog = program(personas.organizer, org_tree.north, goal_min=2, evaluate=False)
    captain_with_list(vol, prog, org_tree.north, 2)
    organizer = actor_for(personas.organizer)
    ballot_import(actor=organizer, program=prog, kind="early", file_name="ev.csv", data=b"voter_id\nV0\nV1\n")
    job = ballot_import(actor=organizer, program=prog, kind="final", file_name="t.csv",
                        data=b"voter_id;voted\nV0;1\nV1;0\nV1x;maybe\n")
    assert Vote.objects.filter(election="2026-general").count() == 1
    assert wrong_masks(org_tree.org) == {}  # the vote taken back is gone from the mask too
    assert Person.objects.filter(voted_mask__gt=0).count() == 1
    assert job.errors[0][1].startswith("no one") or "voted must be 0 or 1" in job.errors[0][1]
    prog.refresh_from_db()
    assert prog.turnout_imported_at is not None


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"name,age\nAnn,3\n", "no voter id column"), (b"\x00\x01\x02binary", "not a CSV"),
    (b"voter_id\n", "no rows"),
])
def test_unreadable_files_are_refused_whole(personas, org_tree, data, message):
    prog = program(personas.organizer, org_tree.north)
    with pytest.raises(BallotFileError, match=message):
        ballot_import(actor=actor_for(personas.organizer), program=prog, kind="early", file_name="x.csv", data=data)
    assert not prog.ballot_imports.exists()


def test_volunteers_cannot_import_ballots(vol, personas, org_tree):
    prog = program(personas.organizer, org_tree.north)
    with pytest.raises(PermissionDenied):
        ballot_import(actor=vol, program=prog, kind="early", file_name="x.csv", data=b"voter_id\nV0\n")


def test_report_estimates_match_ols_with_cluster_robust_errors(personas, org_tree):
    """Three captains, randomized lists, turnout and logged conversations: the report's ITT is the OLS
    coefficient with captain-clustered errors (statsmodels as the independent check)."""
    prog = program(personas.organizer, org_tree.north, goal_min=4, goal_max=20)
    rng = np.random.default_rng(7)
    voters = []
    for c in range(4):
        user = factories.user()
        factories.membership(org_tree.north_team, "volunteer", user_obj=user)
        actor = actor_for(user)
        captain = captain_with_list(actor, prog, org_tree.north, 12, prefix=f"C{c}-")
        captain_commit(actor=actor, captain=captain)
        for entry in captain_people(captain):
            if rng.random() < 0.7:
                conversation_log(actor=actor, relationship=entry.relationship, client_uuid=uuid.uuid4())
        voters.append(captain)
    entries = list(CaptainPerson.objects.filter(captain__program=prog).exclude(arm=""))
    ids = []
    for entry in entries:
        if rng.random() < (0.65 if entry.arm == "treatment" else 0.45):
            ids.append(entry.person.external_ids.get().value)
    ballot_import(actor=actor_for(personas.organizer), program=prog, kind="final", file_name="turnout.csv",
                  data=("voter_id\n" + "\n".join(ids) + "\n").encode())
    prog.refresh_from_db()
    report = program_report(prog)
    ev = report.evaluation
    assert ev is not None, report.evaluation_problem
    voted_people = set(Vote.objects.filter(election=prog.election).values_list("person_id", flat=True))
    y = np.array([e.person_id in voted_people for e in entries], dtype=float)
    x = sm.add_constant(np.array([e.arm == "treatment" for e in entries], dtype=float))
    fit = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": np.array([e.captain_id for e in entries])})
    assert ev.itt == pytest.approx(fit.params[1], abs=1e-9)
    assert ev.se == pytest.approx(fit.bse[1], rel=1e-6)
    assert ev.n_treated + ev.n_control == len(entries) and ev.n_clusters == 4
    assert ev.cace is not None  # conversations were logged
    assert report.contacted > 0 and sum(c.listed for c in report.captains) == 48


def test_report_waits_for_turnout(vol, personas, org_tree):
    prog = program(personas.organizer, org_tree.north, goal_min=2)
    captain_commit(actor=vol, captain=captain_with_list(vol, prog, org_tree.north, 2))
    report = program_report(prog)
    assert report.evaluation is None and "turnout file" in report.evaluation_problem


def test_prediction_accuracy_per_captain(vol, personas, org_tree):
    prog = program(personas.organizer, org_tree.north, goal_min=2, evaluate=False)
    captain = captain_with_list(vol, prog, org_tree.north, 3)
    predictions = dict(zip(["CV0", "CV1", "CV2"], ["yes", "no", "maybe"], strict=True))
    for entry in captain.people.select_related("relationship"):
        entry.prediction = predictions[entry.relationship.first_name]
        entry.save()
    ballot_import(actor=actor_for(personas.organizer), program=prog, kind="final", file_name="t.csv",
                  data=b"voter_id,voted\nV0,1\nV1,1\nV2,0\n", now=dt.datetime(2026, 11, 10, tzinfo=dt.UTC))
    prog.refresh_from_db()
    line = program_report(prog).captains[0]
    assert (line.predictions, line.predictions_right) == (2, 1)  # yes/voted right, no/voted wrong; maybe ignored
