"""My people on the web (/my-people/…), through the Django test client: every page renders for the volunteer,
bad input comes back as field errors with nothing saved, the candidate cards show no more of a voter than it
takes to recognise them, a retried conversation is stored once, and nobody reaches another volunteer's people."""

import datetime as dt
import uuid
import zoneinfo

import pytest
from django.urls import reverse

from groundswell.relational.models import Conversation, MatchCandidate, Relationship, RelationshipPoint
from groundswell.relational.services_contacts import relationship_create
from tests import factories
from tests.conftest import actor_for

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nN:Ruiz;Ana;;;\r\nTEL;TYPE=CELL:+1 312 555 0144\r\n"
    "EMAIL:ana@example.org\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kofi Boateng\r\nN:Boateng;Kofi;;;\r\nTEL:773-555-0190\r\nEND:VCARD\r\n"
)
GOOGLE_CSV = (
    "First Name,Middle Name,Last Name,Birthday,Notes,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,"
    "Phone 1 - Value,Address 1 - City\r\n"
    "Maria,,Lopez,1985-04-15,Church choir,Home,maria@example.org,Mobile,312-555-0101,Chicago\r\n"
    "Tom,,Nguyen,,,,,Mobile,+1 773-555-0188,Evanston\r\n"
)


def url(name: str, *args) -> str:
    return reverse(f"relational:{name}", args=args)


def mine(user) -> list[str]:
    return sorted(Relationship.objects.filter(owner=user).values_list("first_name", flat=True))


@pytest.fixture
def voter(org_tree):
    """A voter-file person an organization holds: the volunteer's friend 'Bob Smith' from Chicago. The last
    name differs from what the volunteer typed so that a leak of the voter's record into the page can be seen."""
    return factories.person(org_tree.north_team, first_name="ROBERT", last_name="SMYTHE", city="CHICAGO",
                            address1="4410 N Kedzie Ave", zip="60625", birth_date=dt.date(1980, 3, 2),
                            phones=["+13125550177"])


@pytest.fixture
def bob(vol, voter):
    """The volunteer's 'Bob Smith' with the voter file's Robert Smythe as a candidate: the phone and city agree,
    the nickname fits, the last name was misremembered."""
    contact, _ = relationship_create(actor=vol, first_name="Bob", last_name="Smith", city="Chicago",
                                     phones=[("(312) 555-0177", False)])
    assert contact.match_status == Relationship.Match.CANDIDATES
    return contact


def add_form(**overrides) -> dict:
    data = {"first_name": "Maria", "last_name": "Lopez", "kind": "friend", "closeness": "3",
            "phone": "312-555-0101", "phone_shared": "on", "email": "", "city": "Chicago", "state": "IL",
            "zip": "", "birthday": "", "notes": "", "client_uuid": str(uuid.uuid4())}
    data.update(overrides)
    return data


# ----------------------------------------------------------------------------------------------- the list


def test_my_people_lists_filters_and_searches_my_contacts(personas, vol, bob, client_for):
    relationship_create(actor=vol, first_name="Maria", last_name="Lopez", city="Evanston", find_match=False)
    relationship_create(actor=vol, first_name="Kofi", last_name="Boateng", city="Chicago", find_match=False)
    client = client_for(personas.volunteer)

    page = client.get(url("people-index")).content.decode()
    assert all(name in page for name in ("Bob Smith", "Maria Lopez", "Kofi Boateng"))
    assert "1 person needs" in page  # Bob waits for a tap on "Is this Bob?"

    to_confirm = client.get(url("people-index"), {"status": "candidates"}).content.decode()
    assert "Bob Smith" in to_confirm and "Maria Lopez" not in to_confirm and "Kofi" not in to_confirm

    in_chicago = client.get(url("people-index"), {"q": "chicago"}).content.decode()
    assert "Bob Smith" in in_chicago and "Kofi Boateng" in in_chicago and "Maria Lopez" not in in_chicago

    nobody = client.get(url("people-index"), {"q": "Zebedee"}).content.decode()
    assert "Nobody here with that filter." in nobody


def test_my_people_never_lists_another_volunteers_contacts(personas, vol, client_for, org_tree):
    other = factories.user(full_name="Wen Volunteer")
    factories.membership(org_tree.north_team, "volunteer", user_obj=other)
    relationship_create(actor=actor_for(other), first_name="Secretname", find_match=False)
    page = client_for(personas.volunteer).get(url("people-index")).content.decode()
    assert "Secretname" not in page and "No one yet" in page


# ------------------------------------------------------------------------------------------------ add one


def test_add_someone_saves_them_with_their_phone_and_opens_their_page(personas, client_for):
    client = client_for(personas.volunteer)
    assert 'name="client_uuid"' in client.get(url("people-add")).content.decode()
    response = client.post(url("people-add"), add_form())
    maria = Relationship.objects.get(owner=personas.volunteer)
    assert response.status_code == 302 and response["Location"] == url("person-detail", maria.pk)
    assert (maria.name, maria.kind, maria.closeness, maria.city) == ("Maria Lopez", "friend", 3, "Chicago")
    assert [(p.value, p.shared) for p in maria.points.all()] == [("+13125550101", True)]
    page = client.get(response["Location"]).content.decode()
    assert "Added Maria Lopez." in page and "+13125550101" in page


def test_adding_twice_with_the_same_client_uuid_stores_one(personas, client_for):
    client = client_for(personas.volunteer)
    form = add_form()
    first, again = client.post(url("people-add"), form), client.post(url("people-add"), form)
    assert first["Location"] == again["Location"]
    assert mine(personas.volunteer) == ["Maria"]


@pytest.mark.parametrize("overrides, field, message", [
    ({"first_name": "", "last_name": ""}, "first_name", "Give at least a first or a last name."),
    ({"phone": "call me maybe"}, "phone", "not a phone number"),
    ({"email": "maria at example"}, "email", ""),
    ({"birthday": "4/4/85"}, "birthday", "YYYY-MM-DD"),
    ({"closeness": "9"}, "closeness", "Select a valid choice"),
])
def test_bad_input_comes_back_as_field_errors_and_saves_nothing(personas, client_for, overrides, field, message):
    """Also: an error on a field under "More" opens it, so the volunteer sees what to fix."""
    response = client_for(personas.volunteer).post(url("people-add"), add_form(**overrides))
    assert response.status_code in (200, 422)
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    page = response.content.decode()
    assert form.errors[field][0].split("'")[0] in page  # shown next to the field (quotes come escaped)
    if overrides.get("last_name", "Lopez"):
        assert 'value="Lopez"' in page  # what the volunteer typed is kept
    assert ("<details open>" in page) == (field == "birthday")
    assert mine(personas.volunteer) == [] and not RelationshipPoint.objects.exists()


def test_someone_without_a_volunteer_role_is_told_why_not_shown_a_500(org_tree, client_for):
    analyst = factories.user()
    factories.membership(org_tree.north, "analyst", user_obj=analyst)
    response = client_for(analyst).post(url("people-add"), add_form())
    assert response.status_code in (200, 403, 422)
    assert "join a team as a volunteer" in response.content.decode()
    assert not Relationship.objects.exists()


# ---------------------------------------------------------------------------------------- paste and upload


def test_a_pasted_list_adds_each_line_and_reports_the_bad_one(personas, client_for):
    text = "Maria Lopez, 312-555-0101\nBob Smith bob@example.org\n\n555-0199\nKofi Boateng, 12\n"
    response = client_for(personas.volunteer).post(url("people-paste"), {"text": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert mine(personas.volunteer) == ["Bob", "Kofi", "Maria"]
    assert [line for line, _, _ in response.context["result"].problems] == [4]  # the line with no name
    assert "Added 3 people" in page and "1 line to check" in page
    assert "<td>4</td><td>555-0199</td>" in page and "no name" in page.lower()
    assert Relationship.objects.get(first_name="Maria").points.get().value == "+13125550101"
    assert Relationship.objects.get(first_name="Bob").points.get().value == "bob@example.org"
    assert Relationship.objects.get(first_name="Kofi").notes == "12"  # not a phone: kept, not dropped


def test_an_empty_paste_is_a_field_error(personas, client_for):
    response = client_for(personas.volunteer).post(url("people-paste"), {"text": "  "})
    assert "text" in response.context["form"].errors and mine(personas.volunteer) == []


@pytest.mark.parametrize("name, data, expected", [
    ("contacts.vcf", VCARD.encode(), ["Ana", "Kofi"]),
    ("contacts.csv", ("\ufeff" + GOOGLE_CSV).encode(), ["Maria", "Tom"]),
])
def test_an_address_book_upload_adds_its_contacts(personas, client_for, tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    client = client_for(personas.volunteer)
    assert 'enctype="multipart/form-data"' in client.get(url("people-upload")).content.decode()
    with path.open("rb") as upload:
        response = client.post(url("people-upload"), {"file": upload, "shared": "on"})
    assert response.status_code == 200, response.content.decode()[:500]
    assert mine(personas.volunteer) == expected
    assert f"Added {len(expected)} people" in response.content.decode()
    assert all(p.shared for p in RelationshipPoint.objects.filter(relationship__owner=personas.volunteer))
    assert RelationshipPoint.objects.filter(relationship__owner=personas.volunteer, kind="phone").count() == 2


@pytest.mark.parametrize("name, data, message", [
    ("photo.vcf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", ""),
    ("notes.csv", b"colour,size\nred,3\n", "no name, phone or email columns"),
    ("empty.vcf", b"", ""),
])
def test_an_unreadable_upload_is_a_field_error_and_adds_no_one(personas, client_for, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with path.open("rb") as upload:
        response = client_for(personas.volunteer).post(url("people-upload"), {"file": upload})
    assert response.status_code in (200, 422)
    errors = response.context["form"].errors
    assert "file" in errors and message in " ".join(errors["file"])
    assert "field-error" in response.content.decode()
    assert mine(personas.volunteer) == []


def test_an_upload_over_the_limit_is_a_field_error(personas, client_for, tmp_path):
    path = tmp_path / "huge.vcf"
    path.write_bytes(VCARD.encode() * (5 * 1024 * 1024 // len(VCARD) + 1))
    with path.open("rb") as upload:
        response = client_for(personas.volunteer).post(url("people-upload"), {"file": upload})
    assert "over 5 MB" in " ".join(response.context["form"].errors["file"])
    assert mine(personas.volunteer) == []


# --------------------------------------------------------------------------------------------- one person


def test_candidate_cards_show_first_name_initial_age_and_city_only(personas, bob, voter, client_for):
    page = client_for(personas.volunteer).get(url("person-detail", bob.pk)).content.decode()
    assert "Is this Bob?" in page
    assert "Robert S." in page and "Chicago" in page
    today = dt.date.today()
    age = today.year - 1980 - ((today.month, today.day) < (3, 2))
    assert f"{age} years old" in page
    assert "Agreed on: first name (nickname), city (exact), phone (exact)" in page and ", ·" not in page
    for private in ("smythe", "kedzie", "4410", "60625", "1980"):
        assert private not in page.lower(), private
    assert f'name="person" value="{voter.pk}"' in page
    for answer in ("yes", "no", "none"):
        assert url("match-answer", bob.pk, answer) in page


@pytest.mark.parametrize("person", ["99999999999999999999999", "²", ""])
def test_an_answer_naming_no_candidate_is_a_404_and_changes_nothing(personas, bob, voter, client_for, person):
    response = client_for(personas.volunteer).post(url("match-answer", bob.pk, "yes"), {"person": person})
    assert response.status_code == 404
    bob.refresh_from_db()
    assert bob.person_id is None and bob.match_status != "confirmed"


def test_confirming_then_undoing_then_none(personas, bob, voter, client_for):
    client = client_for(personas.volunteer)
    response = client.post(url("match-answer", bob.pk, "yes"), {"person": voter.pk}, follow=True)
    bob.refresh_from_db()
    assert (bob.match_status, bob.person_id) == ("confirmed", voter.pk)
    page = response.content.decode()
    assert "Matched Bob to the voter file" in page and url("match-answer", bob.pk, "undo") in page
    assert "smythe" not in page.lower() and "kedzie" not in page.lower()

    page = client.post(url("match-answer", bob.pk, "undo"), follow=True).content.decode()
    bob.refresh_from_db()
    assert bob.person_id is None and bob.match_status != "confirmed" and "Match undone." in page

    client.post(url("match-answer", bob.pk, "none"))
    bob.refresh_from_db()
    assert (bob.match_status, bob.person_id) == ("none", None)


def test_not_them_hides_that_candidate(personas, bob, voter, client_for):
    client = client_for(personas.volunteer)
    client.post(url("match-answer", bob.pk, "no"), {"person": voter.pk})
    assert MatchCandidate.objects.get(relationship=bob, person=voter).rejected
    assert "Robert S." not in client.get(url("person-detail", bob.pk)).content.decode()


@pytest.mark.parametrize("answer, data", [("yes", {"person": "abc"}), ("yes", {}), ("maybe", {})])
def test_a_bad_match_answer_is_a_404_and_changes_nothing(personas, bob, client_for, answer, data):
    response = client_for(personas.volunteer).post(url("match-answer", bob.pk, answer), data)
    assert response.status_code == 404
    bob.refresh_from_db()
    assert bob.match_status == "candidates" and bob.person_id is None


def test_a_conversation_posted_twice_is_stored_once_and_listed(personas, bob, client_for):
    client = client_for(personas.volunteer)
    form = {"client_uuid": str(uuid.uuid4()), "outcome": "talked", "channel": "call", "commitment": "vote_plan",
            "notes": "Going Tuesday morning"}
    first = client.post(url("conversation-add", bob.pk), form)
    again = client.post(url("conversation-add", bob.pk), form)
    assert first.status_code == again.status_code == 302
    conversation = Conversation.objects.get(relationship=bob)
    assert (conversation.channel, conversation.commitment) == ("call", "vote_plan")
    page = client.get(url("person-detail", bob.pk)).content.decode()
    assert "Made a plan to vote" in page and "Phone call" in page
    local = conversation.created_at.astimezone(zoneinfo.ZoneInfo(bob.team.time_zone))
    assert local.strftime("%H:%M") in page  # on the volunteer's team's clock, not the server's
    assert "Logged your conversation with Bob." in page
    assert client.get(url("people-index"), {"q": "Bob"}).content.decode().count('class="pill pill-talked"') == 1


def test_a_commitment_without_talking_is_a_field_error(personas, bob, client_for):
    form = {"client_uuid": str(uuid.uuid4()), "outcome": "no_answer", "channel": "call", "commitment": "vote"}
    response = client_for(personas.volunteer).post(url("conversation-add", bob.pk), form)
    assert response.status_code == 422
    assert "A commitment needs a conversation" in response.content.decode()
    assert not Conversation.objects.exists()


def test_phones_can_be_added_shared_and_removed(personas, bob, client_for):
    client = client_for(personas.volunteer)
    assert client.post(url("point-add", bob.pk), {"kind": "phone", "value": "(773) 555-0102"}).status_code == 302
    point = bob.points.get(value="+17735550102")
    assert not point.shared
    page = client.get(url("person-detail", bob.pk)).content.decode()
    assert '<a href="tel:+17735550102">(773) 555-0102</a>' in page  # written as people write it, dialled as stored
    client.post(url("point-share", point.pk), {"shared": "1"})
    point.refresh_from_db()
    assert point.shared
    bad = client.post(url("point-add", bob.pk), {"kind": "email", "value": "not an email"})
    assert bad.status_code == 422 and "field-error" in bad.content.decode()
    client.post(url("point-remove", point.pk))
    assert list(bob.points.values_list("value", flat=True)) == ["+13125550177"]


def test_the_invite_link_appears_once_made(personas, bob, client_for):
    client = client_for(personas.volunteer)
    assert "Make a personal join link" in client.get(url("person-detail", bob.pk)).content.decode()
    page = client.post(url("invite", bob.pk), follow=True).content.decode()
    bob.refresh_from_db()
    assert bob.invitation is not None
    assert reverse("join:invitation", args=[bob.invitation.token]) in page
    assert "personal join link" in page and 'class="invite-link"' in page


def test_no_invite_link_when_the_team_takes_no_invitations(personas, bob, client_for):
    bob.team.can_invite = False
    bob.team.save(update_fields=["can_invite"])
    page = client_for(personas.volunteer).post(url("invite", bob.pk), follow=True).content.decode()
    assert "does not take new members by invitation right now" in page
    bob.refresh_from_db()
    assert bob.invitation is None


def test_edit_and_remove(personas, bob, client_for):
    client = client_for(personas.volunteer)
    form = {"first_name": "Bobby", "last_name": "Smith", "kind": "coworker", "closeness": "1", "city": "Chicago",
            "state": "", "zip": "", "birthday": "", "notes": ""}
    assert client.get(url("person-edit", bob.pk)).status_code == 200
    assert client.post(url("person-edit", bob.pk), form).status_code == 302
    bob.refresh_from_db()
    assert (bob.first_name, bob.kind) == ("Bobby", "coworker")
    assert client.post(url("person-delete", bob.pk)).status_code == 302
    assert mine(personas.volunteer) == []


# ------------------------------------------------------------------------------------------------- privacy


def test_another_volunteer_gets_404_for_my_contacts_pages_and_posts(personas, bob, voter, org_tree, client_for):
    point = RelationshipPoint.objects.create(relationship=bob, kind="phone", value="+13125550100")
    other = factories.user(full_name="Wen Volunteer")
    factories.membership(org_tree.north_team, "volunteer", user_obj=other)
    client = client_for(other)
    for page in ("person-detail", "person-edit"):
        assert client.get(url(page, bob.pk)).status_code == 404
    posts = [
        (url("person-edit", bob.pk), {"first_name": "Hacked", "kind": "friend", "closeness": "2"}),
        (url("person-delete", bob.pk), {}),
        (url("point-add", bob.pk), {"kind": "phone", "value": "312-555-0111"}),
        (url("point-share", point.pk), {"shared": "1"}),
        (url("point-remove", point.pk), {}),
        (url("match-answer", bob.pk, "yes"), {"person": voter.pk}),
        (url("match-answer", bob.pk, "none"), {}),
        (url("conversation-add", bob.pk), {"client_uuid": str(uuid.uuid4()), "outcome": "talked",
                                           "channel": "call"}),
        (url("invite", bob.pk), {}),
    ]
    for path, data in posts:
        assert client.post(path, data).status_code == 404, path
    bob.refresh_from_db()
    point.refresh_from_db()
    assert (bob.first_name, bob.match_status, bob.invitation_id) == ("Bob", "candidates", None)
    assert not point.shared and bob.points.count() == 2 and not Conversation.objects.exists()


@pytest.mark.parametrize("who", ["organizer", "admin", "outsider"])
def test_organizers_do_not_open_a_volunteers_contact_either(personas, bob, client_for, who):
    assert client_for(getattr(personas, who)).get(url("person-detail", bob.pk)).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(bob, client):
    for path in (url("people-index"), url("person-detail", bob.pk)):
        response = client.get(path)
        assert response.status_code == 302 and "login" in response["Location"]


def test_home_shows_the_my_people_card_once(personas, client_for):
    page = client_for(personas.volunteer).get("/").content.decode()
    assert page.count('id="people-h"') == 1 and "Who do you know?" in page
