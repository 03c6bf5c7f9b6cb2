"""Django admin for the people models: read-only views for staff.

Person data is changed through the app's pages and API, where every change is scoped, validated,
timelined and audited; the admin would bypass all four, so it only shows (and searches) records."""

from django.contrib import admin

from groundswell.people.models import (
    ConsentEvent,
    CustomField,
    DuplicateCandidate,
    Election,
    Email,
    ImportJob,
    PeopleList,
    Person,
    Phone,
    Suppression,
    Tag,
    TimelineEntry,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class PhoneInline(ReadOnlyInline):
    model = Phone
    fields = ["number", "kind", "valid", "primary", "created_at"]


class EmailInline(ReadOnlyInline):
    model = Email
    fields = ["address", "valid", "primary", "created_at"]


class TimelineInline(ReadOnlyInline):
    model = TimelineEntry
    fields = ["created_at", "kind", "summary", "actor"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "team", "city", "state", "registration_status", "deleted_at"]
    list_filter = ["registration_status", "state"]
    search_fields = ["first_name", "last_name", "phones__number", "emails__address", "external_ids__value"]
    list_select_related = ["team"]
    show_full_result_count = False  # a count of millions of rows on every search is slow
    inlines = [PhoneInline, EmailInline, TimelineInline]


@admin.register(Tag)
class TagAdmin(ReadOnlyAdmin):
    list_display = ["name", "org"]
    search_fields = ["name"]


@admin.register(Election)
class ElectionAdmin(ReadOnlyAdmin):
    list_display = ["code", "bit", "org", "created_at"]
    search_fields = ["code"]


@admin.register(CustomField)
class CustomFieldAdmin(ReadOnlyAdmin):
    list_display = ["label", "key", "kind", "org", "position"]
    search_fields = ["label", "key"]


@admin.register(ConsentEvent)
class ConsentEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "person", "channel", "action", "source", "actor"]
    list_filter = ["channel", "action"]
    search_fields = ["person__first_name", "person__last_name", "source"]
    raw_id_fields = ["person"]


@admin.register(Suppression)
class SuppressionAdmin(ReadOnlyAdmin):
    list_display = ["value", "channel", "source", "org", "created_at"]
    list_filter = ["channel"]
    search_fields = ["value"]


@admin.register(PeopleList)
class PeopleListAdmin(ReadOnlyAdmin):
    list_display = ["name", "team", "kind"]
    search_fields = ["name"]


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "team", "status", "created_at"]
    search_fields = ["file_name"]


@admin.register(DuplicateCandidate)
class DuplicateCandidateAdmin(ReadOnlyAdmin):
    list_display = ["first", "second", "reason", "org"]
    raw_id_fields = ["first", "second"]
