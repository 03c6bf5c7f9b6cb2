"""Authorization-matrix entries for this area's web routes and API operations (see tests/matrix.py)."""

from django.urls import reverse

from groundswell.people.models import CustomField, Person, Phone
from groundswell.people.services import org_of
from tests.matrix import PEOPLE_EDITORS, PEOPLE_READERS, Route, api_url, seq, slug_url

# Custom field definitions belong to the whole organization: changing them takes EDIT_PEOPLE on its root,
# which no matrix persona (all hold their role on North Region) has — so everyone in scope gets 403.
ORG_EDITORS: frozenset[str] = frozenset()


def _field_url(name: str):
    def url(team) -> str:
        field = CustomField.objects.create(org=org_of(team), key=f"matrix_{next(seq)}", label="Matrix")
        return reverse(name, args=[team.slug, field.pk])

    return url


def _phone_invalid_url(person: Person) -> str:
    phone = Phone.objects.create(person=person, org_id=person.org_id, number="+12025550143")
    return reverse("people:phone-invalid", args=[person.pk, phone.pk])


def _person_url(name: str):
    return lambda p: reverse(name, args=[p.pk])


WEB: dict[str, Route] = {
    "people:person-list": Route("GET", "team", PEOPLE_READERS, url=slug_url("people:person-list")),
    "people:person-create": Route("POST", "team", PEOPLE_EDITORS, url=slug_url("people:person-create"),
                                  payload=lambda t: {"first_name": "Matrix", "country": "US"}),
    "people:field-list": Route("GET", "team", PEOPLE_READERS, url=slug_url("people:field-list")),
    "people:field-edit": Route("GET", "team", ORG_EDITORS, url=_field_url("people:field-edit")),
    "people:field-move": Route("POST", "team", ORG_EDITORS, url=_field_url("people:field-move")),
    "people:person-detail": Route("GET", "person", PEOPLE_READERS, url=_person_url("people:person-detail")),
    "people:person-edit": Route("GET", "person", PEOPLE_EDITORS, url=_person_url("people:person-edit")),
    "people:person-delete": Route("POST", "person", PEOPLE_EDITORS, url=_person_url("people:person-delete")),
    "people:person-tag-add": Route("POST", "person", PEOPLE_EDITORS, url=_person_url("people:person-tag-add"),
                                   payload=lambda t: {"name": "matrix"}),
    "people:person-tag-remove": Route("POST", "person", PEOPLE_EDITORS,
                                      url=_person_url("people:person-tag-remove"), payload=lambda t: {"name": "x"}),
    "people:person-note-add": Route("POST", "person", PEOPLE_EDITORS, url=_person_url("people:person-note-add"),
                                    payload=lambda t: {"body": "Matrix note"}),
    "people:person-consent": Route("POST", "person", PEOPLE_EDITORS, url=_person_url("people:person-consent"),
                                   payload=lambda t: {"channel": "call", "action": "opt_out",
                                                      "source": "asked in person"}),
    "people:phone-invalid": Route("POST", "person", PEOPLE_EDITORS, url=_phone_invalid_url),
    "people:phone-add": Route("POST", "person", PEOPLE_EDITORS, url=_person_url("people:phone-add"),
                              payload=lambda t: {"number": "202-555-0144"}),
}

API: dict[str, Route] = {
    "GET /api/v1/people": Route("GET", "team", PEOPLE_READERS, url=lambda t: f"/api/v1/people?team_id={t.pk}"),
    "POST /api/v1/people": Route("POST", "team", PEOPLE_EDITORS, url=lambda t: "/api/v1/people",
                                 payload=lambda t: {"team_id": t.pk, "first_name": "Matrix"}, json=True),
    "GET /api/v1/people/{person_id}": Route("GET", "person", PEOPLE_READERS, url=api_url("/people/{id}")),
    "PATCH /api/v1/people/{person_id}": Route("PATCH", "person", PEOPLE_EDITORS, url=api_url("/people/{id}"),
                                              payload=lambda t: {"city": "Matrixville"}, json=True),
    "DELETE /api/v1/people/{person_id}": Route("DELETE", "person", PEOPLE_EDITORS, url=api_url("/people/{id}"),
                                               json=True),
    "POST /api/v1/people/{person_id}/tags": Route("POST", "person", PEOPLE_EDITORS, url=api_url("/people/{id}/tags"),
                                                  payload=lambda t: {"names": ["matrix"]}, json=True),
    "DELETE /api/v1/people/{person_id}/tags/{name}": Route(
        "DELETE", "person", PEOPLE_EDITORS, url=api_url("/people/{id}/tags/matrix"), json=True),
    "POST /api/v1/people/{person_id}/opt-outs": Route(
        "POST", "person", PEOPLE_EDITORS, url=api_url("/people/{id}/opt-outs"),
        payload=lambda t: {"channel": "text", "source": "asked on a call"}, json=True),
}
