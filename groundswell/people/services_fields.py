"""Writes to an organization's custom field definitions (the values live on Person.custom)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from groundswell.audit.services import audit_log
from groundswell.orgs.models import Team
from groundswell.people.models import CustomField, Person

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _clean_choices(kind: str, choices: list[str]) -> list[str]:
    cleaned: list[str] = []
    for choice in choices:
        text = " ".join(str(choice).split())
        if text and text.casefold() not in {c.casefold() for c in cleaned}:
            cleaned.append(text)
    if kind == CustomField.Kind.CHOICE and not cleaned:
        raise ValidationError({"choices": ["A choice field needs at least one choice."]})
    return cleaned if kind == CustomField.Kind.CHOICE else []


def _people_with_value(field: CustomField):
    return Person.objects.filter(org_id=field.org_id, custom__has_key=field.key)


def _check_change(field: CustomField, kind: str, choices: list[str]) -> None:
    """Refuse changes that would make values people already hold invalid, and say which."""
    if kind != field.kind:
        count = _people_with_value(field).count()
        if count:
            raise ValidationError({"kind": [
                f"{count} {'person has' if count == 1 else 'people have'} a value in this field; "
                "its type cannot change. Add a new field instead."
            ]})
    if kind == CustomField.Kind.CHOICE and field.kind == CustomField.Kind.CHOICE:
        kept = {c.casefold() for c in choices}
        dropped = [c for c in field.choices if c.casefold() not in kept]
        if dropped:
            used = sorted(set(
                _people_with_value(field).filter(**{f"custom__{field.key}__in": dropped})
                .values_list(f"custom__{field.key}", flat=True)
            ))
            if used:
                raise ValidationError({"choices": [
                    f"People still have {', '.join(repr(u) for u in used)}: change their values first, "
                    "or keep these choices."
                ]})


@transaction.atomic
def custom_field_save(
    *, actor, org: Team, key: str, label: str, kind: str, choices: list[str] | None = None,
    field: CustomField | None = None,
) -> CustomField:
    """Add a field to the organization (`field` None) or change one. The key names the stored values, so it
    is unique in the organization and never changes once made."""
    kind = CustomField.Kind(kind) if kind in CustomField.Kind.values else kind
    errors: dict[str, list[str]] = {}
    label = " ".join(label.split())
    if not label:
        errors["label"] = ["Give the field a name."]
    if kind not in CustomField.Kind.values:
        errors["kind"] = [f"unknown type {kind!r}"]
    if field is None:
        if not KEY_PATTERN.match(key or ""):
            errors["key"] = ["Use lower-case letters, digits and _ (start with a letter, at most 40)."]
        elif CustomField.objects.filter(org=org, key=key).exists():
            errors["key"] = [f"This organization already has a field {key!r}."]
    elif key and key != field.key:
        errors["key"] = ["The key of an existing field cannot change."]
    if errors:
        raise ValidationError(errors)
    cleaned = _clean_choices(kind, choices or [])
    if field is None:
        position = (CustomField.objects.filter(org=org).aggregate(m=Max("position"))["m"] or 0) + 1
        field = CustomField(org=org, key=key, position=position)
    else:
        _check_change(field, kind, cleaned)
    field.label, field.kind, field.choices = label, kind, cleaned
    field.save()
    audit_log(actor=actor, action="people.custom_field.saved", target=field, team_path=org.path,
              data={"key": field.key, "kind": field.kind, "choices": field.choices})
    return field


@transaction.atomic
def custom_field_move(*, actor, field: CustomField, up: bool) -> None:
    """Swap the field with its neighbour above (or below) in the organization's order."""
    fields = list(CustomField.objects.filter(org_id=field.org_id).order_by("position", "label", "id"))
    index = next(i for i, f in enumerate(fields) if f.pk == field.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(fields):
        return
    fields[index], fields[other] = fields[other], fields[index]
    for position, item in enumerate(fields, start=1):
        if item.position != position:
            CustomField.objects.filter(pk=item.pk).update(position=position)
    audit_log(actor=actor, action="people.custom_field.moved", target=field, data={"up": up})
