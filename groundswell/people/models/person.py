"""The person record and what hangs directly off it: phones, emails, external ids, votes, tags, notes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from groundswell.orgs.models import Team


class Channel(models.TextChoices):
    CALL = "call", "Calls"
    TEXT = "text", "Texts"
    EMAIL = "email", "Email"


class Person(models.Model):
    """Someone the organization knows about: a voter-file row, an event signup, a volunteer's friend.

    Owned by an organization (`org`, a root of the team tree); `team` is the team within it whose
    subtree may see the record (access.scoped). Soft-deleted rows keep `deleted_at` until a data steward
    purges them (privacy.person_erase), which is a real delete.
    """

    class Registration(models.TextChoices):
        UNKNOWN = "", "Unknown"
        ACTIVE = "active", "Registered (active)"
        INACTIVE = "inactive", "Registered (inactive)"
        NOT_REGISTERED = "not_registered", "Not registered"
        PURGED = "purged", "Removed from the rolls"

    org = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="people")

    first_name = models.CharField(max_length=80, blank=True)
    middle_name = models.CharField(max_length=80, blank=True)
    last_name = models.CharField(max_length=80, blank=True)
    suffix = models.CharField(max_length=20, blank=True)
    birth_date = models.DateField(null=True, blank=True)

    address1 = models.CharField("address", max_length=200, blank=True)
    address2 = models.CharField("address line 2", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=40, blank=True)
    zip = models.CharField("ZIP / postal code", max_length=20, blank=True)
    country = models.CharField(max_length=2, default="US")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    time_zone = models.CharField(
        max_length=64, blank=True, help_text="Derived from the address or phone when empty."
    )
    language = models.CharField(max_length=16, blank=True)
    # The member account of this person, when they are a member too (people.services_intake.person_for_member):
    # one record per member per organization, so one-on-ones and the ladder follow a volunteer's CRM record.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person_records"
    )

    registration_status = models.CharField(max_length=20, choices=Registration.choices, blank=True)
    party = models.CharField(max_length=40, blank=True)
    county = models.CharField(max_length=80, blank=True)
    precinct = models.CharField(max_length=80, blank=True)
    congressional_district = models.CharField(max_length=20, blank=True)
    state_senate_district = models.CharField(max_length=20, blank=True)
    state_house_district = models.CharField(max_length=20, blank=True)

    # Values of the organization's CustomFields by key, validated by people.custom_fields.
    custom = models.JSONField(default=dict, blank=True)

    # Current consent state per channel; the history with source and time is ConsentEvent.
    call_opt_out_at = models.DateTimeField(null=True, blank=True)
    text_opt_out_at = models.DateTimeField(null=True, blank=True)
    email_opt_out_at = models.DateTimeField(null=True, blank=True)

    # Bit i set exactly when the person voted in the organization's election with bit i (Election.bit): a
    # summary of their Vote rows, kept by every write of votes (people.vote_summary), so vote-history counts
    # read this column from person_live_count instead of aggregating Vote rows.
    voted_mask = models.BigIntegerField(default=0)

    last_contacted_at = models.DateTimeField(null=True, blank=True)
    last_result = models.CharField(max_length=40, blank=True)

    # The import that last wrote this row and the file line it came from (resume + duplicate detection).
    last_import = models.ForeignKey(
        "people.ImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_import_line = models.PositiveIntegerField(null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "user"], condition=Q(user__isnull=False), name="person_one_per_member"
            ),
        ]
        indexes = [
            models.Index(fields=["team", "last_name", "first_name"], name="person_team_name"),
            models.Index(fields=["org", "zip"], name="person_org_zip"),
            models.Index(fields=["org", "precinct"], name="person_org_precinct"),
            models.Index(fields=["org", "party"], name="person_org_party"),
            models.Index(fields=["org", "registration_status"], name="person_org_registration"),
            # Narrow partial indexes that let list counts (people.filters) read an index instead of the whole
            # table: the scope and consent columns every count needs, voter fields, and position for radius.
            models.Index(
                fields=["id", "team", "call_opt_out_at", "text_opt_out_at", "email_opt_out_at", "voted_mask"],
                condition=Q(deleted_at__isnull=True), name="person_live_count",
            ),
            models.Index(
                fields=["party", "registration_status", "team"], condition=Q(deleted_at__isnull=True),
                name="person_live_party",
            ),
            models.Index(
                fields=["latitude", "longitude", "team"], condition=Q(deleted_at__isnull=True), name="person_live_geo"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or f"Person {self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_name, self.last_name, self.suffix) if p)

    OPT_OUT_FIELD = {
        Channel.CALL: "call_opt_out_at", Channel.TEXT: "text_opt_out_at", Channel.EMAIL: "email_opt_out_at"
    }

    def opted_out(self, channel: str) -> bool:
        return getattr(self, self.OPT_OUT_FIELD[channel]) is not None


class Phone(models.Model):
    class Kind(models.TextChoices):
        MOBILE = "mobile", "Mobile"
        LANDLINE = "landline", "Landline"
        VOIP = "voip", "VoIP"
        UNKNOWN = "unknown", "Unknown"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    number = models.CharField(max_length=20, help_text="E.164, e.g. +15125550123")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.UNKNOWN)
    # False once a call comes back "wrong number" or the carrier says it does not exist.
    valid = models.BooleanField(default=True)
    primary = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-primary", "id"]
        indexes = [models.Index(fields=["org", "number"], name="phone_org_number")]
        constraints = [models.UniqueConstraint(fields=["person", "number"], name="uniq_phone_per_person")]

    def __str__(self) -> str:
        return self.number


class Email(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="emails")
    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    address = models.CharField(max_length=254, help_text="Normalised: trimmed and lower-cased.")
    valid = models.BooleanField(default=True)
    primary = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-primary", "id"]
        indexes = [models.Index(fields=["org", "address"], name="email_org_address")]
        constraints = [models.UniqueConstraint(fields=["person", "address"], name="uniq_email_per_person")]

    def __str__(self) -> str:
        return self.address


class ExternalId(models.Model):
    """An id the person has in another system; the voter file's is system "voter_file"."""

    VOTER_FILE = "voter_file"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="external_ids")
    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    system = models.CharField(max_length=40, default=VOTER_FILE)
    value = models.CharField(max_length=80)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "system", "value"], name="uniq_external_id")]

    def __str__(self) -> str:
        return f"{self.system}:{self.value}"


class Vote(models.Model):
    """One election the person voted in (the vote history of the voter file)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="votes")
    election = models.CharField(max_length=40, help_text='A code such as "2024-general" or "2022-primary".')
    method = models.CharField(max_length=20, blank=True, help_text="in person, early, absentee, mail…")

    class Meta:
        indexes = [models.Index(fields=["election", "person"], name="vote_election_person")]
        constraints = [models.UniqueConstraint(fields=["person", "election"], name="uniq_vote_per_election")]

    def __str__(self) -> str:
        return self.election


class Tag(models.Model):
    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=60)
    people = models.ManyToManyField(Person, through="PersonTag", related_name="tags")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="uniq_tag_per_org")]

    def __str__(self) -> str:
        return self.name


class PersonTag(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["tag", "person"], name="persontag_tag_person")]
        constraints = [models.UniqueConstraint(fields=["person", "tag"], name="uniq_person_tag")]

    def __str__(self) -> str:
        return f"{self.tag_id}:{self.person_id}"


class CustomField(models.Model):
    """A field an organization adds to its people; values live in Person.custom under `key`."""

    class Kind(models.TextChoices):
        TEXT = "text", "Text"
        NUMBER = "number", "Number"
        DATE = "date", "Date"
        CHOICE = "choice", "Choice"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="custom_fields")
    key = models.SlugField(max_length=40)
    label = models.CharField(max_length=80)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.JSONField(default=list, blank=True, help_text="Allowed values of a choice field.")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "label"]
        constraints = [models.UniqueConstraint(fields=["org", "key"], name="uniq_custom_field_key")]

    def __str__(self) -> str:
        return self.label


class Note(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class TimelineEntry(models.Model):
    """Something that happened to a person: any app adds entries through services.timeline_add.

    `kind` is namespaced by the app that wrote it ("people.tagged", "events.attended", "outreach.call").
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=60)
    summary = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "-created_at"], name="timeline_person_recent")]

    def __str__(self) -> str:
        return self.summary


ACTIVE = Q(deleted_at__isnull=True)
