"""Each filter kind narrows people as its spec says, on SQLite and PostgreSQL; bad specs name the bad field."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groundswell.people.filters import apply_filters, describe_filters, validate_filters
from groundswell.people.filters.voter import years_before
from groundswell.people.models import CustomField, Person, PersonTag, Phone, Suppression, Tag
from groundswell.people.vote_summary import votes_record
from tests import factories


@pytest.fixture
def org(org_tree):
    return org_tree.org


def matching(org, spec) -> set[int]:
    cleaned = validate_filters(spec, org)
    people = Person.objects.filter(org=org, deleted_at__isnull=True)
    return set(apply_filters(people, cleaned, org=org).values_list("pk", flat=True))


def errors_of(spec, org) -> dict:
    with pytest.raises(ValidationError) as exc:
        validate_filters(spec, org)
    return {key: " ".join(messages) for key, messages in exc.value.message_dict.items()}


def tag(person, name):
    t, _ = Tag.objects.get_or_create(org=person.org, name=name)
    PersonTag.objects.create(person=person, tag=t)


def test_an_empty_spec_matches_everyone(org_tree, org):
    people = {factories.person(org_tree.north).pk, factories.person(org_tree.south).pk}
    assert matching(org, {}) == people
    assert validate_filters(None, org) == {}


def test_tags_any_all_and_none(org_tree, org):
    both, donor, neither = (factories.person(org_tree.north) for _ in range(3))
    for name in ("donor", "volunteer"):
        tag(both, name)
    tag(donor, "donor")
    assert matching(org, {"tags": {"any": ["donor", "volunteer"]}}) == {both.pk, donor.pk}
    assert matching(org, {"tags": {"all": ["donor", "volunteer"]}}) == {both.pk}
    assert matching(org, {"tags": {"none": ["volunteer"]}}) == {donor.pk, neither.pk}
    # Names are matched whatever their case and stored as the organization spells them.
    assert validate_filters({"tags": {"any": ["DONOR"]}}, org) == {"tags": {"any": ["donor"]}}


def test_tags_of_another_organization_do_not_count(org_tree, org):
    ours = factories.person(org_tree.north)
    theirs = factories.person(org_tree.other)
    tag(ours, "donor")
    tag(theirs, "donor")
    assert matching(org, {"tags": {"any": ["donor"]}}) == {ours.pk}


def test_address_fields_and_districts(org_tree, org):
    austin = factories.person(org_tree.north, city="Austin", zip="78701", county="Travis", state="TX",
                              precinct="101", congressional_district="TX-25", state_house_district="49")
    dallas = factories.person(org_tree.north, city="Dallas", zip="75201", county="Dallas", state="TX",
                              precinct="202", congressional_district="TX-30", state_senate_district="16")
    assert matching(org, {"zip": ["78701", "99999"]}) == {austin.pk}
    assert matching(org, {"city": ["austin"]}) == {austin.pk}
    assert matching(org, {"county": ["DALLAS"]}) == {dallas.pk}
    assert matching(org, {"state": ["tx"]}) == {austin.pk, dallas.pk}
    assert matching(org, {"precinct": ["202"]}) == {dallas.pk}
    assert matching(org, {"congressional_district": ["TX-25"]}) == {austin.pk}
    assert matching(org, {"state_senate_district": ["16"]}) == {dallas.pk}
    assert matching(org, {"state_house_district": ["49"]}) == {austin.pk}
    assert matching(org, {"zip": "78701"}) == {austin.pk}  # a single value is a list of one


def test_radius_around_a_point_is_exact_not_just_a_box(org_tree, org):
    centre = factories.person(org_tree.north, latitude=30.2672, longitude=-97.7431)
    four_miles_north = factories.person(org_tree.north, latitude=30.2672 + 4 / 69.05, longitude=-97.7431)
    # Inside the 5-mile bounding box (4.5 mi north and 4.5 mi east) but 6.4 miles away diagonally.
    corner = factories.person(org_tree.north, latitude=30.2672 + 4.5 / 69.05, longitude=-97.7431 + 4.5 / 59.7)
    factories.person(org_tree.north)  # no coordinates
    spec = {"radius": {"lat": 30.2672, "lng": -97.7431, "distance": 5}}
    assert matching(org, spec) == {centre.pk, four_miles_north.pk}
    assert corner.pk in matching(org, {"radius": {"lat": 30.2672, "lng": -97.7431, "distance": 7}})
    assert matching(org, {"radius": {"lat": 30.2672, "lng": -97.7431, "distance": 5, "unit": "km"}}) == {centre.pk}


def test_radius_around_a_zip_uses_the_centre_of_its_people(org_tree, org):
    a = factories.person(org_tree.north, zip="78701", latitude=30.26, longitude=-97.74)
    b = factories.person(org_tree.north, zip="78701", latitude=30.28, longitude=-97.74)
    near = factories.person(org_tree.north, zip="78702", latitude=30.29, longitude=-97.74)  # 1.4 mi from the centre
    factories.person(org_tree.north, zip="78610", latitude=30.08, longitude=-97.84)
    assert matching(org, {"radius": {"zip": "78701", "distance": 1}}) == {a.pk, b.pk}
    assert matching(org, {"radius": {"zip": "78701", "distance": 2}}) == {a.pk, b.pk, near.pk}
    assert matching(org, {"radius": {"zip": "00000", "distance": 50}}) == set()


def test_registration_and_party(org_tree, org):
    dem = factories.person(org_tree.north, party="DEM", registration_status="active")
    factories.person(org_tree.north, party="REP", registration_status="active")
    inactive_dem = factories.person(org_tree.north, party="DEM", registration_status="inactive")
    assert matching(org, {"party": ["DEM"]}) == {dem.pk, inactive_dem.pk}
    assert matching(org, {"party": ["DEM"], "registration_status": ["active"]}) == {dem.pk}


def test_vote_history(org_tree, org):
    elections = ["2024-general", "2022-general", "2020-general", "2018-general"]
    always, twice, once, never = (factories.person(org_tree.north) for _ in range(4))
    for person, voted in ((always, elections), (twice, elections[:2]), (once, elections[3:])):
        for election in voted:
            votes_record(org_id=org.pk, election=election, voted=[(person.pk, "")])
    assert matching(org, {"voted": {"any": ["2024-general", "2018-general"]}}) == {always.pk, twice.pk, once.pk}
    assert matching(org, {"voted": {"all": ["2024-general", "2022-general"]}}) == {always.pk, twice.pk}
    assert matching(org, {"voted": {"none": ["2024-general"]}}) == {once.pk, never.pk}
    assert matching(org, {"voted": {"at_least": {"n": 2, "of": elections}}}) == {always.pk, twice.pk}
    assert matching(org, {"voted": {"at_least": {"n": 3, "of": elections}}}) == {always.pk}


def test_custom_fields_equal_one_of_and_ranges(org_tree, org):
    CustomField.objects.create(org=org, key="score", label="Score", kind="number")
    CustomField.objects.create(org=org, key="met", label="Met on", kind="date")
    CustomField.objects.create(org=org, key="shirt", label="Shirt", kind="choice", choices=["S", "M", "L"])
    CustomField.objects.create(org=org, key="source", label="Source", kind="text")
    low = factories.person(org_tree.north, custom={"score": 2, "met": "2025-01-05", "shirt": "S", "source": "fair"})
    mid = factories.person(org_tree.north, custom={"score": 5, "met": "2025-06-01", "shirt": "M", "source": "web"})
    high = factories.person(org_tree.north, custom={"score": 10, "met": "2026-02-01", "shirt": "L"})
    factories.person(org_tree.north)
    assert matching(org, {"custom": {"score": {"min": 3}}}) == {mid.pk, high.pk}
    assert matching(org, {"custom": {"score": {"min": "3", "max": 9}}}) == {mid.pk}
    assert matching(org, {"custom": {"met": {"min": "2025-02-01", "max": "2025-12-31"}}}) == {mid.pk}
    assert matching(org, {"custom": {"shirt": {"in": ["s", "L"]}}}) == {low.pk, high.pk}
    assert matching(org, {"custom": {"source": {"eq": "fair"}}}) == {low.pk}
    assert matching(org, {"custom": {"score": {"eq": 10}}}) == {high.pk}


def test_age_range_from_birth_date(org_tree, org):
    today = timezone.localdate()
    turns_18_today = factories.person(org_tree.north, birth_date=years_before(today, 18))
    seventeen = factories.person(org_tree.north, birth_date=years_before(today, 18) + timedelta(days=1))
    thirty_five = factories.person(org_tree.north, birth_date=years_before(today, 36) + timedelta(days=1))
    thirty_six = factories.person(org_tree.north, birth_date=years_before(today, 36))
    factories.person(org_tree.north)  # no birth date
    assert matching(org, {"age": {"min": 18, "max": 35}}) == {turns_18_today.pk, thirty_five.pk}
    assert matching(org, {"age": {"max": 17}}) == {seventeen.pk}
    assert matching(org, {"age": {"min": 36}}) == {thirty_six.pk}


def test_years_before_a_leap_day():
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)


def test_phones_mobiles_and_emails(org_tree, org):
    mobile = factories.person(org_tree.north, phones=["+15125550101"])
    Phone.objects.filter(person=mobile).update(kind="mobile")
    landline = factories.person(org_tree.north, phones=["+15125550102"], emails=["a@example.org"])
    bad_number = factories.person(org_tree.north, phones=["+15125550103"])
    Phone.objects.filter(person=bad_number).update(valid=False, kind="mobile")
    assert matching(org, {"has_phone": True}) == {mobile.pk, landline.pk}
    assert matching(org, {"has_mobile": True}) == {mobile.pk}
    assert matching(org, {"has_email": True}) == {landline.pk}
    assert matching(org, {"has_email": False}) == {mobile.pk, bad_number.pk}


def test_last_contacted_and_result(org_tree, org):
    now = timezone.now()
    never = factories.person(org_tree.north)
    last_year = factories.person(org_tree.north, last_contacted_at=now - timedelta(days=365), last_result="not_home")
    this_week = factories.person(org_tree.north, last_contacted_at=now - timedelta(days=2), last_result="supporter")
    cut = (now - timedelta(days=30)).date().isoformat()
    assert matching(org, {"last_contacted": {"never": True}}) == {never.pk}
    assert matching(org, {"last_contacted": {"never": False}}) == {last_year.pk, this_week.pk}
    assert matching(org, {"last_contacted": {"before": cut}}) == {last_year.pk}
    assert matching(org, {"last_contacted": {"after": cut}}) == {this_week.pk}
    assert matching(org, {"last_result": ["not_home", "refused"]}) == {last_year.pk}


def test_opted_out_and_contactable(org_tree, org):
    now = timezone.now()
    reachable = factories.person(org_tree.north, phones=["+15125550111"], emails=["r@example.org"])
    stopped_texts = factories.person(org_tree.north, phones=["+15125550112"], text_opt_out_at=now)
    suppressed = factories.person(org_tree.north, phones=["+15125550113"])
    Suppression.objects.create(org=org, channel="text", value="+15125550113", source="STOP reply")
    no_phone = factories.person(org_tree.north)
    assert matching(org, {"opted_out": {"text": True}}) == {stopped_texts.pk}
    assert matching(org, {"opted_out": {"text": False}}) == {reachable.pk, suppressed.pk, no_phone.pk}
    assert matching(org, {"contactable": ["text"]}) == {reachable.pk}
    assert matching(org, {"contactable": ["call"]}) == {reachable.pk, stopped_texts.pk, suppressed.pk}
    assert matching(org, {"contactable": ["call", "email"]}) == {reachable.pk}


def test_sub_teams(org_tree, org):
    chapter = factories.person(org_tree.north_chapter)
    team = factories.person(org_tree.north_team)
    factories.person(org_tree.north)
    factories.person(org_tree.south)
    assert matching(org, {"teams": [org_tree.north_chapter.pk]}) == {chapter.pk, team.pk}
    assert matching(org, {"teams": [org_tree.north_team.pk, org_tree.south_team.pk]}) == {team.pk}


def test_filters_combine_with_and(org_tree, org):
    both = factories.person(org_tree.north, party="DEM", zip="78701")
    factories.person(org_tree.north, party="DEM", zip="78702")
    factories.person(org_tree.north, party="REP", zip="78701")
    assert matching(org, {"party": ["DEM"], "zip": ["78701"]}) == {both.pk}


def test_every_bad_field_gets_its_own_message(org_tree, org):
    CustomField.objects.create(org=org, key="score", label="Score", kind="number")
    errors = errors_of({
        "colour": ["red"],
        "tags": {"any": ["nope"], "some": ["x"]},
        "radius": {"distance": -1},
        "registration_status": ["maybe"],
        "voted": {"at_least": {"n": 3, "of": ["2024-general"]}},
        "custom": {"score": {"min": "lots"}, "height": {"eq": 2}},
        "age": {"min": 40, "max": 30},
        "has_phone": "yes",
        "last_contacted": {"never": True, "before": "2026-01-01"},
        "opted_out": {"fax": True},
        "contactable": ["pigeon"],
        "teams": [org_tree.other.pk],
        "turf": {"id": 1},
        "relationship": {"volunteer": 1},
    }, org)
    assert set(errors) == {
        "colour", "tags.some", "radius.distance", "registration_status", "voted.at_least.n",
        "custom.score.min", "custom.height", "age.max", "has_phone", "last_contacted.never", "opted_out.fax",
        "contactable", "teams", "turf", "relationship",
    }
    assert "unknown filter" in errors["colour"]
    assert "not a number" in errors["custom.score.min"]
    assert "canvass" in errors["turf"]
    assert "relational" in errors["relationship"]


def test_unknown_tags_are_named(org_tree, org):
    assert errors_of({"tags": {"any": ["nope"]}}, org) == {"tags.any": "unknown tag(s): nope"}


@pytest.mark.parametrize("spec", [
    [], "party", {"party": {"DEM": 1}}, {"party": [["DEM"]]}, {"radius": {"lat": 91, "lng": 0, "distance": 1}},
    {"radius": {"zip": "78701", "lat": 30, "lng": -97, "distance": 1}}, {"radius": {"lat": 30, "distance": 1}},
    {"radius": {"zip": "78701", "distance": 1, "unit": "furlong"}}, {"voted": {"any": []}},
    {"age": {"min": "old"}}, {"age": 30}, {"last_contacted": {"before": "someday"}},
    {"custom": {"score": {"between": [1, 2]}}}, {"custom": []}, {"teams": ["abc"]}, {"zip": ["x" * 101]},
    {"last_contacted": {"after": "2026-02-01", "before": "2026-01-01"}},
])
def test_malformed_specs_are_refused_not_crashed(org, spec):
    CustomField.objects.create(org=org, key="score", label="Score", kind="number")
    with pytest.raises(ValidationError):
        validate_filters(spec, org)


def test_describe_filters_says_each_filter_in_words(org):
    lines = describe_filters({"party": ["DEM"], "radius": {"zip": "78701", "distance": 5.0, "unit": "mi"},
                              "voted": {"at_least": {"n": 2, "of": ["a", "b", "c"]}}})
    assert lines == ["Party: DEM", "Within 5 mi of ZIP 78701", "Vote history: voted in at least 2 of a, b, c"]


def test_a_saved_filter_that_is_no_longer_known_matches_nobody_rather_than_everyone(org_tree, org):
    factories.person(org_tree.north)
    assert not apply_filters(Person.objects.all(), {"turf": {"id": 1}}, org=org).exists()
