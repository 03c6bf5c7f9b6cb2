"""Who a one-on-one or a ladder move is about: a member of the team's subtree (through their CRM record,
made the first time) or a person the actor may develop (leadership.access). Anything else is a field error,
never a crash and never a record of someone out of reach."""

from django.core.exceptions import ValidationError

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.leadership.access import get_developable_person
from groundswell.orgs.access import Actor, subtree_q
from groundswell.orgs.models import Membership, Team
from groundswell.people.models import Person
from groundswell.people.services_intake import person_for_member

OUT_OF_REACH = "Choose someone on this team, or a person you work with."


def team_members(team: Team):
    """Memberships of `team`'s subtree, one per user (their nearest team first), for choosing someone."""
    rows = (Membership.objects.filter(subtree_q([team.path], field_name="team__path"))
            .select_related("user", "team").order_by("user__full_name", "team__path"))
    seen, members = set(), []
    for membership in rows:
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            members.append(membership)
    return members


def subject_for(actor: Actor, team: Team, *, member_id: int | None = None, person_id: int | None = None) -> Person:
    if member_id:
        membership = (Membership.objects.filter(subtree_q([team.path], field_name="team__path"), user_id=member_id)
                      .select_related("user", "team").order_by("-team__path").first())
        if membership is None:
            raise ValidationError({"person": OUT_OF_REACH})
        return person_for_member(user=membership.user, team=membership.team)
    if person_id:
        try:
            return get_developable_person(actor, person_id)
        except (NotFound, PermissionDenied):
            raise ValidationError({"person": OUT_OF_REACH}) from None
    raise ValidationError({"person": "Choose who you are meeting."})

