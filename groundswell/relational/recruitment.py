"""The recruitment tree of a team's branch: who brought whom (Membership.recruited_by), how deep the chains go,
how much each recruiter's branch grew, and how many people each branch reached through relational contacts."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from groundswell.common.errors import NotFound
from groundswell.orgs.access import Actor, visible_teams
from groundswell.orgs.models import Membership, Team
from groundswell.orgs.roles import Cap
from groundswell.relational.models import Conversation, Relationship


@dataclass
class Node:
    user_id: int
    name: str
    team: str
    depth: int = 0
    recruits: int = 0  # direct (branching)
    branch: int = 1  # this volunteer and everyone recruited below them
    contacts: int = 0  # relational contacts listed by the branch
    reached: int = 0  # of those, people the branch talked to


@dataclass
class Tree:
    rows: list[Node]  # depth-first, roots first: ready to show indented
    max_depth: int
    recruiters: int
    mean_branching: float


def recruitment_tree(actor: Actor, team: Team) -> Tree:
    if not visible_teams(actor, Cap.VIEW_MEMBERS).filter(pk=team.pk).exists():
        raise NotFound("team")
    memberships = (Membership.objects.filter(team__path__startswith=team.path)
                   .select_related("user", "team").order_by("created_at", "id"))
    nodes: dict[int, Node] = {}
    parent: dict[int, int | None] = {}
    for m in memberships:
        if m.user_id in nodes:
            continue  # one node per person, at their first membership in the branch
        nodes[m.user_id] = Node(user_id=m.user_id, name=m.user.get_full_name() or m.user.email, team=m.team.name)
        parent[m.user_id] = m.recruited_by_id
    children: dict[int | None, list[int]] = defaultdict(list)
    for user_id, recruiter in parent.items():
        children[recruiter if recruiter in nodes and recruiter != user_id else None].append(user_id)
    contacts = dict(Relationship.objects.filter(owner_id__in=nodes).values("owner_id").annotate(n=Count("id"))
                    .values_list("owner_id", "n"))
    reached = dict(Conversation.objects.filter(owner_id__in=nodes, outcome=Conversation.Outcome.TALKED)
                   .values("owner_id").annotate(n=Count("relationship", distinct=True)).values_list("owner_id", "n"))
    rows: list[Node] = []

    def visit(user_id: int, depth: int, seen: frozenset[int]) -> Node:
        node = nodes[user_id]
        node.depth = depth
        node.contacts = contacts.get(user_id, 0)
        node.reached = reached.get(user_id, 0)
        rows.append(node)
        kids = [k for k in children.get(user_id, []) if k not in seen]
        node.recruits = len(kids)
        for kid in kids:
            child = visit(kid, depth + 1, seen | {kid})
            node.branch += child.branch
            node.contacts += child.contacts
            node.reached += child.reached
        return node

    for root in children.get(None, []):
        visit(root, 0, frozenset({root}))
    for user_id in nodes:  # a recruitment loop (A brought B, B brought A) has no root: show it from its first
        if all(n.user_id != user_id for n in rows):
            visit(user_id, 0, frozenset({user_id}))
    recruiters = [n for n in rows if n.recruits]
    return Tree(
        rows=rows, max_depth=max((n.depth for n in rows), default=0), recruiters=len(recruiters),
        mean_branching=sum(n.recruits for n in recruiters) / len(recruiters) if recruiters else 0.0,
    )
