"""Captain programs: an organizer's program for a team, its key dates, the captains who enrol, each captain's
list of people with a prediction, randomized arms when the program is evaluated, touch-base check-ins, and the
ballot files (early vote, final turnout) imported against it."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.people.models import Person
from groundswell.relational.models.contacts import Relationship


class Program(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ENROLLING = "enrolling", "Enrolling captains"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="programs")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    goal_min = models.PositiveSmallIntegerField("fewest people per captain", default=10)
    goal_max = models.PositiveSmallIntegerField("most people per captain", default=20)
    script = models.TextField("script and talking points", blank=True)
    materials = models.TextField(blank=True, help_text="Links and notes for captains, one per line.")
    election = models.CharField(
        max_length=40, help_text='The election whose turnout counts, as in the vote history (e.g. "2026-general").'
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Randomized evaluation: each captain's locked list is split within captain from this seed (recorded).
    evaluate = models.BooleanField(
        "evaluate with a randomized trial", default=False,
        help_text="Half of each captain's list is held out at random, so the program's effect can be measured.",
    )
    seed = models.PositiveIntegerField(null=True, blank=True)
    turnout_imported_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class ProgramDate(models.Model):
    class Kind(models.TextChoices):
        REGISTRATION = "registration", "Registration deadline"
        EARLY_VOTING = "early_voting", "Early voting starts"
        ELECTION = "election", "Election day"
        OTHER = "other", "Other"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="dates")
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.OTHER)
    label = models.CharField(max_length=120, blank=True)
    date = models.DateField()
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()

    @property
    def title(self) -> str:
        return str(self)


class Captain(models.Model):
    """A volunteer enrolled in a program. Their list is locked once they commit; with an evaluated program
    the lock is when their list is split into arms."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="captains")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="captaincies")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    enrolled_at = models.DateTimeField(default=timezone.now)
    committed_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["enrolled_at", "id"]
        constraints = [models.UniqueConstraint(fields=["program", "user"], name="uniq_captain")]

    def __str__(self) -> str:
        return f"{self.user} in {self.program}"


class CaptainPerson(models.Model):
    """One of the captain's people in the program: their prediction, and (evaluated programs) their arm."""

    class Prediction(models.TextChoices):
        UNKNOWN = "", "No guess yet"
        YES = "yes", "Will vote"
        MAYBE = "maybe", "Maybe"
        NO = "no", "Won't vote"

    class Arm(models.TextChoices):
        NONE = "", "Not randomized"
        TREATMENT = "treatment", "Treatment"
        CONTROL = "control", "Control (held out)"

    captain = models.ForeignKey(Captain, on_delete=models.CASCADE, related_name="people")
    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="program_entries")
    # The voter-file person at lock time (turnout is read from their vote history); None when unmatched.
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    prediction = models.CharField(max_length=5, choices=Prediction.choices, blank=True)
    arm = models.CharField(max_length=10, choices=Arm.choices, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["relationship__first_name", "id"]
        constraints = [models.UniqueConstraint(fields=["captain", "relationship"], name="uniq_captain_person")]

    def __str__(self) -> str:
        return f"{self.relationship} ({self.arm or 'unassigned'})"


class CaptainCheckIn(models.Model):
    """A touch-base between an organizer and a captain: scheduled, then held with a short report."""

    captain = models.ForeignKey(Captain, on_delete=models.CASCADE, related_name="check_ins")
    organizer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    scheduled_for = models.DateTimeField()
    held_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["scheduled_for", "id"]

    def __str__(self) -> str:
        return f"check-in {self.scheduled_for:%Y-%m-%d}"


class BallotImport(models.Model):
    """A ballot-return / early-vote file (imported again and again during early voting) or the final turnout
    file. Rows that cannot be used are kept with their line and reason (`errors`) for the error file."""

    class Kind(models.TextChoices):
        EARLY = "early", "Early vote / ballot returns"
        FINAL = "final", "Final turnout"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="ballot_imports")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    file_name = models.CharField(max_length=200)
    rows = models.PositiveIntegerField(default=0)
    voted = models.PositiveIntegerField(default=0)
    unknown = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [[line, reason, raw row], ...]
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name}"
