from django.db.models import Q, QuerySet

from groundswell.audit.models import AuditEntry


def audit_entries_under(*, paths: list[str], action_prefix: str = "") -> QuerySet[AuditEntry]:
    """Entries about teams inside any of `paths` (tree paths). The caller decides which paths an actor may
    read (orgs.access), which keeps this app below orgs in the dependency order."""
    if not paths:
        return AuditEntry.objects.none()
    match = Q()
    for path in paths:
        match |= Q(team_path__startswith=path)
    entries = AuditEntry.objects.filter(match).select_related("actor")
    if action_prefix:
        entries = entries.filter(action__startswith=action_prefix)
    return entries


def audit_entries_by(*, user_id: int, limit: int = 20) -> list[AuditEntry]:
    """A person's own recent sign-ins and account actions, for their profile page."""
    return list(AuditEntry.objects.filter(actor_id=user_id, action__startswith="accounts.")[:limit])
