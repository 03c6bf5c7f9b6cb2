from django.contrib import admin

from groundswell.outreach.models import Campaign, ContactAttempt, Question, ResultCode, Target


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "team", "channel", "status", "created_at")
    list_filter = ("channel", "status")
    search_fields = ("name",)
    raw_id_fields = ("org", "team", "people_list", "created_by")


@admin.register(ResultCode)
class ResultCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "category", "retry_after_minutes", "org", "active")
    raw_id_fields = ("org",)


admin.site.register(Question)


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("campaign", "person", "attempts", "last_result", "done", "claimed_by", "claimed_until")
    raw_id_fields = ("campaign", "person", "claimed_by")


@admin.register(ContactAttempt)
class ContactAttemptAdmin(admin.ModelAdmin):
    list_display = ("campaign", "person", "caller", "result", "applied", "created_at")
    raw_id_fields = ("org", "campaign", "target", "person", "caller")
