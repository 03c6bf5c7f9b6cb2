"""Lists and universes: a saved filter (dynamic) or a frozen set of people (static)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.people.models.person import Person


class PeopleList(models.Model):
    class Kind(models.TextChoices):
        DYNAMIC = "dynamic", "Saved search (updates itself)"
        STATIC = "static", "Static list (frozen)"

    org = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    # The owning team: who may see the list, and whose people it may contain (its subtree).
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="people_lists")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DYNAMIC)
    # The filter spec (see people.filters); kept on a static list too, to show how it was made.
    filters = models.JSONField(default=dict, blank=True)
    frozen_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    frozen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ListMember(models.Model):
    """A person on a static list."""

    list = models.ForeignKey(PeopleList, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["person"], name="listmember_person")]
        constraints = [models.UniqueConstraint(fields=["list", "person"], name="uniq_list_member")]

    def __str__(self) -> str:
        return f"{self.list_id}:{self.person_id}"
