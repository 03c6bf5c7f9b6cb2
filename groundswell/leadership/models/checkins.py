"""Check-ins: regular touch-base meetings of a leader with each of their team's members and the leaders of the
teams below, with a short report, so leaders supervise leaders."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from groundswell.orgs.models import Team

DEFAULT_EVERY_DAYS = 7


class CheckInCadence(models.Model):
    """How often a team's leaders check in with each of their people (weekly unless set)."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="checkin_cadence")
    every_days = models.PositiveSmallIntegerField(
        default=DEFAULT_EVERY_DAYS, validators=[MinValueValidator(1), MaxValueValidator(90)])

    def __str__(self) -> str:
        return f"every {self.every_days} days"


class CheckIn(models.Model):
    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="check_ins")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins")
    held_at = models.DateTimeField(default=timezone.now)
    went_well = models.TextField(blank=True)
    blockers = models.TextField(blank=True)
    numbers = models.CharField(max_length=300, blank=True, help_text="e.g. 40 calls, 3 recruits, 6 hours")
    next_steps = models.TextField(blank=True)
    client_uuid = models.UUIDField(null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_at", "-id"]
        indexes = [models.Index(fields=["team", "member", "held_at"])]

    def __str__(self) -> str:
        return f"check-in with {self.member_id} on {self.held_at:%Y-%m-%d}"
