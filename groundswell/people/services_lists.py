"""Writes to lists: save a dynamic list, freeze a static one, rename, delete. Every write is audited.

Callers pass a team or list already fetched through access/selectors with EDIT_PEOPLE."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Team
from groundswell.people.filters import validate_filters
from groundswell.people.models import ListMember, PeopleList
from groundswell.people.selectors_lists import filtered_people, list_people
from groundswell.people.services import org_of


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Give the list a name."})
    if len(name) > 120:
        raise ValidationError({"name": "At most 120 characters."})
    return name


@transaction.atomic
def list_create(
    *, actor: Actor, team: Team, name: str, kind: str = PeopleList.Kind.DYNAMIC, filters: dict | None = None,
    description: str = "",
) -> PeopleList:
    """A new list owned by `team`. A static list is filled at once with the people the filter matches now."""
    org = org_of(team)
    name = _clean_name(name)
    if kind not in PeopleList.Kind.values:
        raise ValidationError({"kind": f"must be one of {', '.join(PeopleList.Kind.values)}"})
    spec = validate_filters(filters or {}, org)
    now = timezone.now()
    people_list = PeopleList.objects.create(
        org=org, team=team, name=name, kind=kind, filters=spec, description=description,
        created_by=_user(actor), created_at=now, updated_at=now,
    )
    added = None
    if kind == PeopleList.Kind.STATIC:
        added = _fill(people_list, filtered_people(actor, team, spec), now)
    _audit(actor, "people.list.created", people_list, {"kind": kind, "filters": spec, "people": added})
    return people_list


@transaction.atomic
def list_update(
    *, actor: Actor, people_list: PeopleList, name: str, filters: dict | None = None, description: str | None = None
) -> PeopleList:
    """Rename a list and, for a dynamic list, replace its filter (a static list's members stay as frozen)."""
    people_list.name = _clean_name(name)
    if filters is not None and people_list.kind == PeopleList.Kind.DYNAMIC:
        people_list.filters = validate_filters(filters, people_list.org)
    if description is not None:
        people_list.description = description
    people_list.updated_at = timezone.now()
    people_list.save(update_fields=["name", "filters", "description", "updated_at"])
    _audit(actor, "people.list.saved", people_list, {"filters": people_list.filters})
    return people_list


@transaction.atomic
def list_freeze(*, actor: Actor, people_list: PeopleList, name: str = "") -> PeopleList:
    """A new static list holding the people `people_list` gives the actor right now."""
    now = timezone.now()
    frozen = PeopleList.objects.create(
        org=people_list.org, team=people_list.team, kind=PeopleList.Kind.STATIC,
        name=_clean_name(name or f"{people_list.name} ({timezone.localdate():%Y-%m-%d})"[:120]),
        description=people_list.description, filters=people_list.filters, frozen_from=people_list,
        created_by=_user(actor), created_at=now, updated_at=now, frozen_at=now,
    )
    added = _fill(frozen, list_people(actor, people_list), now)
    _audit(actor, "people.list.frozen", frozen, {"from_list": people_list.pk, "people": added})
    return frozen


@transaction.atomic
def list_delete(*, actor: Actor, people_list: PeopleList) -> None:
    data = {"name": people_list.name, "kind": people_list.kind}
    _audit(actor, "people.list.deleted", people_list, data)
    people_list.delete()


def _fill(people_list: PeopleList, people, now) -> int:
    """Add `people` as members in one INSERT … SELECT: the database copies the ids, Python never sees them."""
    ids_sql, params = people.order_by().values(member_id=F("pk")).query.sql_with_params()
    table = connection.ops.quote_name(ListMember._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (list_id, person_id, added_at) SELECT %s, src.member_id, %s FROM ({ids_sql}) src",  # noqa: S608
            [people_list.pk, connection.ops.adapt_datetimefield_value(now), *params],
        )
        added = cursor.rowcount
    if people_list.frozen_at is None:
        PeopleList.objects.filter(pk=people_list.pk).update(frozen_at=now)
        people_list.frozen_at = now
    return added


def _audit(actor: Actor, action: str, people_list: PeopleList, data: dict) -> None:
    audit_log(actor=actor, action=action, target=people_list, team_path=people_list.team.path, data=data)


def _user(actor):
    user = getattr(actor, "user", actor)
    return user if getattr(user, "pk", None) else None
