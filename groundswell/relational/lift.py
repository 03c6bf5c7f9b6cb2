"""The turnout lift of a randomized captain program: what the program did, with honest uncertainty.

Captains' lists are split at random *within* each captain (see `randomize.split`), so people on one list
share a captain, a neighbourhood and a social circle: their outcomes are correlated, and standard errors
that treat them as independent are too small. Every variance here is therefore clustered by captain.

Two effects:

- **ITT** (intention to treat): OLS of `voted` on an intercept and `treated`. The coefficient on `treated`
  is the difference in turnout between the arms. This is what the program achieved as it was run.
- **CACE** (complier average causal effect), when contact was logged: 2SLS of `voted` on `contacted`,
  instrumented by `treated`. The point estimate is the Wald ratio ITT / (share contacted among treated minus
  share contacted among control): the effect on the people the captains actually reached.

Choices, made deliberately (they decide how wide the interval is):

- **Small-sample correction: CR1**, the sandwich scaled by G/(G-1) x (N-1)/(N-K) with G captains, N people
  and K = 2 coefficients. This is Stata's `vce(cluster)` and statsmodels' default for
  `cov_type="cluster"` (`use_correction=True`), so an analyst can reproduce our numbers in either.
- **Reference distribution: Student t with G-1 degrees of freedom**, not the normal. A captain program has
  tens of clusters (Green & McClellan had 43); with so few, the normal understates the tails and the CI
  would be too narrow (Cameron & Miller 2015, section VI). statsmodels uses the *normal* by default for
  cluster-robust covariances; with `use_t=True` it uses t with G-1 degrees of freedom
  (`df_resid_inference`), and that is what our ITT matches exactly:
  `OLS(voted, [1, treated]).fit(cov_type="cluster", cov_kwds={"groups": captain}, use_t=True)`.
- The CACE uses the same CR1 scale and t(G-1), with the just-identified IV sandwich
  (Z'X)^-1 [sum_g Z_g' u_g u_g' Z_g] (X'Z)^-1 where u are the *structural* residuals y - X b (not the
  second-stage OLS residuals, which would give the wrong variance).

Inputs that make an estimate meaningless (an empty arm, one captain, no variation in turnout) raise
`ValueError` with a sentence saying what is wrong, rather than returning NaN.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import numpy as np
from scipy import stats

CONFIDENCE = 0.95


@dataclass(frozen=True)
class LiftRow:
    person_id: str
    captain_id: str
    treated: bool
    voted: bool
    contacted: bool | None = None


@dataclass(frozen=True)
class LiftReport:
    n_treated: int
    n_control: int
    turnout_treated: float
    turnout_control: float
    itt: float
    se: float
    ci_low: float
    ci_high: float
    p_value: float
    n_clusters: int
    cace: float | None = None
    cace_se: float | None = None
    cace_ci_low: float | None = None
    cace_ci_high: float | None = None
    cace_p_value: float | None = None
    # Sentences for the reader when part of the report could not be computed (e.g. nobody contacted).
    notes: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: full-precision floats (rounding is the display's job), `cace*` only when computed."""
        data = asdict(self)
        data["notes"] = list(self.notes)
        if self.cace is None:
            for key in ("cace", "cace_se", "cace_ci_low", "cace_ci_high", "cace_p_value"):
                del data[key]
        if not self.notes:
            del data["notes"]
        return data


@dataclass(frozen=True)
class _Estimate:
    coef: float
    se: float
    ci_low: float
    ci_high: float
    p_value: float


def lift(rows: Iterable[LiftRow]) -> LiftReport:
    """ITT (and CACE when every row says whether the person was contacted) of a program randomized within
    captain; see the module docstring for the estimators and the inference. Raises ValueError on data that
    cannot support them."""
    rows = list(rows)
    _check_rows(rows)
    treated = np.array([r.treated for r in rows], dtype=float)
    voted = np.array([r.voted for r in rows], dtype=float)
    _, clusters = np.unique([r.captain_id for r in rows], return_inverse=True)
    n_clusters = int(clusters.max()) + 1
    if n_clusters < 2:
        raise ValueError("all rows have the same captain: clustered standard errors need at least 2 captains")
    if voted.min() == voted.max():
        everyone = "everyone voted" if voted[0] else "nobody voted"
        raise ValueError(f"{everyone}: turnout does not vary, so there is no effect to estimate")

    design = np.column_stack([np.ones_like(treated), treated])
    itt = _iv(voted, design, design, clusters, n_clusters)
    if itt.se == 0.0:
        raise ValueError("turnout does not vary within either arm: the standard error is zero")

    report = dict(
        n_treated=int(treated.sum()),
        n_control=int(len(rows) - treated.sum()),
        turnout_treated=float(voted[treated == 1].mean()),
        turnout_control=float(voted[treated == 0].mean()),
        itt=itt.coef, se=itt.se, ci_low=itt.ci_low, ci_high=itt.ci_high, p_value=itt.p_value,
        n_clusters=n_clusters,
    )
    if rows[0].contacted is None:
        return LiftReport(**report)
    contacted = np.array([r.contacted for r in rows], dtype=float)
    first_stage = contacted[treated == 1].mean() - contacted[treated == 0].mean()
    if first_stage == 0.0:
        note = ("the complier effect is not computed: the share contacted is the same in both arms "
                f"({contacted[treated == 1].mean():.0%}), so treatment did not change who was contacted")
        return LiftReport(**report, notes=(note,))
    cace = _iv(voted, np.column_stack([np.ones_like(contacted), contacted]), design, clusters, n_clusters)
    return LiftReport(**report, cace=cace.coef, cace_se=cace.se, cace_ci_low=cace.ci_low,
                      cace_ci_high=cace.ci_high, cace_p_value=cace.p_value)


def _check_rows(rows: list[LiftRow]) -> None:
    if not rows:
        raise ValueError("no rows: there is nobody to analyse")
    ids: set[str] = set()
    for row in rows:
        if row.person_id in ids:
            raise ValueError(f"person {row.person_id!r} appears more than once")
        ids.add(row.person_id)
    n_treated = sum(1 for r in rows if r.treated)
    if n_treated == 0 or n_treated == len(rows):
        empty = "treatment" if n_treated == 0 else "control"
        raise ValueError(f"the {empty} group is empty: an effect needs people in both arms")
    given = {r.contacted is not None for r in rows}
    if len(given) > 1:
        raise ValueError("'contacted' is given for some rows and not others: give it for every row or none")


def _iv(y: np.ndarray, x: np.ndarray, z: np.ndarray, clusters: np.ndarray, n_clusters: int) -> _Estimate:
    """Just-identified IV, b = (Z'X)^-1 Z'y, with a CR1 cluster-robust sandwich and t(G-1) inference for
    the second coefficient. With Z = X it is OLS, so the ITT and the CACE share one code path."""
    n, k = x.shape
    zx_inv = np.linalg.inv(z.T @ x)
    beta = zx_inv @ (z.T @ y)
    residuals = y - x @ beta
    scores = np.zeros((n_clusters, k))
    np.add.at(scores, clusters, z * residuals[:, None])  # sum over each captain's people of z_i u_i
    meat = scores.T @ scores
    scale = n_clusters / (n_clusters - 1) * (n - 1) / (n - k)
    cov = scale * zx_inv @ meat @ zx_inv.T
    coef, se = float(beta[1]), float(np.sqrt(max(cov[1, 1], 0.0)))
    if se <= 1e-12:
        raise ValueError("the effect is the same for every captain: its clustered standard error is zero, "
                         "so there is no honest interval")
    df = n_clusters - 1
    margin = float(stats.t.ppf(0.5 + CONFIDENCE / 2, df)) * se
    p_value = float(2 * stats.t.sf(abs(coef / se), df)) if se > 0 else 1.0
    return _Estimate(coef=coef, se=se, ci_low=coef - margin, ci_high=coef + margin, p_value=p_value)
