"""The leadership ladder: an organization's stages, where each person stands on a team, and every move."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from groundswell.orgs.models import Membership, Team


class LadderStage(models.Model):
    """One rung of an organization's ladder, ordered by `position` from first contact upwards.

    `role`: members holding this role who were never placed are offered this stage first. `is_leadership`:
    people here already lead others, so the pipeline stops suggesting them as ready to lead."""

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField()
    description = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Membership.Role.choices, blank=True)
    is_leadership = models.BooleanField(default=False)

    class Meta:
        ordering = ["org", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="uniq_ladder_stage_name")]

    def __str__(self) -> str:
        return self.name


class LadderPlacement(models.Model):
    """Where a person stands on one team's ladder now; LadderMove keeps how they got there."""

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="ladder_placements")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="ladder_placements")
    stage = models.ForeignKey(LadderStage, on_delete=models.PROTECT, related_name="placements")
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "team"], name="uniq_ladder_placement")]
        indexes = [models.Index(fields=["team", "stage"])]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.stage} on {self.team}"


class LadderMove(models.Model):
    """One step on a team's ladder (up, down, or the first placement when `from_stage` is empty)."""

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="ladder_moves")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    from_stage = models.ForeignKey(LadderStage, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_stage = models.ForeignKey(LadderStage, on_delete=models.PROTECT, related_name="+")
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    moved_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-moved_at", "-id"]
        indexes = [models.Index(fields=["person", "moved_at"])]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.from_stage} → {self.to_stage}"
