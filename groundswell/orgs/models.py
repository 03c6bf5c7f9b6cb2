import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from treebeard.mp_tree import MP_Node


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a known time zone (e.g. America/Chicago).")


class Team(MP_Node):
    """A node of the team tree: national → region → chapter → team, any depth, several roots allowed.

    A root is an *organization*: people, consent and custom fields are owned by the root. The
    materialized path is the whole access model: a role on a team covers every path that starts with it.
    """

    class Kind(models.TextChoices):
        NATIONAL = "national", "National"
        COALITION = "coalition", "Coalition"
        REGION = "region", "Region"
        CHAPTER = "chapter", "Chapter"
        TEAM = "team", "Team"

    steplen = 4
    node_order_by = ["name"]

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TEAM)
    time_zone = models.CharField(max_length=64, default="America/New_York", validators=[validate_time_zone])
    mission = models.TextField(blank=True)
    code_of_conduct = models.TextField(blank=True)
    # What the team may do on its own: when off, only roles held on a team *above* it can do this here.
    can_create_events = models.BooleanField(default=True)
    can_edit_scripts = models.BooleanField(default=False)
    can_import_people = models.BooleanField(default=False)
    can_invite = models.BooleanField(default=True)
    # Meaningful on a root: members with admin or data_steward roles in this organization must use 2FA.
    require_2fa_for_admins = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def path_prefixes(cls, path: str, *, include_self: bool = True) -> list[str]:
        """The paths of the teams above `path`, root first (and `path` itself, unless include_self is false)."""
        return [path[:end] for end in range(cls.steplen, len(path) + include_self, cls.steplen)]

    @property
    def org_path(self) -> str:
        """Path of the root (the organization) this team belongs to."""
        return self.path[: self.steplen]


class Membership(models.Model):
    """A user's role on a team; it grants that role on the team's whole subtree."""

    class Role(models.TextChoices):
        ADMIN = "admin", "Admin"
        ORGANIZER = "organizer", "Organizer"
        LEADER = "leader", "Leader"
        VOLUNTEER = "volunteer", "Volunteer"
        ANALYST = "analyst", "Analyst"
        DATA_STEWARD = "data_steward", "Data steward"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VOLUNTEER)
    # Who brought this person in: the recruitment tree is a first-class fact.
    recruited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="recruits"
    )
    invitation = models.ForeignKey(
        "Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="memberships"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Onboarding progress, one timestamp or value per step.
    conduct_accepted_at = models.DateTimeField(null=True, blank=True)
    availability = models.JSONField(default=list, blank=True)
    interests = models.JSONField(default=list, blank=True)
    onboarded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["team__path", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="uniq_membership_per_team")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} of {self.team}"

    @property
    def onboarding_steps_done(self) -> int:
        steps = [True, self.conduct_accepted_at, self.availability or self.interests, self.onboarded_at]
        return sum(1 for step in steps if step)

    ONBOARDING_STEPS = 4


class Invitation(models.Model):
    """A join link for a team. The secret is in the URL; we keep it to show the link again to organizers."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=64, unique=True)
    role = models.CharField(max_length=20, choices=Membership.Role.choices, default=Membership.Role.VOLUNTEER)
    email = models.EmailField(blank=True, help_text="Leave empty for a link anyone can use.")
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    max_uses = models.PositiveIntegerField(null=True, blank=True)
    use_count = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation to {self.team} as {self.get_role_display()}"

    def status(self, now=None) -> str:
        """"active", or why the link cannot be used: "withdrawn", "expired" or "used_up"."""
        now = now or timezone.now()
        if self.revoked_at:
            return "withdrawn"
        if self.expires_at and self.expires_at <= now:
            return "expired"
        if self.max_uses is not None and self.use_count >= self.max_uses:
            return "used_up"
        return "active"

    def unusable_reason(self, now=None) -> str | None:
        """Why the link cannot be used any more, in words for the newcomer; None when it can."""
        return UNUSABLE_REASONS.get(self.status(now))


UNUSABLE_REASONS = {
    "withdrawn": "This invitation was withdrawn by the team.",
    "expired": "This invitation has expired.",
    "used_up": "This invitation has already been used.",
}
