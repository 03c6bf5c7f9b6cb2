"""Consent history per channel, and the organization's suppression list of opted-out numbers and addresses."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.people.models.person import Channel, Person


class ConsentEvent(models.Model):
    """One change of consent, kept forever: who, when, how (source), for which channel and value."""

    class Action(models.TextChoices):
        OPT_OUT = "opt_out", "Opted out"
        OPT_IN = "opt_in", "Opted in"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    # Null once the person is erased: the event stays as an anonymised count.
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="consent_events"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    action = models.CharField(max_length=10, choices=Action.choices)
    source = models.CharField(max_length=60, help_text='How we learned it: "STOP reply", "call result", "import"…')
    note = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.channel} ({self.source})"


class Suppression(models.Model):
    """A phone number or email address that must never be contacted on `channel` in this organization,
    whichever person record it turns up on (a STOP reply suppresses the number, not only the record)."""

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    value = models.CharField(max_length=254, help_text="E.164 number or normalised email address.")
    source = models.CharField(max_length=60)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "channel", "value"], name="uniq_suppression")]

    def __str__(self) -> str:
        return f"{self.channel}:{self.value}"
