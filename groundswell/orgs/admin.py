from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from groundswell.orgs.models import Invitation, Membership, Team


@admin.register(Team)
class TeamAdmin(TreeAdmin):
    form = movenodeform_factory(Team)
    list_display = ["name", "kind", "slug", "time_zone"]
    search_fields = ["name", "slug"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "team", "role", "recruited_by", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "team__name"]
    raw_id_fields = ["user", "team", "recruited_by", "invitation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["team", "role", "email", "created_by", "expires_at", "use_count", "revoked_at"]
    raw_id_fields = ["team", "created_by"]
