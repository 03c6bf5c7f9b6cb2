"""An organization's result codes: read them all (retired ones too), relabel, change the retry rule, retire,
add. The engine acts on `category`, which stays fixed once a code exists, so old attempts keep their meaning."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from groundswell.audit.services import audit_log
from groundswell.common.errors import NotFound
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Team
from groundswell.outreach.models import ResultCode
from groundswell.outreach.result_codes import ensure_result_codes

MAX_RETRY_MINUTES = 7 * 24 * 60


def org_result_codes(org: Team) -> list[ResultCode]:
    """Every code of the organization, retired ones included, in their order (the defaults made if needed)."""
    ensure_result_codes(org)
    return list(ResultCode.objects.filter(org=org))


def get_result_code(org: Team, code_id: int) -> ResultCode:
    code = ResultCode.objects.filter(org=org, pk=code_id).first()
    if code is None:
        raise NotFound("result code")
    return code


def _check(label: str, retry_after_minutes: int | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not label.strip():
        errors["label"] = ["give the result a label callers will understand"]
    if retry_after_minutes is not None and not 0 <= retry_after_minutes <= MAX_RETRY_MINUTES:
        errors["retry_after_minutes"] = [f"use 0 to {MAX_RETRY_MINUTES} minutes (a week), or leave it empty"]
    return errors


@transaction.atomic
def result_code_update(*, actor: Actor, code: ResultCode, label: str, retry_after_minutes: int | None,
                       active: bool) -> ResultCode:
    errors = _check(label, retry_after_minutes)
    if errors:
        raise ValidationError(errors)
    code.label, code.retry_after_minutes, code.active = label.strip(), retry_after_minutes, active
    code.save(update_fields=["label", "retry_after_minutes", "active"])
    audit_log(actor=actor, action="outreach.result_code.updated", target=code, team_path=code.org.path,
              data={"code": code.code, "retry_after_minutes": retry_after_minutes, "active": active})
    return code


@transaction.atomic
def result_code_create(*, actor: Actor, org: Team, code: str, label: str, category: str,
                       retry_after_minutes: int | None, active: bool = True) -> ResultCode:
    """Add a code to the organization. `code` is made a slug; it must be new in the organization."""
    errors = _check(label, retry_after_minutes)
    slug = slugify(code).replace("-", "_")[:40]
    if not slug:
        errors["code"] = ["give a short name of letters and numbers, e.g. spanish_speaker"]
    elif ResultCode.objects.filter(org=org, code=slug).exists():
        errors["code"] = [f"the organization already has a result {slug!r}"]
    if category not in ResultCode.Category.values:
        errors["category"] = ["choose what the result means"]
    if errors:
        raise ValidationError(errors)
    ensure_result_codes(org)
    last = ResultCode.objects.filter(org=org).order_by("-position").values_list("position", flat=True).first()
    record = ResultCode.objects.create(org=org, code=slug, label=label.strip(), category=category,
                                       retry_after_minutes=retry_after_minutes, active=active,
                                       position=(last or 0) + 1)
    audit_log(actor=actor, action="outreach.result_code.created", target=record, team_path=org.path,
              data={"code": slug, "category": category})
    return record
