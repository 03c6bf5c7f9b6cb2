"""Events a team hosts and their shifts (timeslots): what volunteers find, sign up for and show up to."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from groundswell.common.tokens import new_secret
from groundswell.orgs.models import Team


class Event(models.Model):
    """Something a team runs at a place or online, with one or more shifts to sign up for.

    Owned by `team` (its subtree's organizers host it); `org` is the root of that team's tree. Who sees it:
    everyone (public), members of the team's subtree, or whoever has the private link (`private_key`)."""

    class Kind(models.TextChoices):
        CANVASS = "canvass", "Canvass"
        PHONE_BANK = "phone_bank", "Phone bank"
        TEXT_BANK = "text_bank", "Text bank"
        TRAINING = "training", "Training"
        MEETING = "meeting", "Meeting"
        HOUSE_PARTY = "house_party", "House party"
        KICKOFF = "kickoff", "Kick-off call"
        OTHER = "other", "Other"

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        VIRTUAL = "virtual", "Online"

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public: anyone can find it and sign up"
        MEMBERS = "members", "Members: people on this team and the teams under it"
        PRIVATE = "private", "Private: only people with the link"

    class Effort(models.TextChoices):
        SMALL = "small", "Small: an easy first step"
        MEDIUM = "medium", "Medium"
        BIG = "big", "Big: for experienced volunteers"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    org = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="events")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    mode = models.CharField(max_length=12, choices=Mode.choices, default=Mode.IN_PERSON)
    effort = models.CharField(max_length=8, choices=Effort.choices, default=Effort.SMALL)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    tags = models.JSONField(default=list, blank=True)

    venue = models.CharField(max_length=200, blank=True)
    address1 = models.CharField("address", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=40, blank=True)
    zip = models.CharField("ZIP code", max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    join_url = models.URLField("join link", max_length=500, blank=True)
    dial_in = models.CharField("dial-in", max_length=200, blank=True)
    time_zone = models.CharField(max_length=64)

    host = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="hosted_events", help_text="The contact person")
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=20, blank=True)

    # A phone bank or canvass event works a campaign: its shifts are call (or door) time.
    campaign = models.ForeignKey("outreach.Campaign", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="events")
    private_key = models.CharField(max_length=40, default=new_secret, unique=True, editable=False)
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["status", "visibility", "updated_at"], name="event_public_updated"),
            models.Index(fields=["team", "status"], name="event_team_status"),
            models.Index(fields=["latitude", "longitude"], name="event_geo"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_virtual(self) -> bool:
        return self.mode == self.Mode.VIRTUAL

    @property
    def place(self) -> str:
        """One line for where it happens."""
        if self.is_virtual:
            return "Online"
        parts = [self.venue, self.address1, ", ".join(p for p in (self.city, self.state) if p), self.zip]
        return ", ".join(p for p in parts if p)


class Shift(models.Model):
    """A timeslot of an event. `capacity` None means no limit; past it, signups wait on the waitlist.
    Shifts made together as a weekly series share `series`."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField(null=True, blank=True)
    series = models.UUIDField(null=True, blank=True, db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True, help_text="Removed after people signed up")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at", "event"], name="shift_start_event")]

    def __str__(self) -> str:
        return f"{self.event_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()
