"""The training and materials library: each team's documents, links, videos, scripts and codes of conduct,
seen by its whole subtree (a chapter sees national's materials and its own), trainings required per role with
who completed them, and materials shared with a volunteer or a team."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from groundswell.orgs.models import Team


class Material(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", "Document"
        LINK = "link", "Link"
        VIDEO = "video", "Video"
        SCRIPT = "script", "Script"
        CONDUCT = "conduct", "Code of conduct"
        TRAINING = "training", "Training"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DOCUMENT)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True, help_text="The text itself, for scripts and short documents.")
    url = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to="materials/%Y/%m/", blank=True)
    # Membership roles that must complete this material (a required training), e.g. ["volunteer", "leader"].
    required_for = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["team", "archived_at"])]

    def __str__(self) -> str:
        return self.title


class TrainingCompletion(models.Model):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="completions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trainings_done")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["material", "user"], name="uniq_training_completion")]

    def __str__(self) -> str:
        return f"{self.user_id} completed {self.material_id}"


class MaterialShare(models.Model):
    """A material sent to one volunteer or to a whole team, with a note; shown on their library page."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="shares")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="materials_shared_with_me")
    to_team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(to_user__isnull=False) | models.Q(to_team__isnull=False), name="share_has_recipient")]

    def __str__(self) -> str:
        return f"{self.material_id} shared"
