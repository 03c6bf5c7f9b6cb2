"""Goals per team and period, and the daily rollups dashboards read instead of scanning activity."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from groundswell.orgs.models import Team


class Goal(models.Model):
    """A target for one metric over [start, end] on a team, or for one member of it (`member`)."""

    class Split(models.TextChoices):
        EVENLY = "evenly", "Evenly"
        BY_SIZE = "by_size", "By size (members)"
        BY_HAND = "by_hand", "By hand"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="goals")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="personal_goals")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="parts")
    metric = models.CharField(max_length=40)
    start = models.DateField()
    end = models.DateField()
    target = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start", "metric", "id"]
        indexes = [models.Index(fields=["team", "end"])]

    def __str__(self) -> str:
        return f"{self.metric} {self.target} ({self.start}–{self.end})"

    @property
    def metric_label(self) -> str:
        """The metric's name in words ("Event signups"), or its key when the metric is no longer registered."""
        from groundswell.goals.metrics import get_metric  # the registry imports every app's selectors

        metric = get_metric(self.metric)
        return metric.label if metric else self.metric


class TeamDayCount(models.Model):
    """How many rows of `metric` fell on `day` (the org's time zone) in `team`'s whole subtree."""

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    metric = models.CharField(max_length=40)
    day = models.DateField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "metric", "day"], name="uniq_team_day_count")]

    def __str__(self) -> str:
        return f"{self.metric} {self.day}: {self.count}"


class UserDayCount(models.Model):
    """How many rows of `metric` one volunteer was credited with on `day`, on one team (for leaderboards)."""

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    metric = models.CharField(max_length=40)
    day = models.DateField()
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["team", "metric", "day"]), models.Index(fields=["user", "metric", "day"]),
                   # The organization's leaderboard reads only this index (PostgreSQL; elsewhere a plain index).
                   models.Index(fields=["org", "metric", "day"], include=["user", "count"], name="userday_org_board")]

    def __str__(self) -> str:
        return f"{self.metric} {self.day}: {self.count}"


class RollupState(models.Model):
    """When an org's rollups were last refreshed, and the shape of its tree then (a moved team → full rebuild)."""

    org = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="+")
    refreshed_at = models.DateTimeField()
    tree_signature = models.CharField(max_length=64)
    boards_kept_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"rollups refreshed {self.refreshed_at:%Y-%m-%d %H:%M}"


class LeaderboardEntry(models.Model):
    """One place on a large team's kept leaderboard: the top volunteers of its whole subtree for one metric
    over a named period ending on `day`, computed in the background (see goals/leaderboards.py)."""

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    metric = models.CharField(max_length=40)
    period = models.CharField(max_length=10)
    day = models.DateField()
    rank = models.PositiveSmallIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["team", "metric", "period", "day", "rank"], name="leaderboard_entry_read")]

    def __str__(self) -> str:
        return f"#{self.rank} {self.metric} {self.period}: {self.count}"


class LeaderboardOptOut(models.Model):
    """A volunteer who asked not to appear by name on leaderboards."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"leaderboard opt-out of user {self.user_id}"
