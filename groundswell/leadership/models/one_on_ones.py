"""One-on-ones as organizers practise them (Marshall Ganz): attention, interest, exploration, exchange and
commitment — and the commitments that become the organizer's follow-up tasks."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from groundswell.orgs.models import Team


class OneOnOne(models.Model):
    """A meeting between an organizer and a person, first scheduled, then recorded act by act.

    `person` is emptied when the person is erased (people.privacy): the meeting still counts, anonymously."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    class Medium(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video call"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="one_on_ones")
    person = models.ForeignKey("people.Person", null=True, on_delete=models.SET_NULL, related_name="one_on_ones")
    organizer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="one_on_ones_held")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    medium = models.CharField(max_length=10, choices=Medium.choices, default=Medium.IN_PERSON)
    place = models.CharField(max_length=200, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)

    # The five acts. Attention: why this meeting. Interest: what drew them. Exploration: their story, values,
    # interests and resources. Exchange: what each offers the other. Commitment: see Commitment.
    attention = models.TextField(blank=True)
    interest = models.TextField(blank=True)
    exploration = models.TextField(blank=True)
    values = models.JSONField(default=list, blank=True)
    interests = models.JSONField(default=list, blank=True)
    skills = models.JSONField(default=list, blank=True)
    networks = models.JSONField(default=list, blank=True)
    time_available = models.CharField(max_length=200, blank=True)
    exchange = models.TextField(blank=True)

    next_meeting = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    client_uuid = models.UUIDField(null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_at", "-scheduled_for", "-id"]
        indexes = [models.Index(fields=["team", "status", "held_at"]), models.Index(fields=["person", "held_at"])]

    def __str__(self) -> str:
        return f"one-on-one {self.pk} ({self.status})"


class Commitment(models.Model):
    """What a person committed to in a one-on-one, by when: a follow-up task for the organizer (`owner`)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        KEPT = "kept", "Kept"
        MISSED = "missed", "Not kept"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="commitments")
    person = models.ForeignKey("people.Person", null=True, on_delete=models.SET_NULL, related_name="commitments")
    one_on_one = models.ForeignKey(OneOnOne, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="commitments")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="commitments_to_follow")
    what = models.CharField(max_length=300)
    due = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["owner", "status", "due"]), models.Index(fields=["team", "status", "due"])]

    def __str__(self) -> str:
        return f"{self.what} by {self.due}"
