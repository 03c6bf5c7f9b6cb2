"""The demo's phone banks: a live Midwest call campaign with a survey and a day of calling history, and a
draft in Chicago to finish building. Made through the real services, so the demo exercises them."""

import datetime as dt
import random
import uuid
import zoneinfo

from django.utils import timezone

from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from groundswell.outreach import claims, services
from groundswell.outreach.attempts import record_attempt
from groundswell.outreach.models import Campaign
from groundswell.people.models import PeopleList

SCRIPT = (
    "Hi {first_name}, this is {volunteer_first_name}, a volunteer with {team_name}. "
    "Early voting starts next week, and we're calling neighbours to make sure everyone has a plan to vote.\n\n"
    "Can we count on you to vote in this election?"
)
TRAINING = (
    "Be friendly and brief. Say who you are and why you're calling. Listen more than you talk. "
    "If someone asks not to be called again, choose \"Do not contact\" — we will never call them again. "
    "Voicemail? Pick \"Left a message\" and move on."
)
# (result, weight) of the calling history; a day of calls looks like this on most phone banks.
HISTORY = [("no_answer", 45), ("left_message", 20), ("contacted", 22), ("busy", 4), ("wrong_number", 4),
           ("refused", 3), ("do_not_contact", 2)]


def outreach_demo_load(org: Team, *, history: int = 60, seed: int = 2026) -> int:
    """Make the demo campaigns once (by name); returns how many campaigns the organization has."""
    midwest = Team.objects.filter(path__startswith=org.path, name="Midwest").first()
    chicago = Team.objects.filter(path__startswith=org.path, name="Chicago").first()
    sporadic = PeopleList.objects.filter(team=midwest, name="Midwest sporadic voters").first()
    universe = PeopleList.objects.filter(team=chicago, name="Chicago phone bank universe").first()
    if midwest and sporadic and not Campaign.objects.filter(team=midwest, name="Midwest GOTV calls").exists():
        actor = _organizer(midwest)
        campaign = services.campaign_create(actor=actor, team=midwest, name="Midwest GOTV calls",
                                            people_list=sporadic, script=SCRIPT, training=TRAINING)
        support = services.question_save(actor=actor, campaign=campaign, key="support",
                                         prompt="Can we count on you to vote?", kind="single",
                                         choices=_choices("yes:Yes", "maybe:Maybe", "no:No"), required=True)
        plan = services.question_save(actor=actor, campaign=campaign, key="plan", prompt="How will you vote?",
                                      kind="single", choices=_choices("early:Early, in person",
                                                                      "election_day:On election day",
                                                                      "by_mail:By mail", "unsure:Not sure yet"))
        services.question_save(actor=actor, campaign=campaign, key="volunteer",
                               prompt="Would you like to help us call or knock on doors?", kind="single",
                               choices=_choices("yes:Yes", "no:Not now"))
        # "No" skips the plan question and goes straight to the volunteer ask.
        support.choices[2]["next"] = plan.position + 1
        support.save(update_fields=["choices"])
        services.campaign_go_live(actor=actor, campaign=campaign)
        _history(campaign, history, random.Random(seed))
        _shifts(actor, campaign)
    if chicago and universe and not Campaign.objects.filter(team=chicago, name="Chicago phone bank").exists():
        services.campaign_create(actor=_organizer(chicago), team=chicago, name="Chicago phone bank",
                                 people_list=universe, script=SCRIPT, training=TRAINING)
    return Campaign.objects.filter(org=org).count()


def _choices(*pairs: str) -> list[dict]:
    return [{"value": value, "label": label} for value, label in (pair.split(":", 1) for pair in pairs)]


def _shifts(actor: Actor, campaign: Campaign) -> None:
    """Evening calling shifts for the next three days, 17:30–19:30 in the team's zone, the volunteer signed up
    to the first. (The phone bank is a lower app; imported here so outreach does not depend on it.)"""
    from groundswell.phonebank.services_shifts import shift_create, shift_signup

    zone = zoneinfo.ZoneInfo(campaign.team.time_zone)
    today = timezone.now().astimezone(zone).date()
    for days in (1, 2, 3):
        day = today + dt.timedelta(days=days)
        start = dt.datetime.combine(day, dt.time(17, 30), tzinfo=zone)
        shift = shift_create(actor=actor, campaign=campaign, starts_at=start, ends_at=start + dt.timedelta(hours=2),
                             capacity=12)
        volunteer = Membership.objects.filter(user__email="volunteer@example.org").select_related("user").first()
        if days == 1 and volunteer is not None:
            shift_signup(actor=Actor.for_user(volunteer.user), shift=shift)


def _organizer(team: Team) -> Actor:
    roles = [Membership.Role.ORGANIZER, Membership.Role.ADMIN]
    for ancestor in [team, *reversed(team.get_ancestors())]:
        found = Membership.objects.filter(team=ancestor, role__in=roles).select_related("user").order_by("pk").first()
        if found:
            return Actor.for_user(found.user)
    raise ValueError(f"no organizer above {team} to build the demo campaigns as")


def _history(campaign: Campaign, count: int, rng: random.Random) -> None:
    """Yesterday's calls by a few of the region's volunteers, at midday Central (inside every US window)."""
    callers = [Actor.for_user(m.user) for m in Membership.objects.filter(
        team__path__startswith=campaign.team.path, role=Membership.Role.VOLUNTEER).select_related("user")
        .order_by("pk")[:5]]
    if not callers:
        return
    yesterday = timezone.now().astimezone(dt.UTC).replace(hour=18, minute=0, second=0, microsecond=0)
    start = yesterday - dt.timedelta(days=1)
    results, weights = zip(*HISTORY, strict=True)
    for i in range(count):
        caller = callers[i % len(callers)]
        now = start + dt.timedelta(minutes=3 * i)
        target = claims.claim_next(actor=caller, campaign=campaign, now=now)
        if target is None:
            break
        result = rng.choices(results, weights)[0]
        answers = {}
        if result == "contacted":
            answers = {"support": rng.choice(["yes", "yes", "maybe", "no"]),
                       "volunteer": rng.choice(["yes", "no", "no", "no"])}
            if answers["support"] != "no":
                answers["plan"] = rng.choice(["early", "election_day", "by_mail", "unsure"])
        record_attempt(actor=caller, campaign=campaign, target_id=target.pk, result=result, answers=answers,
                       client_uuid=uuid.UUID(int=rng.getrandbits(128)), duration_seconds=rng.randint(20, 240),
                       now=now + dt.timedelta(minutes=2))
