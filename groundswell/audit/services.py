from typing import Any

from django.db import models

from groundswell.audit.models import AuditEntry


def audit_log(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    team_path: str = "",
    data: dict | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    """Record one action. `actor` may be a User, an Actor (anything with `.user`) or None for the system."""
    user = getattr(actor, "user", actor)
    return AuditEntry.objects.create(
        actor=user if getattr(user, "pk", None) else None,
        action=action,
        team_path=team_path,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        data=data or {},
        ip_address=ip_address,
    )
