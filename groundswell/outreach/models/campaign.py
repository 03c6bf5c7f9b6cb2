"""An outreach campaign: who to reach (a list), how (channel, script, survey), what counts as done
(result codes and retry rules), and who may be handed a contact (claim rules and the calling window)."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.people.models import PeopleList

# Calls and texts go out 09:00–21:00 in the contact's own time zone; a campaign may only narrow it.
EARLIEST = dt.time(9, 0)
LATEST = dt.time(21, 0)


class ResultCode(models.Model):
    """How an attempt ended. Per organization and editable; `category` is what the engine acts on."""

    class Category(models.TextChoices):
        REACHED = "reached", "Reached (talked to them)"
        NOT_REACHED = "not_reached", "Not reached — try again"
        REFUSED = "refused", "Refused"
        WRONG_NUMBER = "wrong_number", "Wrong number"
        DO_NOT_CONTACT = "do_not_contact", "Do not contact"
        GONE = "gone", "Moved or deceased"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    code = models.SlugField(max_length=40)
    label = models.CharField(max_length=80)
    category = models.CharField(max_length=20, choices=Category.choices)
    # Minutes before the same person may be tried again; empty means the result is final for the campaign.
    retry_after_minutes = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["org", "code"], name="uniq_result_code_per_org")]

    def __str__(self) -> str:
        return self.label

    @property
    def final(self) -> bool:
        return self.retry_after_minutes is None

    @property
    def reached(self) -> bool:
        return self.category == self.Category.REACHED


class Campaign(models.Model):
    class Channel(models.TextChoices):
        CALL = "call", "Phone calls"
        DOOR = "door", "Door knocking"
        TEXT = "text", "Texts"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        LIVE = "live", "Live"
        PAUSED = "paused", "Paused"
        DONE = "done", "Done"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="campaigns")
    name = models.CharField(max_length=120)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.CALL)
    people_list = models.ForeignKey(
        PeopleList, null=True, blank=True, on_delete=models.SET_NULL, related_name="campaigns",
        verbose_name="list",
    )
    script = models.TextField(blank=True, help_text="Merge fields: {first_name}, {volunteer_first_name}, {event_link}…")
    training = models.TextField(
        "training card", blank=True, help_text="What a new caller reads in the 30 seconds before their first call."
    )
    event_link = models.URLField(blank=True, help_text="What {event_link} in the script becomes.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    window_start = models.TimeField(
        "call from", default=EARLIEST, help_text="In each contact's own time zone; not before 09:00."
    )
    window_end = models.TimeField("call until", default=LATEST, help_text="Not after 21:00.")
    max_attempts = models.PositiveSmallIntegerField(default=3, validators=[MinValueValidator(1), MaxValueValidator(20)])
    claim_minutes = models.PositiveSmallIntegerField(
        "claim expires after (minutes)", default=10, validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    max_open_claims = models.PositiveSmallIntegerField(
        "open contacts per caller", default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    finish_open_first = models.BooleanField("callers finish their open contacts first", default=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    went_live_at = models.DateTimeField(null=True, blank=True)
    targets_synced_at = models.DateTimeField(null=True, blank=True)
    # The time zones of the campaign's people, kept by services.sync_targets: the claim query asks only for
    # those that are inside the window now (a handful, not the ~400 zones of the world).
    zones = models.JSONField(default=list, blank=True)
    # Which of those zones were inside the calling window when the targets were last parked
    # (eligibility.window_key): when it differs from now's, the next claim asks for a sync.
    parked_for = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["team", "status"], name="campaign_team_status")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE

    @property
    def consent_channel(self) -> str | None:
        """The people.consent channel whose opt-outs, numbers and quiet hours this campaign obeys; None for
        door knocking, which needs neither a number nor a calling window."""
        return CONSENT_CHANNEL.get(self.channel)


# Campaign channel -> people.consent channel (opt-outs, usable numbers); door knocking has none.
CONSENT_CHANNEL = {Campaign.Channel.CALL: "call", Campaign.Channel.TEXT: "text"}


class Question(models.Model):
    """A survey question. `choices` is a list of {"value", "label", "next"}: `next` is the position of the
    question to ask after that answer (branching), or null to go on in order."""

    class Kind(models.TextChoices):
        SINGLE = "single", "One choice"
        MULTIPLE = "multiple", "Several choices"
        TEXT = "text", "Free text"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    key = models.SlugField(max_length=40, help_text="Short name used in exports and the API, e.g. support.")
    prompt = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    choices = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "key"], name="uniq_question_key")]

    def __str__(self) -> str:
        return self.prompt

    def choice_values(self) -> list[str]:
        return [str(c.get("value", "")) for c in self.choices]
