"""Authorization-matrix entries for "my people" (/my-people/..., see tests/matrix.py).

A contact belongs to the volunteer who added it, not to a team, so these are "self" routes: the matrix checks
that every signed-in role is served on their *own* contact (the url callables make one for the user) and that
anonymous visitors are sent to sign in. That someone else's contact is 404 for every role — which the matrix's
vocabulary cannot say — is checked route by route in tests/relational/test_api.py
(test_owner_only_routes_are_404_to_anyone_else), from `OWNED` below.

The matrix posts without a body, so the forms that then fail validation answer 422 (point-add,
conversation-add): still "served", not 403 or 404."""

from django.urls import reverse

from groundswell.orgs.models import Membership
from groundswell.people.services import org_of
from groundswell.relational.models import Relationship, RelationshipPoint
from tests.matrix import Route, seq

SERVED_OR_INVALID = frozenset({200, 302, 422})


def my_contact(user) -> Relationship:
    """A contact of `user`, kept for the team of their first membership (as the services would)."""
    team = Membership.objects.filter(user=user).select_related("team").order_by("id").first().team
    return Relationship.objects.create(org=org_of(team), team=team, owner=user, first_name="Matrix",
                                       last_name=f"Contact{next(seq)}")


def my_point(user) -> RelationshipPoint:
    return RelationshipPoint.objects.create(relationship=my_contact(user), kind=RelationshipPoint.Kind.PHONE,
                                            value=f"+1312555{next(seq) % 10000:04d}")


def contact_url(name: str, *extra):
    return lambda user: reverse(name, args=[my_contact(user).pk, *extra])


def point_url(name: str):
    return lambda user: reverse(name, args=[my_point(user).pk])


# Routes about one object of the user's own: another user gets 404 (tests/relational/test_api.py).
OWNED: dict[str, Route] = {
    "relational:person-detail": Route("GET", "self", url=contact_url("relational:person-detail")),
    "relational:person-edit": Route("GET", "self", url=contact_url("relational:person-edit")),
    "relational:person-delete": Route("POST", "self", url=contact_url("relational:person-delete")),
    "relational:point-add": Route("POST", "self", url=contact_url("relational:point-add"), ok=SERVED_OR_INVALID,
                                  payload=lambda t: {"kind": "phone", "value": "+13125550123"}),
    "relational:point-share": Route("POST", "self", url=point_url("relational:point-share"),
                                    payload=lambda t: {"shared": "1"}),
    "relational:point-remove": Route("POST", "self", url=point_url("relational:point-remove")),
    "relational:match-answer": Route("POST", "self", url=contact_url("relational:match-answer", "none")),
    "relational:conversation-add": Route("POST", "self", url=contact_url("relational:conversation-add"),
                                         ok=SERVED_OR_INVALID),
    "relational:invite": Route("POST", "self", url=contact_url("relational:invite")),
}

WEB: dict[str, Route] = {
    "relational:people-index": Route("GET", "self"),
    # Adding needs a team to keep the list for (a role that makes contacts); without one the form says so (200).
    "relational:people-add": Route("GET", "self"),
    "relational:people-paste": Route("GET", "self"),
    "relational:people-upload": Route("GET", "self"),
    **OWNED,
}
API: dict[str, Route] = {}
