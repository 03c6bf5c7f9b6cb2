"""Who signed up for which shift, who brought them, whether they came, and what the host does next."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from groundswell.common.tokens import new_secret
from groundswell.events.models.events import Event, Shift


class Signup(models.Model):
    """One person on one shift: confirmed, waiting for a place, or cancelled; then attended or not.

    `person` is the CRM record (matched by email/phone or created at signup); the name and contact details
    as typed are kept on the signup for the roster. `referrer` is the volunteer whose share link brought them."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Signed up"
        WAITLISTED = "waitlisted", "On the waitlist"
        CANCELLED = "cancelled", "Cancelled"

    class Attendance(models.TextChoices):
        UNKNOWN = "", "Not marked"
        ATTENDED = "attended", "Came"
        NO_SHOW = "no_show", "Did not come"

    class Source(models.TextChoices):
        PUBLIC = "public", "Public page"
        MEMBER = "member", "Member, one tap"
        HOST = "host", "Added by the host"
        API = "api", "API"

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="signups")
    person = models.ForeignKey("people.Person", null=True, on_delete=models.SET_NULL, related_name="event_signups")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="event_signups")
    first_name = models.CharField(max_length=80, blank=True)
    last_name = models.CharField(max_length=80, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    zip = models.CharField(max_length=10, blank=True)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    attendance = models.CharField(max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    first_time = models.BooleanField(default=False, help_text="Their first event with this organization")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PUBLIC)
    referrer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="event_referrals")
    client_uuid = models.UUIDField(null=True, blank=True, unique=True)

    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    reminded_24h_at = models.DateTimeField(null=True, blank=True)
    reminded_2h_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # One live signup per person per shift: a second one is a duplicate, whatever path it takes.
            models.UniqueConstraint(fields=["shift", "person"], condition=~Q(status="cancelled"),
                                    name="uniq_live_signup"),
        ]
        indexes = [
            models.Index(fields=["shift", "status", "created_at"], name="signup_shift_status"),
            models.Index(fields=["referrer", "event"], name="signup_referrer"),
        ]

    def __str__(self) -> str:
        return f"{self.name} @ {self.shift_id}"

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or "(name removed)"

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.CANCELLED


class ShareLink(models.Model):
    """A volunteer's own link to an event (`?ref=<code>`): signups through it are theirs."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="share_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="uniq_share_link")]

    def __str__(self) -> str:
        return self.code


class FollowUp(models.Model):
    """Something the host should do for one signup after the event: thank a first-timer, call a no-show."""

    class Kind(models.TextChoices):
        THANK_FIRST_TIMER = "thank", "Thank a first-timer and invite them back"
        CALL_NO_SHOW = "no_show", "Call someone who did not come"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="follow_ups")
    signup = models.ForeignKey(Signup, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="event_follow_ups")
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    outcome = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done_at", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["signup", "kind"], name="uniq_follow_up")]

    def __str__(self) -> str:
        return f"{self.kind} {self.signup_id}"


class CalendarFeed(models.Model):
    """A user's personal calendar feed: a secret URL calendar apps poll for the shifts they signed up for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=40, default=new_secret, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"feed {self.user_id}"
