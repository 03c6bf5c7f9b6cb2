"""The organization's elections, each with a bit of Person.voted_mask (the vote-history summary)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from groundswell.orgs.models import Team

# Bits 0..62 of a signed 64-bit integer: the sign bit stays clear, so every mask is a non-negative number on
# both databases and the sum of distinct bits never overflows.
MASK_BITS = 63


class Election(models.Model):
    """An election code the organization's vote history names ("2024-general"), registered on first sight.

    The first 63 get a `bit`: Person.voted_mask has that bit set exactly when a Vote row for the code exists,
    so vote-history filters read the person row (and its count index) instead of aggregating Vote rows.
    Later ones get none, and filters on them read the Vote table. Vote stays the source of truth."""

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=40)
    bit = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["org", "bit", "code"]
        constraints = [
            models.UniqueConstraint(fields=["org", "code"], name="uniq_election_code"),
            models.UniqueConstraint(fields=["org", "bit"], name="uniq_election_bit"),
            models.CheckConstraint(condition=Q(bit__lt=MASK_BITS), name="election_bit_in_mask"),
        ]

    def __str__(self) -> str:
        return self.code
