"""Voter-file imports: the job (resumable by its checkpoint), its rejected rows, and remembered mappings."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from groundswell.orgs.models import Team


class ImportJob(models.Model):
    """One CSV import into a team. `rows_done` is the checkpoint: data rows whose effects (and rejections)
    are committed. Running the same file again into the same team resumes the unfinished job."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="imports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The CSV being read: an upload kept under MEDIA_ROOT/imports/ or, from the CLI, the user's own file.
    source_path = models.CharField(max_length=500)
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    file_size = models.BigIntegerField(default=0)
    encoding = models.CharField(max_length=20, blank=True)
    delimiter = models.CharField(max_length=1, blank=True)
    # The file's header row in order (the error file is rebuilt from it once an upload is gone).
    header = models.JSONField(default=list, blank=True)
    # {csv column: person field}; see people.importing.mapping for the field names.
    mapping = models.JSONField(default=dict)
    update_existing = models.BooleanField(default=True, help_text="Update people already in the CRM.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(null=True, blank=True, help_text="Estimated from the file size.")
    rows_done = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, help_text="Why the whole file could not be processed.")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import of {self.file_name}"

    @property
    def skipped(self) -> int:
        """Rows that matched someone already in the CRM and were left alone (update_existing off)."""
        return max(self.rows_done - self.imported - self.updated - self.rejected, 0)


class ImportRowError(models.Model):
    """A rejected row: its line number in the file (header = line 1), the reason, and the row as read."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="row_errors")
    line = models.PositiveIntegerField()
    reason = models.CharField(max_length=300)
    row = models.JSONField(default=dict)

    class Meta:
        ordering = ["line"]
        constraints = [models.UniqueConstraint(fields=["job", "line"], name="uniq_import_error_line")]

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class ImportMapping(models.Model):
    """A column mapping the organization used before, offered again for a file with the same header."""

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    header_key = models.CharField(max_length=64, help_text="sha256 of the normalised header row.")
    name = models.CharField(max_length=120, blank=True)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "header_key"], name="uniq_mapping_per_header")]

    def __str__(self) -> str:
        return self.name or self.header_key[:12]
