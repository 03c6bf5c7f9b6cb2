"""Who a campaign tries to reach (Target, one per person) and every try (ContactAttempt)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.outreach.models.campaign import Campaign
from groundswell.people.models import Person

# The order the queue hands targets out: whoever has waited longest since they became free — since they were
# added to the campaign, their retry came due or a caller's claim on them ran out (the later of the last two;
# written out so that SQLite, whose MAX() is NULL when one side is, orders the same) — then by id. A claim or an
# attempt moves the target to the back of this order, so a claim reads from the front of target_queue and does
# not walk past the contacts other callers hold or the people waiting for their retry. Ahead of all that, the
# targets whose person could be reached at the last sync come before the `parked` ones (outreach.parking).
AVAILABLE_FROM = Coalesce(Greatest(F("next_attempt_at"), F("claimed_until")), F("next_attempt_at"),
                          F("claimed_until"), F("added_at"))
QUEUE_ORDER = (F("parked").asc(), AVAILABLE_FROM.asc(), F("id").asc())


class Target(models.Model):
    """A person a campaign may contact. Made from the campaign's list when it goes live and kept in step
    with it (`removed_at` when they leave the list). Held by at most one caller at a time: `claimed_by`
    until `claimed_until`; an expired claim is free again without any sweeper. Whether a target may be
    handed out *now* is decided by outreach.eligibility alone."""

    # No index of its own for `campaign` and `claimed_by`: uniq_target_person and target_claimed_by start with
    # them (every index is one more write on each claim and each attempt).
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets", db_index=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    attempts = models.PositiveSmallIntegerField(default=0)
    last_result = models.CharField(max_length=40, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # A final result (reached, refused, wrong number, do not contact…): nobody is handed this person again.
    done = models.BooleanField(default=False)
    removed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", db_index=False)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    # Only an order hint, never a rule: at the last sync this person could not be reached (opted out, no
    # usable number, outside the calling window). Parked targets wait behind the others instead of sitting at
    # the front of the queue where every claim would have to walk past them; eligibility alone decides.
    parked = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "person"], name="uniq_target_person")]
        indexes = [
            # The claim path: the open targets of one campaign in queue order (QUEUE_ORDER).
            models.Index(F("campaign"), *QUEUE_ORDER, condition=Q(done=False, removed_at__isnull=True),
                         name="target_queue"),
            models.Index(fields=["claimed_by", "claimed_until"], name="target_claimed_by"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.person_id}"

    def held_by(self, user_id: int | None, now) -> bool:
        return self.claimed_by_id == user_id and self.claimed_until is not None and self.claimed_until > now


class ContactAttempt(models.Model):
    """One try to reach a person. `client_uuid` is made by the caller's device, so a retried post is stored
    once. `applied` is False when the target was held by someone else: the attempt is kept (and copied to the
    person's notes) but does not move the queue."""

    # `org`, `campaign`, `person` and `caller` have no index of their own: the (…, created_at) indexes start
    # with them (the org's one is what the goal rollups' refresh of the last days reads).
    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+", db_index=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="attempts", db_index=False)
    target = models.ForeignKey(Target, null=True, on_delete=models.SET_NULL, related_name="attempt_set")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    caller = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                               db_index=False)
    channel = models.CharField(max_length=10, choices=Campaign.Channel.choices)
    result = models.CharField(max_length=40)
    answers = models.JSONField(default=dict, blank=True)
    notes = models.TextField(blank=True)
    phone_number = models.CharField(max_length=20, blank=True)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    client_uuid = models.UUIDField(unique=True)
    applied = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["campaign", "created_at"], name="attempt_campaign_time"),
            models.Index(fields=["person", "created_at"], name="attempt_person_time"),
            models.Index(fields=["caller", "created_at"], name="attempt_caller_time"),
            models.Index(fields=["org", "created_at"], name="attempt_org_time"),
        ]

    def __str__(self) -> str:
        return f"{self.result} ({self.created_at:%Y-%m-%d %H:%M})"
