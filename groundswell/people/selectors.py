"""Reads of person records. Every read starts from `people_for`, which goes through access.scoped."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.access import Actor, scoped, visible_teams
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.people.contact_points import InvalidContactPoint, normalize_email, parse_phone
from groundswell.people.models import (
    ACTIVE,
    Channel,
    ConsentEvent,
    CustomField,
    Email,
    Note,
    Person,
    PersonTag,
    Phone,
    Tag,
    TimelineEntry,
)
from groundswell.people.timezones import STATE_TIME_ZONES, time_zone_for_phone


def people_for(actor: Actor, cap: Cap = Cap.VIEW_PEOPLE) -> QuerySet[Person]:
    """People (not soft-deleted) owned by teams where the actor holds `cap`."""
    return scoped(Person.objects.filter(ACTIVE), actor, cap=cap)


def get_person_for(actor: Actor, person_id: int, cap: Cap = Cap.VIEW_PEOPLE) -> Person:
    """A person the actor may see and do `cap` to.

    NotFound when the person does not exist, is soft-deleted, or belongs to a team outside the actor's
    teams; PermissionDenied when the person's team is one of theirs but their role does not open the CRM
    (or does not allow `cap`) — the same rule as teams in access.get_team_for."""
    person = people_for(actor).select_related("team", "org").filter(pk=person_id).first()
    if person is None:
        if scoped(Person.objects.filter(ACTIVE, pk=person_id), actor, cap=Cap.VIEW_TEAM).exists():
            raise PermissionDenied("you may not see people's records on this team")
        raise NotFound("person")
    if cap != Cap.VIEW_PEOPLE and not actor.can(cap, person.team):
        raise PermissionDenied(f"you may not {cap.value.replace('_', ' ')} for this person")
    return person


def person_search(*, actor: Actor, team: Team | None = None, q: str = "", tag: str = "") -> QuerySet[Person]:
    """People in `team`'s subtree (or everywhere the actor sees) matching `q` and `tag`.

    `q` matches a phone number written in any format (compared in E.164), an email address (normalised),
    or else every word of it against first, last and middle names. Phone, email and tag matches are
    `pk IN (subquery)` rather than joins, so a person matches once and counting needs no DISTINCT."""
    people = people_for(actor)
    # Phones, emails and tags are indexed by organization first; naming it lets those indexes serve.
    org_ids = None
    if team is not None:
        people = people.filter(team__in=Team.objects.filter(path__startswith=team.path))
        org_ids = Team.objects.filter(path=team.org_path).values("pk")
    if tag:
        tagged = _in_orgs(PersonTag.objects.filter(tag__name__iexact=tag.strip()), org_ids, "tag__org__in")
        people = people.filter(pk__in=tagged.values("person_id"))
    query = q.strip()
    if query:
        people = people.filter(_query_filter(query, org_ids))
    return people.prefetch_related("phones", "tags")


def _in_orgs(qs: QuerySet, org_ids, lookup: str = "org__in") -> QuerySet:
    return qs if org_ids is None else qs.filter(**{lookup: org_ids})


def _query_filter(query: str, org_ids) -> Q:
    if "@" in query:
        try:
            emails = Email.objects.filter(address=normalize_email(query))
        except InvalidContactPoint:
            emails = Email.objects.filter(address__icontains=query.lower())
        return Q(pk__in=_in_orgs(emails, org_ids).values("person_id"))
    digits = "".join(ch for ch in query if ch.isdigit())
    if len(digits) >= 7 and not any(ch.isalpha() for ch in query):
        try:
            phones = Phone.objects.filter(number=parse_phone(query).number)
        except InvalidContactPoint:
            # A local number without its area code (555-0123) still finds the people it ends.
            phones = Phone.objects.filter(number__endswith=digits)
        return Q(pk__in=_in_orgs(phones, org_ids).values("person_id"))
    words = Q()
    for word in query.split():
        words &= Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(middle_name__icontains=word)
    return words


PAGE_ITEMS = 100  # newest notes and timeline entries shown on a person's page


def person_detail(*, actor: Actor, person_id: int) -> Person:
    """One person with everything the detail page shows, fetched in a fixed number of queries."""
    person = get_person_for(actor, person_id)
    return (
        Person.objects.filter(pk=person.pk)
        .select_related("team", "org")
        .prefetch_related(
            "phones", "emails", "external_ids", "votes", "tags",
            Prefetch("notes", Note.objects.select_related("author")[:PAGE_ITEMS], to_attr="recent_notes"),
            Prefetch("timeline", TimelineEntry.objects.select_related("actor")[:PAGE_ITEMS], to_attr="recent_timeline"),
        )
        .get()
    )


def people_count(*, actor: Actor, team: Team) -> int:
    """How many people the actor sees in `team`'s subtree (for the team overview)."""
    return people_for(actor).filter(team__in=Team.objects.filter(path__startswith=team.path)).count()


def first_people_team(actor: Actor) -> Team | None:
    """The top-most team where the actor may browse people (the navigation's People link)."""
    return visible_teams(actor, Cap.VIEW_PEOPLE).order_by("depth", "path").only("slug").first()


def org_tags(*, team: Team) -> QuerySet[Tag]:
    """The tags of `team`'s organization (tags are shared by the whole organization)."""
    return Tag.objects.filter(org__path=team.org_path).order_by("name")


def org_custom_fields(*, team: Team) -> list[CustomField]:
    """The custom field definitions of `team`'s organization, in their display order."""
    return list(CustomField.objects.filter(org__path=team.org_path).order_by("position", "label", "id"))


def get_custom_field(*, team: Team, field_id: int) -> CustomField:
    field = CustomField.objects.filter(org__path=team.org_path, pk=field_id).first()
    if field is None:
        raise NotFound("custom field")
    return field


def get_phone(*, person: Person, phone_id: int):
    phone = person.phones.filter(pk=phone_id).first()
    if phone is None:
        raise NotFound("phone")
    return phone


@dataclass(frozen=True)
class ConsentState:
    channel: str
    label: str
    opted_out_at: object
    last_event: ConsentEvent | None


def consent_states(person: Person) -> list[ConsentState]:
    """Per channel: the current opt-out and the latest event that explains it (source, time, by whom)."""
    latest: dict[str, ConsentEvent] = {}
    for event in ConsentEvent.objects.filter(person=person).select_related("actor").order_by("-created_at", "-id"):
        latest.setdefault(event.channel, event)
    return [
        ConsentState(channel.value, channel.label, getattr(person, Person.OPT_OUT_FIELD[channel]), latest.get(channel))
        for channel in Channel
    ]


def time_zone_info(person: Person, phones: list[str] | None = None) -> tuple[str, str]:
    """The person's zone and where it comes from: "address", "phone" (derived and matching what is
    stored), "stated" (typed by someone, differs from what we would derive), or ("", "") when unknown."""
    numbers = phones if phones is not None else [p.number for p in person.phones.all()]
    by_address = STATE_TIME_ZONES.get(person.state.strip().upper(), "")
    by_phone = next((zone for zone in map(time_zone_for_phone, numbers) if zone), "")
    derived, source = (by_address, "address") if by_address else (by_phone, "phone" if by_phone else "")
    if not person.time_zone:
        return derived, source
    return person.time_zone, source if person.time_zone == derived else "stated"


def person_with_contacts(*, actor: Actor, person_id: int) -> Person:
    """A person the actor may see with phones, emails, tags and external ids prefetched (the API's shape)."""
    person = get_person_for(actor, person_id)
    return Person.objects.prefetch_related("phones", "emails", "tags", "external_ids").get(pk=person.pk)


def primary_contact_value(person: Person, channel: str) -> str:
    """The number (call/text) or address (email) an opt-out suppresses across the organization: the
    primary usable one, or "" when the person has none."""
    if channel == Channel.EMAIL:
        email = person.emails.filter(valid=True).order_by("-primary", "id").first()
        return email.address if email else ""
    phone = person.phones.filter(valid=True).order_by("-primary", "id").first()
    return phone.number if phone else ""
