"""Organization-defined data: tags (any / all / none of) and custom fields (equals, one of, ranges)."""

from django.db.models import Exists, OuterRef, QuerySet

from groundswell.people.custom_fields import clean_value
from groundswell.people.filters import FilterContext, FilterError, FilterKind, register
from groundswell.people.filters.clean import each, obj, str_list
from groundswell.people.models import CustomField, PersonTag, Tag


def _clean_tags(value, context: FilterContext) -> dict:
    value = obj(value, {"any", "all", "none"})
    cleaned = each(value, dict.fromkeys(("any", "all", "none"), lambda v: str_list(v, max_length=60)))
    if context.org is None:
        return cleaned
    # Tag names are matched whatever their case, and stored as the organization spells them.
    known = {n.casefold(): n for n in Tag.objects.filter(org=context.org).values_list("name", flat=True)}
    errors = {}
    for mode, names in cleaned.items():
        unknown = [n for n in names if n.casefold() not in known]
        if unknown:
            errors[mode] = f"unknown tag(s): {', '.join(unknown)}"
        cleaned[mode] = [known.get(n.casefold(), n) for n in names]
    if errors:
        raise FilterError(errors=errors)
    return cleaned


def _tagged(names: list[str], org) -> Exists:
    if org is not None:
        # The tag ids as a plain subquery, so PostgreSQL can start from the (tag, person) index.
        tag_ids = Tag.objects.filter(org=org, name__in=names).values("pk")
        return Exists(PersonTag.objects.filter(person_id=OuterRef("pk"), tag_id__in=tag_ids))
    return Exists(
        PersonTag.objects.filter(person_id=OuterRef("pk"), tag__org_id=OuterRef("org_id"), tag__name__in=names)
    )


def _apply_tags(qs: QuerySet, value: dict, context: FilterContext) -> QuerySet:
    if value.get("any"):
        qs = qs.filter(_tagged(value["any"], context.org))
    for name in value.get("all", []):
        qs = qs.filter(_tagged([name], context.org))
    if value.get("none"):
        qs = qs.exclude(_tagged(value["none"], context.org))
    return qs


def _describe_tags(value: dict) -> str:
    words = {"any": "tagged any of", "all": "tagged all of", "none": "not tagged"}
    return "; ".join(f"{words[mode]} {', '.join(names)}" for mode, names in value.items()).capitalize()


register(FilterKind("tags", "Tags", _clean_tags, _apply_tags, _describe_tags))

RANGE_KINDS = {CustomField.Kind.NUMBER, CustomField.Kind.DATE}


def _clean_one_field(field: CustomField, rule) -> dict:
    allowed = {"eq", "in", "min", "max"} if field.kind in RANGE_KINDS else {"eq", "in"}
    rule = obj(rule, allowed)

    def value(raw):
        try:
            cleaned = clean_value(field, raw)
        except ValueError as exc:
            raise FilterError(str(exc)) from None
        if cleaned is None:
            raise FilterError("give a value")
        return cleaned

    def values(raw):
        if not isinstance(raw, list) or not raw:
            raise FilterError("must be a non-empty list")
        return [value(item) for item in raw]

    cleaned = each(rule, {"eq": value, "in": values, "min": value, "max": value})
    if "min" in cleaned and "max" in cleaned and cleaned["min"] > cleaned["max"]:
        raise FilterError(errors={"max": "must not be below min"})
    if not cleaned:
        raise FilterError(f"give one of {', '.join(sorted(allowed))}")
    return cleaned


def _clean_custom(value, context: FilterContext) -> dict:
    if not isinstance(value, dict):
        raise FilterError("must be an object of custom field keys")
    if context.org is None:
        raise FilterError("custom fields need the list's organization")
    fields = {f.key: f for f in CustomField.objects.filter(org=context.org)}
    cleaned, errors = {}, {}
    for key, rule in value.items():
        field = fields.get(key)
        if field is None:
            errors[str(key)] = f"unknown custom field {key!r}"
            continue
        try:
            cleaned[key] = _clean_one_field(field, rule)
        except FilterError as exc:
            errors.update({f"{key}.{sub}" if sub else key: message for sub, message in exc.errors.items()})
    if errors:
        raise FilterError(errors=errors)
    return cleaned


def _apply_custom(qs: QuerySet, value: dict, context: FilterContext) -> QuerySet:
    # Keys were checked against the organization's CustomField slugs, so they are safe in a lookup path.
    lookups = {"eq": "", "in": "__in", "min": "__gte", "max": "__lte"}
    for key, rule in value.items():
        qs = qs.filter(**{f"custom__{key}{lookups[op]}": operand for op, operand in rule.items()})
    return qs


def _describe_custom(value: dict) -> str:
    words = {"eq": "is", "in": "is one of", "min": "at least", "max": "at most"}
    parts = []
    for key, rule in value.items():
        for op, operand in rule.items():
            shown = ", ".join(map(str, operand)) if isinstance(operand, list) else operand
            parts.append(f"{key} {words[op]} {shown}")
    return "Custom fields: " + "; ".join(parts)


register(FilterKind("custom", "Custom fields", _clean_custom, _apply_custom, _describe_custom))
