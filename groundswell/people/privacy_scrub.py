"""Erasure's clean-up outside the person's own rows: rejected import rows that hold their contact points,
and audit entries that name them. Called only by privacy.person_erase, inside its transaction."""

import json
import re
from collections.abc import Iterator

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from groundswell.audit.models import AuditEntry
from groundswell.people.models import ImportRowError

ERASED = "[erased]"
PHONE_DIGITS_MIN = 7


def redact(text: str, identifiers: list[str]) -> str:
    """`text` with every identifier (name, number, address, id; longest first) replaced by [erased]."""
    for ident in identifiers:
        if ident:
            text = re.sub(re.escape(ident), ERASED, text, flags=re.IGNORECASE)
    return text


def _redact_json(value, identifiers: list[str]):
    if isinstance(value, str):
        return redact(value, identifiers)
    if isinstance(value, list):
        return [_redact_json(v, identifiers) for v in value]
    if isinstance(value, dict):
        return {k: _redact_json(v, identifiers) for k, v in value.items()}
    return value


def _text_forms(ident: str) -> set[str]:
    """How a string may appear inside stored JSON text: as is, and \\u-escaped (SQLite keeps ASCII JSON)."""
    return {ident, json.dumps(ident)[1:-1]}


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _same_phone(cell: str, e164: str) -> bool:
    """Does a raw cell ("(512) 555-0123", "512.555.0123", "+1 512…") hold this E.164 number?"""
    cell_digits, number_digits = _digits(cell), _digits(e164)
    if len(cell_digits) < PHONE_DIGITS_MIN:
        return False
    return number_digits.endswith(cell_digits) or cell_digits.endswith(number_digits)


def _row_matches(row: dict, phones: list[str], emails: list[str], ext_ids: list[str]) -> bool:
    for cell in (str(v).strip() for v in row.values() if v not in (None, "")):
        if cell.lower() in emails or cell in ext_ids:
            return True
        if any(_same_phone(cell, number) for number in phones):
            return True
    return False


def import_rows_holding(
    *, org_id: int, phones: list[str], emails: list[str], ext_ids: list[str]
) -> Iterator[ImportRowError]:
    """Rejected import rows of the organization that hold one of these phones (in any format), emails or
    external ids. A text search narrows them in the database; each suspect is then checked cell by cell."""
    needles = [n for n in emails + ext_ids if n] + [_digits(p)[-4:] for p in phones]
    if not needles:
        return
    match = Q()
    for needle in needles:
        match |= Q(row_text__icontains=needle)
    suspects = (
        ImportRowError.objects.filter(job__org_id=org_id)
        .annotate(row_text=Cast("row", TextField()))
        .filter(match)
        .select_related("job")
        .order_by("job_id", "line")
    )
    emails = [e.lower() for e in emails]
    for error in suspects.iterator(chunk_size=500):
        if isinstance(error.row, dict) and _row_matches(error.row, phones, emails, ext_ids):
            yield error


def import_rows(*, org_id: int, phones: list[str], emails: list[str], ext_ids: list[str]) -> int:
    """Empty the rejected import rows that hold the person's phone, email or external id: the line number
    stays (the count of rejections is not personal), the raw row goes, and the reason loses any of the
    row's values it quoted. Returns how many rows were scrubbed."""
    scrubbed = []
    for error in import_rows_holding(org_id=org_id, phones=phones, emails=emails, ext_ids=ext_ids):
        values = sorted((str(v).strip() for v in error.row.values() if v), key=len, reverse=True)
        error.reason = redact(error.reason, [v for v in values if len(v) > 2])
        error.row = {}
        scrubbed.append(error)
    ImportRowError.objects.bulk_update(scrubbed, ["row", "reason"], batch_size=500)
    return len(scrubbed)


def audit_entries(
    *, org_path: str, person_ids: list[int], candidate_ids: list[int], identifiers: list[str], replacement: str
) -> int:
    """Rewrite the audit entries that name the erased person: entries about them (by id, including records
    merged into theirs, or a duplicate pair they were in) get `replacement` as
    their description; any entry of the organization whose description or data holds their name, a
    number, an address or an external id gets those replaced by [erased]. Returns how many changed."""
    person_keys, candidate_keys = {str(i) for i in person_ids}, {str(i) for i in candidate_ids}
    about = Q(target_type="people.person", target_id__in=person_keys)
    about |= Q(target_type="people.duplicatecandidate", target_id__in=candidate_keys)
    mentions = Q()
    for ident in identifiers:
        for form in _text_forms(ident):
            mentions |= Q(target_repr__icontains=form) | Q(data_text__icontains=form)
    in_org = Q(team_path__startswith=org_path) if org_path else Q(pk__in=[])
    entries = AuditEntry.objects.annotate(data_text=Cast("data", TextField())).filter(
        about | (in_org & mentions) if identifiers else about
    )
    changed = []
    for entry in entries.only("pk", "target_type", "target_id", "target_repr", "data").iterator(chunk_size=500):
        keys = {"people.person": person_keys, "people.duplicatecandidate": candidate_keys}.get(entry.target_type, ())
        entry.target_repr = replacement if entry.target_id in keys else redact(entry.target_repr, identifiers)
        entry.data = _redact_json(entry.data, identifiers)
        changed.append(entry)
    AuditEntry.objects.bulk_update(changed, ["target_repr", "data"], batch_size=500)
    return len(changed)
