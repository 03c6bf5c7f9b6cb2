"""Numbers about one campaign for organizers and supervisors. Every count comes from rows a page can list
(DESIGN invariant 5): targets by why they are (not) in the queue, attempts by result, caller and answer."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Q
from django.utils import timezone

from groundswell.outreach import eligibility
from groundswell.outreach.models import Campaign, ContactAttempt, Question, ResultCode, Target
from groundswell.outreach.result_codes import ensure_result_codes

PACE_WINDOW = dt.timedelta(hours=1)


@dataclass
class CallerStats:
    user_id: int
    name: str
    attempts: int
    reached: int
    avg_seconds: float | None
    last_at: dt.datetime | None


@dataclass
class CampaignStats:
    targets: int
    queue: dict[str, int]  # eligibility.breakdown: reason -> count, plus "eligible"
    attempts: int
    reached: int
    results: list[tuple[ResultCode, int]]
    callers: list[CallerStats]
    survey: list[tuple[Question, list[tuple[str, int]]]]
    avg_seconds: float | None
    attempts_last_hour: int
    remaining: int  # targets still to finish: not done, not removed, attempts left
    hours_left: float | None = None
    contact_rate: float | None = field(default=None)


def campaign_stats(campaign: Campaign, now: dt.datetime | None = None) -> CampaignStats:
    now = now or timezone.now()
    attempts = ContactAttempt.objects.filter(campaign=campaign, applied=True)
    codes = ensure_result_codes(campaign.org)
    reached_codes = [c.code for c in codes if c.reached]
    by_result = dict(attempts.values_list("result").annotate(n=Count("id")).order_by())
    totals = attempts.aggregate(n=Count("id"), reached=Count("id", filter=Q(result__in=reached_codes)),
                                avg=Avg("duration_seconds"))
    per_caller = (
        attempts.values("caller_id", "caller__full_name", "caller__email")
        .annotate(n=Count("id"), reached=Count("id", filter=Q(result__in=reached_codes)),
                  avg=Avg("duration_seconds"), last=Max("created_at"))
        .order_by("-n")
    )
    callers = [
        CallerStats(row["caller_id"], row["caller__full_name"] or row["caller__email"] or "(deleted user)",
                    row["n"], row["reached"], row["avg"], row["last"])
        for row in per_caller
    ]
    last_hour = attempts.filter(created_at__gte=now - PACE_WINDOW).count()
    remaining = Target.objects.filter(campaign=campaign, done=False, removed_at__isnull=True,
                                      attempts__lt=campaign.max_attempts).count()
    queue = eligibility.breakdown(campaign, now)
    stats = CampaignStats(
        targets=sum(queue.values()),  # the breakdown's groups are disjoint and cover every target
        queue=queue,
        attempts=totals["n"], reached=totals["reached"],
        results=[(c, by_result.get(c.code, 0)) for c in codes],
        callers=callers, survey=_survey(campaign, attempts), avg_seconds=totals["avg"],
        attempts_last_hour=last_hour, remaining=remaining,
    )
    if totals["n"]:
        stats.contact_rate = totals["reached"] / totals["n"]
    if last_hour:
        stats.hours_left = round(remaining / last_hour, 1)
    return stats


def _survey(campaign: Campaign, attempts) -> list[tuple[Question, list[tuple[str, int]]]]:
    """For each choice question, how often each choice was given (multiple-choice answers count each)."""
    questions = [q for q in campaign.questions.all() if q.kind != Question.Kind.TEXT]
    tallies = {q.key: Counter() for q in questions}
    for answers in attempts.exclude(answers={}).values_list("answers", flat=True).iterator(chunk_size=2_000):
        for key, value in answers.items():
            if key in tallies:
                for v in value if isinstance(value, list) else [value]:
                    tallies[key][v] += 1
    return [(q, [(c["label"], tallies[q.key][c["value"]]) for c in q.choices]) for q in questions]
