"""Likely duplicate person records, queued for a person to merge or dismiss."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.people.models.person import Person


class DuplicateCandidate(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "To review"
        MERGED = "merged", "Merged"
        DISMISSED = "dismissed", "Not the same person"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    # first.pk < second.pk, so a pair is stored once.
    first = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=200, help_text='"same phone +15125550123", "similar name and address"…')
    score = models.FloatField(default=1.0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="uniq_duplicate_pair")]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id}: {self.reason}"
