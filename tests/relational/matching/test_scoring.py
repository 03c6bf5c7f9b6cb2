"""MatchModel.score with the default model: each kind of sloppiness still matches; a stranger does not."""

import json

import pytest

from groundswell.relational.matching import MatchModel, Record

VOTER = Record(id="v1", first_name="Robert", middle_name="James", last_name="Kowalski", dob="1975-06-14",
               address="418 Maple Avenue", city="Riverton", state="PA", zip="15012", phone="412-555-0187",
               email="rob.kowalski@example.org")
STRANGER = Record(id="v2", first_name="Susan", last_name="Oduya", dob="1990-01-02", address="7 Elm St",
                  city="Lakewood", state="PA", zip="15999", phone="724-555-9999")
NAMESAKE = Record(id="v3", first_name="Robert", last_name="Kowalski", dob="1931-11-30", address="99 Pine Rd",
                  city="Erie", state="PA", zip="16501", phone="814-555-4242")


def best(contact: Record, model: MatchModel | None = None):
    return (model or MatchModel.default()).score(contact, [STRANGER, NAMESAKE, VOTER])[0]


@pytest.mark.parametrize(("contact", "reason"), [
    (Record(id="c", first_name="Bob", last_name="Kowalski", city="Riverton"), {"first_name": "nickname"}),
    (Record(id="c", first_name="Robret", last_name="Kowalsky", phone="(412) 555-0187"),
     {"first_name": "similar", "last_name": "similar", "phone": "exact"}),
    (Record(id="c", first_name="Kowalski", last_name="Robert", city="Riverton"),
     {"first_name": "swapped", "last_name": "swapped"}),
    (Record(id="c", first_name="Robert", last_name="Kowalski", zip="15012", dob=""), {"dob": "missing"}),
    (Record(id="c", first_name="Rob", last_name="Kowalski", address="12 Oak Street", phone="4125550187"),
     {"address": "different", "phone": "exact"}),
    (Record(id="c", first_name="Bob", last_name="Kowalski", phone="555-0187"), {"phone": "partial"}),
    (Record(id="c", first_name="Robert", last_name="Kowalski", dob="1975"), {"dob": "partial"}),
    (Record(id="c", first_name="Bob Kowalski", email="Rob.Kowalski@example.org"), {"email": "exact"}),
])
def test_sloppy_contacts_still_find_their_voter(contact, reason):
    top = best(contact)
    assert top.right_id == "v1"
    assert top.probability > 0.5
    assert reason.items() <= top.agreements.items()


def test_a_clearly_different_person_does_not_match():
    contact = Record(id="c", first_name="Maria", last_name="Gonzalez", city="Erie", phone="814-555-1111")
    scored = MatchModel.default().score(contact, [VOTER, STRANGER, NAMESAKE])
    assert all(candidate.probability < 0.5 for candidate in scored)
    assert all(candidate.weight < 0 for candidate in scored)


def test_candidates_come_sorted_with_reasons_for_every_field():
    scored = MatchModel.default().score(Record(id="c", first_name="Bob", last_name="Kowalski", city="Riverton"),
                                        [STRANGER, VOTER, NAMESAKE])
    assert [c.right_id for c in scored][0] == "v1"
    assert [c.probability for c in scored] == sorted((c.probability for c in scored), reverse=True)
    assert set(scored[0].agreements) == {"first_name", "middle_name", "last_name", "dob", "address", "city",
                                         "state", "zip", "phone", "email"}
    assert scored[0].agreements["city"] == "exact"
    assert scored[0].agreements["phone"] == "missing"
    assert 0.0 <= scored[-1].probability <= 1.0


def test_missing_fields_weigh_nothing():
    model = MatchModel.default()
    bare = model.score(Record(id="c", first_name="Robert", last_name="Kowalski"), [VOTER])[0]
    with_blank_dob = model.score(Record(id="c", first_name="Robert", last_name="Kowalski", dob=""), [VOTER])[0]
    assert bare.weight == with_blank_dob.weight
    assert bare.agreements["dob"] == "missing"


def test_a_contradicting_birth_date_lowers_the_weight():
    model = MatchModel.default()
    plain = model.score(Record(id="c", first_name="Robert", last_name="Kowalski"), [VOTER])[0]
    wrong = model.score(Record(id="c", first_name="Robert", last_name="Kowalski", dob="1950-01-01"), [VOTER])[0]
    assert wrong.agreements["dob"] == "different"
    assert wrong.weight < plain.weight


def test_score_of_no_candidates_is_empty():
    assert MatchModel.default().score(Record(id="c", first_name="Bob"), []) == []


def test_json_round_trip_keeps_every_weight():
    model = MatchModel.default()
    data = json.loads(json.dumps(model.to_json()))
    again = MatchModel.from_json(data)
    contact = Record(id="c", first_name="Bob", last_name="Kowalski", phone="555-0187")
    assert again.score(contact, [VOTER]) == model.score(contact, [VOTER])
    assert again.to_json() == model.to_json()


def test_from_json_rejects_what_is_not_a_model():
    with pytest.raises(ValueError):
        MatchModel.from_json({"fields": {}})
    data = MatchModel.default().to_json()
    data["fields"]["dob"]["levels"] = ["missing", "exact"]
    with pytest.raises(ValueError):
        MatchModel.from_json(data)


def test_a_common_name_agreeing_weighs_less_than_a_rare_one():
    import numpy as np

    from groundswell.relational.matching.blocking import NameCounts
    from groundswell.relational.matching.compare import COMPARED, LEVELS

    model = MatchModel.default()
    levels = np.zeros((2, len(COMPARED)), dtype=np.int64)
    levels[:, COMPARED.index("last_name")] = LEVELS["last_name"].index("exact")
    counts = NameCounts({"last_name": np.array([20_000.0, 1.0])}, population=1_000_000)
    common, rare = model.weights(levels, counts)
    plain = model.weights(levels)[0]
    assert common < plain < rare
    tiny_list = NameCounts({"last_name": np.array([1.0, 1.0])}, population=3)
    assert abs(model.weights(levels, tiny_list)[0] - plain) < 0.5  # three records say little about frequency
