"""The virtual phone bank on top of outreach: who is calling now (sessions), when (shifts), and calls placed
through a provider (optional; dialling from one's own phone needs none)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from groundswell.outreach.models import Campaign, ContactAttempt, Target


class CallingSession(models.Model):
    """A caller's sitting at a call campaign, from "Start calling" to "End session" (or going quiet).
    A supervisor may pause it (claims are refused until resumed) or leave the caller a message."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="calling_sessions")
    caller = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    shift = models.ForeignKey("phonebank.CallShift", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="sessions")
    started_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    message = models.CharField(max_length=500, blank=True)
    message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["campaign", "ended_at"], name="session_campaign_open"),
                   models.Index(fields=["caller", "ended_at"], name="session_caller_open")]

    def __str__(self) -> str:
        return f"{self.caller_id} @ {self.campaign_id}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class CallShift(models.Model):
    """A time slot for calling on a campaign that volunteers sign up for."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="call_shifts")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveSmallIntegerField(default=10)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["campaign", "starts_at"], name="callshift_campaign_start")]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.starts_at:%Y-%m-%d %H:%M}"


class ShiftSignup(models.Model):
    class Status(models.TextChoices):
        SIGNED_UP = "signed_up", "Signed up"
        ATTENDED = "attended", "Came and called"
        NO_SHOW = "no_show", "Did not come"
        CANCELLED = "cancelled", "Cancelled"

    shift = models.ForeignKey(CallShift, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SIGNED_UP)
    client_uuid = models.UUIDField(null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["shift", "user"], name="uniq_shift_signup")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.shift_id}"


class ProviderCall(models.Model):
    """A call placed through a voice provider (Twilio…): its id there, status and duration from callbacks."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RINGING = "ringing", "Ringing"
        IN_PROGRESS = "in-progress", "In progress"
        COMPLETED = "completed", "Completed"
        BUSY = "busy", "Busy"
        NO_ANSWER = "no-answer", "No answer"
        FAILED = "failed", "Failed"
        CANCELED = "canceled", "Canceled"

    session = models.ForeignKey(CallingSession, on_delete=models.CASCADE, related_name="provider_calls")
    target = models.ForeignKey(Target, null=True, on_delete=models.SET_NULL, related_name="+")
    attempt = models.ForeignKey(ContactAttempt, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    provider = models.CharField(max_length=20)
    provider_call_id = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    answered_by = models.CharField(max_length=20, blank=True, help_text="human / machine (answering machine detection)")
    voicemail_dropped = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.provider}:{self.provider_call_id}"
