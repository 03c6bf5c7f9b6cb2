"""Leadership development: one-on-ones held and commitments kept, credited to the organizer who held the
meeting or follows the commitment up."""

from groundswell.goals.metrics.base import Metric, Source, register
from groundswell.leadership.selectors import org_commitments_kept, org_one_on_ones_held

HELD = Source("one-on-ones", org_one_on_ones_held, at="held_at", team="team", user="organizer",
              columns=(("held_at", "Held"), ("person__first_name", "With"), ("organizer__email", "Organizer")),
              personal=frozenset({"person__first_name", "organizer__email"}))
KEPT = Source("commitments", org_commitments_kept, at="resolved_at", team="team", user="owner",
              columns=(("resolved_at", "Kept on"), ("what", "Commitment"), ("person__first_name", "Who"),
                       ("owner__email", "Followed up by")),
              personal=frozenset({"what", "person__first_name", "owner__email"}))

register(
    Metric("one_on_ones", "One-on-ones held", "one-on-ones", (HELD,),
           note="No one-on-ones recorded yet: record them under Leadership → One-on-ones."),
    Metric("commitments_kept", "Commitments kept", "commitments", (KEPT,),
           note="No commitments kept yet: commitments come from one-on-ones."),
)
