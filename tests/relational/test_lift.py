"""The lift estimates checked against statsmodels, an independent implementation of the same estimators."""

import json

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats

from groundswell.relational.lift import LiftRow, lift


def simulate(seed: int = 5, captains: int = 43, per_captain: int = 18, effect: float = 0.13,
             contact_rate: float | None = None) -> list[LiftRow]:
    """A Green & McClellan-sized program: half of each list treated, captain-level turnout shocks (so the
    clustering matters), and when contact_rate is given, one-sided non-compliance with compliers who are
    the only ones the program moves."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(captains):
        base = np.clip(0.45 + rng.normal(0, 0.12), 0.05, 0.8)  # base + effect stays a probability
        n = per_captain + int(rng.integers(-3, 4))
        treated = rng.permutation(np.arange(n) < n // 2)
        for i in range(n):
            contacted = None
            lifted = bool(treated[i])
            if contact_rate is not None:
                contacted = bool(treated[i]) and rng.random() < contact_rate
                lifted = contacted
            p = base + (effect if lifted else 0.0)
            rows.append(LiftRow(f"p{c}-{i}", f"captain-{c}", bool(treated[i]), bool(rng.random() < p), contacted))
    return rows


def statsmodels_itt(rows: list[LiftRow]):
    y = np.array([r.voted for r in rows], dtype=float)
    x = sm.add_constant(np.array([r.treated for r in rows], dtype=float))
    groups = np.unique([r.captain_id for r in rows], return_inverse=True)[1]
    return sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)


@pytest.mark.parametrize("seed", [5, 11, 2020])
def test_itt_matches_statsmodels_cluster_robust_ols_with_t_inference(seed):
    rows = simulate(seed)
    report = lift(rows)
    reference = statsmodels_itt(rows)

    assert reference.df_resid_inference == report.n_clusters - 1 == 42  # t with G-1 df, as documented
    assert report.itt == pytest.approx(reference.params[1], abs=1e-12)
    assert report.se == pytest.approx(reference.bse[1], rel=1e-10)
    low, high = reference.conf_int(alpha=0.05)[1]
    assert (report.ci_low, report.ci_high) == (pytest.approx(low, rel=1e-10), pytest.approx(high, rel=1e-10))
    assert report.p_value == pytest.approx(reference.pvalues[1], rel=1e-8)


def test_counts_and_turnout_by_arm():
    rows = simulate(7)
    report = lift(rows)
    treated = [r for r in rows if r.treated]
    control = [r for r in rows if not r.treated]
    assert (report.n_treated, report.n_control, report.n_clusters) == (len(treated), len(control), 43)
    assert report.turnout_treated == pytest.approx(sum(r.voted for r in treated) / len(treated))
    assert report.turnout_control == pytest.approx(sum(r.voted for r in control) / len(control))
    assert report.itt == pytest.approx(report.turnout_treated - report.turnout_control)
    assert report.cace is None and report.cace_se is None


def test_the_95_percent_interval_covers_the_true_effect_about_95_percent_of_the_time():
    reports = [lift(simulate(seed, effect=0.13)) for seed in range(300)]
    coverage = sum(r.ci_low < 0.13 < r.ci_high for r in reports) / len(reports)
    assert 0.91 <= coverage <= 0.98
    # ... and a 13-point effect on ~770 people is detected most of the time (Green & McClellan's power).
    assert sum(r.p_value < 0.05 for r in reports) / len(reports) > 0.7


def test_cace_point_estimate_is_the_wald_ratio_and_its_se_an_independent_sandwich():
    rows = simulate(13, contact_rate=0.6)
    report = lift(rows)

    treated = np.array([r.treated for r in rows], dtype=float)
    contacted = np.array([r.contacted for r in rows], dtype=float)
    voted = np.array([r.voted for r in rows], dtype=float)
    first_stage = contacted[treated == 1].mean() - contacted[treated == 0].mean()
    itt = voted[treated == 1].mean() - voted[treated == 0].mean()
    assert report.cace == pytest.approx(itt / first_stage, rel=1e-10)

    # The just-identified IV variance of b equals the cluster-robust variance of the coefficient on
    # `treated` in an OLS of the structural residual outcome (voted - b * contacted), divided by the
    # first stage squared: computed here with statsmodels' own sandwich, not ours.
    groups = np.unique([r.captain_id for r in rows], return_inverse=True)[1]
    transformed = sm.OLS(voted - report.cace * contacted, sm.add_constant(treated)).fit(
        cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
    assert transformed.params[1] == pytest.approx(0.0, abs=1e-12)
    assert report.cace_se == pytest.approx(transformed.bse[1] / first_stage, rel=1e-10)
    t_crit = stats.t.ppf(0.975, report.n_clusters - 1)
    assert report.cace_ci_low == pytest.approx(report.cace - t_crit * report.cace_se, rel=1e-10)
    assert report.cace_ci_high == pytest.approx(report.cace + t_crit * report.cace_se, rel=1e-10)
    expected_p = 2 * stats.t.sf(abs(report.cace / report.cace_se), report.n_clusters - 1)
    assert report.cace_p_value == pytest.approx(expected_p, rel=1e-10)


def test_cace_with_two_sided_noncompliance_matches_the_manual_2sls():
    rows = [
        LiftRow(r.person_id, r.captain_id, r.treated, r.voted, r.contacted or (i % 17 == 0))
        for i, r in enumerate(simulate(21, contact_rate=0.5))
    ]
    report = lift(rows)
    y = np.array([r.voted for r in rows], dtype=float)
    d = np.array([r.contacted for r in rows], dtype=float)
    z = np.array([r.treated for r in rows], dtype=float)
    # Manual 2SLS: first stage fitted values, second stage OLS; the point estimate is the same.
    fitted = sm.OLS(d, sm.add_constant(z)).fit().fittedvalues
    second = sm.OLS(y, sm.add_constant(fitted)).fit()
    assert report.cace == pytest.approx(second.params[1], rel=1e-10)


def test_nobody_contacted_reports_the_itt_and_says_why_there_is_no_cace():
    rows = [LiftRow(r.person_id, r.captain_id, r.treated, r.voted, False) for r in simulate(4)]
    report = lift(rows)
    assert report.cace is None and report.cace_se is None
    assert "same in both arms" in report.notes[0]
    assert report.itt == pytest.approx(lift(simulate(4)).itt)
    assert "cace" not in report.as_dict() and report.as_dict()["notes"] == list(report.notes)


def test_as_dict_is_json_without_nan():
    data = lift(simulate(8, contact_rate=0.7)).as_dict()
    text = json.dumps(data, allow_nan=False)
    assert set(json.loads(text)) >= {"n_treated", "n_control", "turnout_treated", "turnout_control", "itt", "se",
                                     "ci_low", "ci_high", "p_value", "cace", "cace_se", "n_clusters"}


def _rows(spec: list[tuple[str, bool, bool]]) -> list[LiftRow]:
    return [LiftRow(f"p{i}", captain, treated, voted) for i, (captain, treated, voted) in enumerate(spec)]


@pytest.mark.parametrize(("rows", "message"), [
    ([], "no rows"),
    (_rows([("a", True, True), ("a", True, False), ("b", True, False)]), "control group is empty"),
    (_rows([("a", False, True), ("b", False, False)]), "treatment group is empty"),
    (_rows([("a", True, True), ("a", False, False), ("a", True, False)]), "at least 2 captains"),
    (_rows([("a", True, True), ("a", False, True), ("b", True, True), ("b", False, True)]), "everyone voted"),
    (_rows([("a", True, False), ("a", False, False), ("b", True, False), ("b", False, False)]), "nobody voted"),
    (_rows([("a", True, True), ("a", False, False), ("b", True, True), ("b", False, False)]), "standard error"),
    ([LiftRow("x", "a", True, True), LiftRow("x", "b", False, False)], "more than once"),
    ([LiftRow("x", "a", True, True, True), LiftRow("y", "b", False, False)], "some rows and not others"),
])
def test_data_that_cannot_support_an_estimate_is_a_clear_value_error(rows, message):
    with pytest.raises(ValueError, match=message):
        lift(rows)
