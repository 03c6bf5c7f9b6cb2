"""Reads of events, always scoped: what the public may find, what a member may see, what a host manages.

Visibility (Event.visibility): public events are for everyone; members' events for the members of the team's
subtree (and those above it); private events only through their link (`private_key`) and for their hosts."""

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from groundswell.common.errors import NotFound
from groundswell.events.models import CalendarFeed, Event, FollowUp, Shift, Signup
from groundswell.orgs.access import Actor, subtree_q, visible_teams
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.people.filters.geo import within_radius

KM_PER_MILE = 1.609344
MAX_DISTANCE_MILES = 500


def _upcoming_shift(now: dt.datetime):
    return Shift.objects.filter(event=OuterRef("pk"), ends_at__gt=now, cancelled_at__isnull=True)


def with_next_start(qs: QuerySet[Event], now: dt.datetime | None = None) -> QuerySet[Event]:
    """Annotate `next_start` (the first shift not over yet) and keep events that have one."""
    now = now or timezone.now()
    live_shifts = Q(shifts__ends_at__gt=now, shifts__cancelled_at__isnull=True)
    return qs.filter(Exists(_upcoming_shift(now))).annotate(next_start=Min("shifts__starts_at", filter=live_shifts))


def public_events() -> QuerySet[Event]:
    """Published public events (past ones included; `with_next_start` keeps the upcoming)."""
    return Event.objects.filter(status=Event.Status.PUBLISHED, visibility=Event.Visibility.PUBLIC)


def findable_events(actor: Actor) -> QuerySet[Event]:
    """What the finder, the map and the API list: published public events, and for a member also the published
    members' events of their branch (never private ones: those are found only through their link)."""
    public = public_events()
    if not actor.is_authenticated:
        return public
    return public | member_events(actor).filter(visibility=Event.Visibility.MEMBERS, status=Event.Status.PUBLISHED)


@dataclass
class Finder:
    """Filters of the public finder, the embed and the API (the Mobilize names in brackets)."""

    lat: float | None = None  # from a ZIP [zipcode] (events.geo.zip_place)
    lng: float | None = None
    max_miles: float | None = None  # [max_dist]; without it, nearest first
    kinds: tuple[str, ...] = ()  # [event_type]
    team_ids: tuple[int, ...] = ()  # [team]: the team and its subtree
    starts_after: dt.datetime | None = None  # [timeslot_start=gte_…]
    starts_before: dt.datetime | None = None  # [timeslot_start=lt_…]
    updated_since: dt.datetime | None = None  # [updated_since]
    include_virtual: bool = True


def find_events(qs: QuerySet[Event], finder: Finder, *, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Upcoming events of `qs` matching `finder`, soonest first (nearest first within a radius is the
    caller's choice: `distance_miles` gives it per event)."""
    now = now or timezone.now()
    qs = with_next_start(qs, now)
    if finder.kinds:
        qs = qs.filter(kind__in=finder.kinds)
    if finder.team_ids:
        from groundswell.orgs.models import Team

        paths = list(Team.objects.filter(pk__in=finder.team_ids).values_list("path", flat=True))
        qs = qs.filter(subtree_q(paths, field_name="team__path")) if paths else qs.none()
    if finder.starts_after or finder.starts_before:
        window = Q(cancelled_at__isnull=True)
        if finder.starts_after:
            window &= Q(starts_at__gte=finder.starts_after)
        if finder.starts_before:
            window &= Q(starts_at__lt=finder.starts_before)
        qs = qs.filter(Exists(Shift.objects.filter(window, event=OuterRef("pk"))))
    if finder.updated_since:
        qs = qs.filter(updated_at__gte=finder.updated_since)
    if finder.lat is not None and finder.max_miles:
        near = within_radius(qs.filter(mode=Event.Mode.IN_PERSON), finder.lat, finder.lng,
                             finder.max_miles * KM_PER_MILE)
        qs = (near | qs.filter(mode=Event.Mode.VIRTUAL)) if finder.include_virtual else near
    elif not finder.include_virtual:
        qs = qs.filter(mode=Event.Mode.IN_PERSON)
    return qs.select_related("team").order_by("next_start", "id")


def distance_miles(event: Event, lat: float, lng: float) -> float | None:
    """Great-circle distance from a point, for showing "3.2 mi away" (None for online events)."""
    if event.latitude is None or event.longitude is None:
        return None
    p1, p2 = math.radians(lat), math.radians(event.latitude)
    dp, dl = p2 - p1, math.radians(event.longitude - lng)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a)) / KM_PER_MILE


def member_events(actor: Actor) -> QuerySet[Event]:
    """Events a signed-in member may see beyond the public ones: members' events of their branch (their
    teams, below and above), and every event of the teams they may host for."""
    if not actor.is_authenticated:
        return Event.objects.none()
    from groundswell.orgs.access import reachable_teams

    branch = reachable_teams(actor, Cap.VIEW_TEAM)
    hosting = visible_teams(actor, Cap.CREATE_EVENTS)
    return Event.objects.filter(
        Q(team__in=hosting) | Q(team__in=branch, visibility=Event.Visibility.MEMBERS,
                                status=Event.Status.PUBLISHED)
    )


def event_by_key(actor: Actor, key: str) -> Event:
    """A private event opened with its link (hosts see a pending one too); NotFound for a wrong key."""
    event_id = Event.objects.filter(private_key=key).values_list("pk", flat=True).first()
    if event_id is None:
        raise NotFound("event")
    return visible_event(actor, event_id, key=key)


def my_pending_proposals(actor: Actor, team) -> QuerySet[Event]:
    return Event.objects.filter(team=team, status=Event.Status.PENDING, created_by_id=actor.user_id)


def calendar_feed(user) -> CalendarFeed:
    """The user's calendar feed (made on first use)."""
    return CalendarFeed.objects.get_or_create(user=user)[0]


def visible_event(actor: Actor, event_id: int, *, key: str = "") -> Event:
    """The event if the actor may see it: public, a members' event of their branch, theirs to host, their own
    proposal, or a private one opened with its key. NotFound otherwise (cancelled events stay visible so
    their links can say so)."""
    event = Event.objects.select_related("team", "org", "host", "campaign").filter(pk=event_id).first()
    if event is None:
        raise NotFound("event")
    if event.visibility == Event.Visibility.PUBLIC and event.status != Event.Status.PENDING:
        return event
    if key and key == event.private_key and event.status != Event.Status.PENDING:
        return event
    if actor.is_authenticated and (event.created_by_id == actor.user_id
                                   or member_events(actor).filter(pk=event.pk).exists()):
        return event
    raise NotFound("event")


def _team_event(actor: Actor, event_id: int) -> Event:
    """The event if its team is in the actor's subtree scope (DESIGN invariant 1), else NotFound."""
    event = (Event.objects.select_related("team", "org", "host", "campaign", "created_by")
             .filter(pk=event_id, team__in=visible_teams(actor)).first())
    if event is None:
        raise NotFound("event")
    return event


def hosted_event(actor: Actor, event_id: int) -> Event:
    """An event the actor manages: NotFound outside their subtree (even a members' event of a team above them,
    which they may sign up for), PermissionDenied without CREATE_EVENTS on its team."""
    from groundswell.common.errors import PermissionDenied

    event = _team_event(actor, event_id)
    if not actor.can(Cap.CREATE_EVENTS, event.team):
        raise PermissionDenied("only the event's hosts and organizers manage it")
    return event


def editable_event(actor: Actor, event_id: int) -> Event:
    """An event the actor may change: its hosts, or its proposer while it waits for approval."""
    from groundswell.common.errors import PermissionDenied
    from groundswell.events.services_events import may_edit

    event = _team_event(actor, event_id)
    if not may_edit(actor, event):
        raise PermissionDenied("only the event's hosts and organizers change it")
    return event


def shifts_with_counts(event: Event) -> list[Shift]:
    """The event's shifts (cancelled ones too) with `confirmed` and `waiting` counts and `left` places."""
    shifts = list(event.shifts.annotate(
        confirmed=Count("signups", filter=Q(signups__status=Signup.Status.CONFIRMED)),
        waiting=Count("signups", filter=Q(signups__status=Signup.Status.WAITLISTED)),
        came=Count("signups", filter=Q(signups__attendance=Signup.Attendance.ATTENDED)),
    ))
    for shift in shifts:
        shift.left = None if shift.capacity is None else max(shift.capacity - shift.confirmed, 0)
    return shifts


def upcoming_shifts_of(events: list[Event], now: dt.datetime | None = None) -> dict[int, list[Shift]]:
    """The shifts still to come (or running) of several events at once, with counts like `shifts_with_counts`
    — one query for a whole page of finder cards. Keyed by event id, soonest first."""
    now = now or timezone.now()
    shifts = (Shift.objects.filter(event__in=events, ends_at__gt=now, cancelled_at__isnull=True)
              .annotate(confirmed=Count("signups", filter=Q(signups__status=Signup.Status.CONFIRMED)))
              .order_by("starts_at", "id"))
    by_event: dict[int, list[Shift]] = {event.pk: [] for event in events}
    for shift in shifts:
        shift.left = None if shift.capacity is None else max(shift.capacity - shift.confirmed, 0)
        by_event[shift.event_id].append(shift)
    return by_event


def roster(event: Event, shift: Shift | None = None) -> QuerySet[Signup]:
    """Live signups (confirmed, then waiting) with who brought them; the host's roster and check-in list."""
    qs = event.signups.exclude(status=Signup.Status.CANCELLED).select_related("shift", "referrer", "person")
    if shift is not None:
        qs = qs.filter(shift=shift)
    return qs.order_by("shift__starts_at", "status", "last_name", "first_name", "id")


def referrer_name(event: Event, ref: str) -> str:
    """The first name of the volunteer whose link this is ("Maria invited you"), or ""."""
    if not ref:
        return ""
    from groundswell.events.models import ShareLink

    link = ShareLink.objects.filter(event=event, code=ref[:16]).select_related("user").first()
    return link.user.first_name if link else ""


def referral_counts(event: Event) -> list[dict]:
    """Who brought whom: per referrer, live signups and how many came (ordered by most brought)."""
    return list(event.signups.filter(referrer__isnull=False).exclude(status=Signup.Status.CANCELLED)
                .values("referrer_id", "referrer__full_name", "referrer__email")
                .annotate(brought=Count("id"),
                          came=Count("id", filter=Q(attendance=Signup.Attendance.ATTENDED)))
                .order_by("-brought", "referrer__full_name"))


def referrals_by(user, *, since: dt.datetime | None = None) -> QuerySet[Signup]:
    """Live signups a volunteer brought (every event): what their goals count (goals app)."""
    qs = Signup.objects.filter(referrer=user).exclude(status=Signup.Status.CANCELLED)
    return qs.filter(created_at__gte=since) if since else qs


def open_follow_ups(event: Event) -> QuerySet[FollowUp]:
    return event.follow_ups.filter(done_at__isnull=True).select_related("signup", "assignee")


def my_signups(user) -> QuerySet[Signup]:
    """The user's own live signups, soonest first."""
    return (Signup.objects.filter(user=user).exclude(status=Signup.Status.CANCELLED)
            .select_related("event", "shift").order_by("shift__starts_at"))


def team_events(actor: Actor, team) -> QuerySet[Event]:
    """Every event of `team` and its subtree the actor may host (the team's events page); none for others."""
    if not actor.can(Cap.CREATE_EVENTS, team):
        return Event.objects.none()
    return (Event.objects.filter(subtree_q([team.path], field_name="team__path"))
            .filter(team__in=visible_teams(actor, Cap.CREATE_EVENTS)).select_related("team"))


def campaign_events(campaign) -> QuerySet[Event]:
    """Upcoming published events that work `campaign` (a phone bank's calling parties), soonest first."""
    return with_next_start(Event.objects.filter(campaign=campaign, status=Event.Status.PUBLISHED)).order_by(
        "next_start")


def feed_owner(token: str):
    """The user whose calendar feed this token opens; NotFound for an unknown token."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise NotFound("calendar feed")
    return feed.user


def bookable_shifts(event: Event) -> list[Shift]:
    """Shifts open for signups now (not over, not cancelled), with their counts and places left."""
    return [s for s in shifts_with_counts(event) if not s.is_past and s.cancelled_at is None]


def org_signups(org: Team, *, attended: bool = False, referred: bool = False) -> QuerySet[Signup]:
    """Every live signup for the organization's events (for goal rollups): optionally only those who came,
    or only those a volunteer referred."""
    signups = Signup.objects.filter(event__org=org).exclude(status=Signup.Status.CANCELLED)
    if attended:
        signups = signups.filter(attendance=Signup.Attendance.ATTENDED)
    if referred:
        signups = signups.filter(referrer__isnull=False)
    return signups


def attended_counts(person_ids: list[int]) -> dict[int, int]:
    """How many events each of these people came to (checked in), for the leadership pipeline."""
    rows = (Signup.objects.filter(person_id__in=person_ids, attendance=Signup.Attendance.ATTENDED)
            .values_list("person_id").annotate(n=Count("event_id", distinct=True)).order_by())
    return dict(rows)


def people_who_attended(min_events: int) -> QuerySet:
    """Ids of the people who came to at least `min_events` events (checked in), as a subquery."""
    return (Signup.objects.filter(attendance=Signup.Attendance.ATTENDED, person__isnull=False)
            .values("person_id").annotate(n=Count("event_id", distinct=True)).filter(n__gte=min_events)
            .values("person_id"))


def referrers() -> QuerySet:
    """Ids of the volunteers who brought at least one live signup through their share links, as a subquery."""
    return (Signup.objects.filter(referrer__isnull=False).exclude(status=Signup.Status.CANCELLED)
            .values("referrer_id"))


def referred_counts(user_ids: list[int]) -> dict[int, int]:
    """How many live signups each of these volunteers brought through their share links."""
    rows = (Signup.objects.filter(referrer_id__in=user_ids).exclude(status=Signup.Status.CANCELLED)
            .values_list("referrer_id").annotate(n=Count("id")).order_by())
    return dict(rows)
