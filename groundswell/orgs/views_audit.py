from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from groundswell.audit.selectors import audit_entries_under
from groundswell.common.errors import PermissionDenied
from groundswell.orgs.roles import Cap


@login_required
def audit_list(request):
    """The audit log of every team where the actor holds the view-audit capability (admins, data stewards)."""
    paths = request.actor.paths_with(Cap.VIEW_AUDIT)
    if not paths:
        raise PermissionDenied("only admins and data stewards read the audit log")
    action = request.GET.get("action", "")[:80]
    page = Paginator(audit_entries_under(paths=paths, action_prefix=action), 50).get_page(request.GET.get("page"))
    return render(request, "orgs/audit_list.html", {"page": page, "action": action})
