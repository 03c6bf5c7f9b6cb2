"""People URLs, one module per area of the app; all in the "people" namespace."""

from groundswell.people import urls_imports, urls_lists, urls_people, urls_privacy

app_name = "people"

urlpatterns = [
    *urls_people.urlpatterns,
    *urls_imports.urlpatterns,
    *urls_lists.urlpatterns,
    *urls_privacy.urlpatterns,
]
