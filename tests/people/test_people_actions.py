"""In-place actions on a person's page: tags (htmx), notes, consent buttons, wrong numbers."""

import pytest
from django.urls import reverse

from groundswell.people.models import ConsentEvent, Person, Suppression, Tag, TimelineEntry
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def nia(org_tree):
    return factories.person(org_tree.north_team, first_name="Nia", last_name="North", phones=["+12185550123"],
                            emails=["nia@example.org"])


def url(name: str, person, *args) -> str:
    return reverse(f"people:{name}", args=[person.pk, *args])


def test_htmx_adds_a_tag_and_returns_the_tag_section_with_the_new_timeline(org_tree, personas, client_for, nia):
    response = client_for(personas.organizer).post(url("person-tag-add", nia), {"name": "  Phone   bank "}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<section id="person-tags"')
    assert "Phone bank" in html
    assert 'id="person-timeline" class="card" aria-labelledby="timeline-h" hx-swap-oob="true"' in html
    assert "Tagged “Phone bank”" in html
    assert list(nia.tags.values_list("name", flat=True)) == ["Phone bank"]


def test_tags_are_shared_by_the_organization_case_insensitively(org_tree, personas, client_for, nia):
    other = factories.person(org_tree.north)
    client = client_for(personas.organizer)
    client.post(url("person-tag-add", nia), {"name": "Donor"}, **HTMX)
    client.post(url("person-tag-add", other), {"name": "donor"}, **HTMX)
    client.post(url("person-tag-add", other), {"name": "DONOR"}, **HTMX)
    assert list(Tag.objects.filter(org=org_tree.org).values_list("name", flat=True)) == ["Donor"]
    assert other.tags.count() == 1


def test_htmx_removes_a_tag(org_tree, personas, client_for, nia):
    client = client_for(personas.organizer)
    client.post(url("person-tag-add", nia), {"name": "Donor"}, **HTMX)
    response = client.post(url("person-tag-remove", nia), {"name": "Donor"}, **HTMX)
    assert response.status_code == 200
    assert nia.tags.count() == 0
    assert "No tags." in response.content.decode()
    assert TimelineEntry.objects.filter(person=nia, kind="people.untagged").exists()


def test_an_empty_or_too_long_tag_is_an_error_in_the_section(org_tree, personas, client_for, nia):
    client = client_for(personas.organizer)
    empty = client.post(url("person-tag-add", nia), {"name": "   "}, **HTMX)
    assert empty.status_code == 200 and "errorlist" in empty.content.decode()
    long = client.post(url("person-tag-add", nia), {"name": "x" * 61}, **HTMX)
    assert "errorlist" in long.content.decode()
    assert nia.tags.count() == 0


def test_without_htmx_a_tag_post_redirects_to_the_person(org_tree, personas, client_for, nia):
    response = client_for(personas.organizer).post(url("person-tag-add", nia), {"name": "Donor"})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person-detail", args=[nia.pk])


def test_a_note_is_added_and_shown(org_tree, personas, client_for, nia):
    response = client_for(personas.organizer).post(url("person-note-add", nia), {"body": "Prefers evenings"}, **HTMX)
    html = response.content.decode()
    assert "Prefers evenings" in html and "Olu Organizer" in html
    assert nia.notes.get().author == personas.organizer
    blank = client_for(personas.organizer).post(url("person-note-add", nia), {"body": " "}, **HTMX)
    assert "errorlist" in blank.content.decode()
    assert nia.notes.count() == 1


def test_the_opt_out_button_records_channel_source_and_suppresses_the_number(org_tree, personas, client_for, nia):
    response = client_for(personas.organizer).post(
        url("person-consent", nia),
        {"channel": "call", "action": "opt_out", "source": "asked on a call", "note": "do not call"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "opted out" in html and "asked on a call" in html and "Opt back in" in html
    nia.refresh_from_db()
    assert nia.call_opt_out_at is not None and nia.text_opt_out_at is None
    event = ConsentEvent.objects.get(person=nia)
    assert (event.action, event.channel, event.actor) == ("opt_out", "call", personas.organizer)
    assert Suppression.objects.filter(org=org_tree.org, channel="call", value="+12185550123").exists()


def test_opting_back_in_needs_the_persons_own_request(org_tree, personas, client_for, nia):
    client = client_for(personas.organizer)
    client.post(url("person-consent", nia), {"channel": "email", "action": "opt_out", "source": "asked by email"})
    refused = client.post(url("person-consent", nia),
                          {"channel": "email", "action": "opt_in", "source": "other", "note": "we want to"}, **HTMX)
    assert "Only the person&#x27;s own request" in refused.content.decode()
    assert Person.objects.get(pk=nia.pk).email_opt_out_at is not None
    client.post(url("person-consent", nia), {"channel": "email", "action": "opt_in", "source": "asked in writing"})
    assert Person.objects.get(pk=nia.pk).email_opt_out_at is None
    assert not Suppression.objects.filter(channel="email", value="nia@example.org").exists()


def test_an_other_source_needs_a_note(org_tree, personas, client_for, nia):
    response = client_for(personas.organizer).post(
        url("person-consent", nia), {"channel": "text", "action": "opt_out", "source": "other"}, **HTMX)
    assert "Say how they asked." in response.content.decode()
    assert Person.objects.get(pk=nia.pk).text_opt_out_at is None


def test_a_wrong_number_is_kept_but_marked_invalid(org_tree, personas, client_for, nia):
    phone = nia.phones.get()
    response = client_for(personas.organizer).post(url("phone-invalid", nia, phone.pk), **HTMX)
    assert response.status_code == 200
    phone.refresh_from_db()
    assert phone.valid is False
    assert "invalid" in response.content.decode()


def test_a_phone_of_another_person_is_not_found(org_tree, personas, client_for, nia):
    other = factories.person(org_tree.north_team, phones=["+12185550177"])
    response = client_for(personas.organizer).post(url("phone-invalid", nia, other.phones.get().pk))
    assert response.status_code == 404
    assert other.phones.get().valid


@pytest.mark.parametrize("name", ["person-tag-add", "person-note-add", "person-consent"])
def test_readers_who_may_not_edit_are_refused(org_tree, personas, client_for, nia, name):
    data = {"name": "x", "body": "x", "channel": "call", "action": "opt_out", "source": "asked in person"}
    assert client_for(personas.leader).post(url(name, nia), data).status_code == 403
    assert client_for(personas.outsider).post(url(name, nia), data).status_code == 404
    assert nia.tags.count() == nia.notes.count() == ConsentEvent.objects.count() == 0


def test_a_number_is_added_in_place_in_any_format(org_tree, personas, client_for, nia):
    client = client_for(personas.organizer)
    response = client.post(url("phone-add", nia), {"number": "(218) 555-0188"}, **HTMX)
    assert response.status_code == 200
    assert "(218) 555-0188" in response.content.decode()
    assert sorted(nia.phones.values_list("number", flat=True)) == ["+12185550123", "+12185550188"]
    assert nia.phones.get(number="+12185550188").primary is False
    assert TimelineEntry.objects.filter(person=nia, kind="people.phone_added").exists()


def test_an_impossible_number_is_an_error_under_the_box(org_tree, personas, client_for, nia):
    response = client_for(personas.organizer).post(url("phone-add", nia), {"number": "555-0000"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "impossible phone number" in html and 'value="555-0000"' in html
    assert nia.phones.count() == 1
