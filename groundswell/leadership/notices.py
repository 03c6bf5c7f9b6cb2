"""The email a volunteer gets when a material is shared with them (or with their team)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from groundswell.leadership.models import MaterialShare
from groundswell.orgs.models import Membership


def send_share(share_id: int) -> int:
    """Email each recipient of a share (one volunteer, or every member of the team); returns how many."""
    share = MaterialShare.objects.select_related("material", "shared_by", "to_user", "to_team").filter(
        pk=share_id).first()
    if share is None:
        return 0
    if share.to_user is not None:
        recipients = [share.to_user]
    else:
        members = Membership.objects.filter(team=share.to_team).select_related("user").exclude(user=share.shared_by)
        recipients = [m.user for m in members]
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    url = site + reverse("leadership:material", args=[share.material_id])
    sender = share.shared_by.full_name if share.shared_by else "Your team"
    sent = 0
    for user in recipients:
        if not user.email or not user.is_active:
            continue
        body = render_to_string("leadership/email/shared.txt", {"share": share, "user": user, "url": url,
                                                                "sender": sender})
        EmailMessage(f"{sender} shared: {share.material.title}", body, None, [user.email]).send()
        sent += 1
    return sent
