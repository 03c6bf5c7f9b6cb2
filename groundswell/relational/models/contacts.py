"""A volunteer's own contacts ("my people"), their phones and emails, voter-file match candidates, and the
conversations the volunteer logs with them.

A Relationship belongs to the volunteer who added it, not to the CRM: it links to a voter-file Person once the
volunteer confirms the match, and is never merged into it. Each phone or email says whether the volunteer
shares it with the campaign; organizers see counts, matched people, and shared details only."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from groundswell.orgs.models import Invitation, Team
from groundswell.people.models import Person


class Relationship(models.Model):
    class Kind(models.TextChoices):
        FRIEND = "friend", "Friend"
        FAMILY = "family", "Family"
        COWORKER = "coworker", "Co-worker"
        NEIGHBOR = "neighbor", "Neighbour"
        CLASSMATE = "classmate", "Classmate"
        COMMUNITY = "community", "Faith or community group"
        OTHER = "other", "Other"

    class Closeness(models.IntegerChoices):
        CLOSE = 3, "Very close"
        WELL = 2, "Know well"
        ACQUAINTANCE = 1, "Acquaintance"

    class Match(models.TextChoices):
        UNMATCHED = "unmatched", "Not matched yet"  # no candidate found (or not looked yet)
        CANDIDATES = "candidates", "Is this your friend?"  # candidates waiting for the volunteer
        CONFIRMED = "confirmed", "Matched"
        NONE = "none", "Not in the voter file"  # the volunteer said none of the candidates

    class Source(models.TextChoices):
        MANUAL = "manual", "Added by hand"
        PASTE = "paste", "Pasted list"
        UPLOAD = "upload", "Address book"
        API = "api", "API"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    # The team the volunteer added it from: organizers of that team's branch see it in their counts.
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="relationships")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="relationships")

    first_name = models.CharField(max_length=80, blank=True)
    last_name = models.CharField(max_length=80, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=40, blank=True)
    zip = models.CharField("ZIP", max_length=20, blank=True)
    address = models.CharField(max_length=200, blank=True)
    birthday = models.CharField(max_length=10, blank=True, help_text="YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD")
    kind = models.CharField("how we know each other", max_length=20, choices=Kind.choices, default=Kind.FRIEND)
    closeness = models.PositiveSmallIntegerField(choices=Closeness.choices, default=Closeness.WELL)
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)

    match_status = models.CharField(max_length=12, choices=Match.choices, default=Match.UNMATCHED)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="relationships")
    match_probability = models.FloatField(null=True, blank=True)
    matched_at = models.DateTimeField(null=True, blank=True)
    match_checked_at = models.DateTimeField(null=True, blank=True)

    # A personal join link; who joined through it is Membership.invitation (recruited_by is the owner).
    invitation = models.ForeignKey(Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    client_uuid = models.UUIDField(unique=True, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["first_name", "last_name", "id"]
        indexes = [
            models.Index(fields=["owner", "first_name"], name="relationship_owner"),
            models.Index(fields=["team", "match_status"], name="relationship_team_status"),
            models.Index(fields=["person"], name="relationship_person"),
        ]

    def __str__(self) -> str:
        return self.name or f"Contact {self.pk}"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class RelationshipPoint(models.Model):
    """A phone or an email of a contact, with the volunteer's choice of who may see it."""

    class Kind(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    value = models.CharField(max_length=254)  # E.164 for phones, lower-cased for emails
    shared = models.BooleanField("shared with the campaign", default=False)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [models.UniqueConstraint(fields=["relationship", "kind", "value"], name="uniq_point")]

    def __str__(self) -> str:
        return self.value


class MatchCandidate(models.Model):
    """A voter-file person the matcher proposes for a contact, with the fields that agreed."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    agreements = models.JSONField(default=dict)
    rejected = models.BooleanField(default=False)

    class Meta:
        ordering = ["-probability", "id"]
        constraints = [models.UniqueConstraint(fields=["relationship", "person"], name="uniq_candidate")]

    def __str__(self) -> str:
        return f"{self.relationship_id}~{self.person_id} ({self.probability:.2f})"


class Conversation(models.Model):
    """A contact the volunteer logged with one of their people: how, what came of it, what they committed to."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        CALL = "call", "Phone call"
        TEXT = "text", "Text message"
        SOCIAL = "social", "Social media"
        EMAIL = "email", "Email"

    class Outcome(models.TextChoices):
        TALKED = "talked", "We talked"
        LEFT_MESSAGE = "left_message", "Left a message"
        NO_ANSWER = "no_answer", "No answer yet"
        DECLINED = "declined", "Not interested"

    class Commitment(models.TextChoices):
        NONE = "", "No commitment"
        VOTE = "vote", "Will vote"
        VOTE_PLAN = "vote_plan", "Made a plan to vote"
        VOTED = "voted", "Already voted"
        VOLUNTEER = "volunteer", "Will volunteer"
        EVENT = "event", "Will come to an event"

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="conversations")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey("relational.Program", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="conversations")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.IN_PERSON)
    outcome = models.CharField(max_length=15, choices=Outcome.choices, default=Outcome.TALKED)
    commitment = models.CharField(max_length=10, choices=Commitment.choices, blank=True)
    notes = models.TextField(blank=True)
    client_uuid = models.UUIDField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["relationship", "-created_at"], name="conversation_recent")]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def reached(self) -> bool:
        return self.outcome == self.Outcome.TALKED


class MatchWeights(models.Model):
    """The matcher's Fellegi–Sunter weights learned (by EM) from one organization's own data."""

    org = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="+")
    params = models.JSONField()
    pairs = models.PositiveIntegerField(default=0)  # voter-file people the weights were learned against
    trained_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"match weights of org {self.org_id}"
