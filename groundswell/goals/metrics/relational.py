"""Relational organizing: contacts volunteers add and match, and conversations (with outreach's reached
attempts — a conversation is a conversation whichever tool logged it)."""

from groundswell.goals.metrics.base import Metric, Source, register
from groundswell.goals.metrics.outreach import REACHED
from groundswell.relational.selectors import org_conversations, org_relationships

COLUMNS = (("created_at", "Added"), ("first_name", "First name"), ("last_name", "Last name"),
           ("owner__email", "Volunteer"))
PERSONAL = frozenset({"first_name", "last_name", "owner__email"})

ADDED = Source("relationships", org_relationships, at="created_at", team="team", user="owner",
               columns=COLUMNS, personal=PERSONAL)
MATCHED = Source("matched relationships", lambda org: org_relationships(org, matched=True), at="matched_at",
                 team="team", user="owner", columns=(("matched_at", "Matched"), *COLUMNS[1:]), personal=PERSONAL)
TALKS = Source("relational conversations", org_conversations, at="created_at", team="relationship__team",
               user="owner", columns=(("created_at", "When"), ("channel", "Channel"), ("owner__email", "Volunteer")),
               personal=frozenset({"owner__email"}))

register(
    Metric("conversations", "Conversations", "conversations", (REACHED, TALKS)),
    Metric("relationships_added", "Relationships added", "contacts", (ADDED,)),
    Metric("relationships_matched", "Relationships matched", "contacts", (MATCHED,)),
)
