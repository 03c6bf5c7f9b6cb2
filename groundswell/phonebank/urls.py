"""/phonebank/…: each area of the phone bank keeps its own URL module; one namespace for all."""

from groundswell.phonebank import urls_calling, urls_provider, urls_shifts, urls_supervisor

app_name = "phonebank"
urlpatterns = [*urls_calling.urlpatterns, *urls_supervisor.urlpatterns, *urls_shifts.urlpatterns,
               *urls_provider.urlpatterns]
