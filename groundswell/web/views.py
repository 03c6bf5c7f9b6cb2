from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from groundswell.orgs.selectors import my_memberships


@login_required
def home(request):
    return render(request, "web/home.html", {"memberships": my_memberships(actor=request.actor)})


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})
