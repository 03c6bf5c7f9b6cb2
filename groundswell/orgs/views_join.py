from django.http import Http404
from django.shortcuts import render

from groundswell.orgs.models import Invitation


def invitation_landing(request, token: str):
    invitation = Invitation.objects.select_related("team").filter(token=token).first()
    if invitation is None:
        raise Http404("invitation")
    return render(request, "orgs/join_landing.html", {"invitation": invitation})
