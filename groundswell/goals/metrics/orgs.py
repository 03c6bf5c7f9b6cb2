"""New volunteers recruited, credited to whoever recruited them."""

from groundswell.goals.metrics.base import Metric, Source, register
from groundswell.orgs.selectors import org_recruits

RECRUITS = Source("memberships", org_recruits, at="created_at", team="team", user="recruited_by",
                  columns=(("created_at", "Joined"), ("user__email", "Volunteer"),
                           ("recruited_by__email", "Recruited by")),
                  personal=frozenset({"user__email", "recruited_by__email"}))

register(Metric("volunteers_recruited", "Volunteers recruited", "volunteers", (RECRUITS,)))
