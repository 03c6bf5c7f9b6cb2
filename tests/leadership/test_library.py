"""The library: materials inherited down the tree, validation, required trainings per role with who completed
them, sharing by email, files served only to those who may see them."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from groundswell.common.errors import NotFound
from groundswell.leadership import selectors_library as library
from groundswell.leadership.models import Material, MaterialShare
from groundswell.leadership.services_library import (
    MAX_FILE_BYTES,
    material_archive,
    material_create,
    material_share,
    material_update,
    training_complete,
)
from tests.conftest import actor_for


@pytest.fixture
def admin(personas):
    return actor_for(personas.admin)


def make(actor, team, title, **fields):
    values = {"kind": "document", "url": "https://example.org/" + title.replace(" ", "-")} | fields
    return material_create(actor=actor, team=team, title=title, **values)


def test_a_team_sees_its_own_materials_and_those_above_it(org_tree, admin, organizer):
    make(admin, org_tree.org, "Code of conduct", kind="conduct")
    make(organizer, org_tree.north, "Region script", kind="script")
    make(admin, org_tree.south, "South only")
    titles = [m.title for m in library.team_library(org_tree.north_team)]
    assert titles == ["Code of conduct", "Region script"]


def test_a_volunteer_opens_inherited_materials_but_not_a_sibling_branch(org_tree, personas, admin):
    national = make(admin, org_tree.org, "Why we organize")
    south = make(admin, org_tree.south, "South only")
    volunteer = actor_for(personas.volunteer)
    assert library.get_material_for(volunteer, national.pk) == national
    with pytest.raises(NotFound):
        library.get_material_for(volunteer, south.pk)


@pytest.mark.parametrize("fields, field", [
    ({"title": "  "}, "title"),
    ({"kind": "poster"}, "kind"),
    ({"url": "", "body": ""}, "url"),
    ({"required_for": ["overlord"]}, "required_for"),
])
def test_bad_materials_name_the_field_and_save_nothing(org_tree, organizer, fields, field):
    with pytest.raises(ValidationError) as error:
        make(organizer, org_tree.north, fields.pop("title", "A guide"), **fields)
    assert field in error.value.message_dict
    assert not Material.objects.exists()


def test_a_file_over_the_limit_is_refused(org_tree, organizer):
    big = SimpleUploadedFile("big.pdf", b"x" * (MAX_FILE_BYTES + 1))
    with pytest.raises(ValidationError) as error:
        material_create(actor=organizer, team=org_tree.north, title="Big", kind="document", file=big)
    assert "file" in error.value.message_dict


def test_required_trainings_follow_roles_and_completion(org_tree, personas, admin, organizer):
    training = make(admin, org_tree.org, "Canvass safety", kind="training", required_for=["volunteer"])
    make(admin, org_tree.org, "Leading a team", kind="training", required_for=["leader"])
    volunteer = actor_for(personas.volunteer)
    assert [(t.material.title, t.done) for t in library.my_required_trainings(volunteer)] == [("Canvass safety", False)]
    progress = {p.material.title: p for p in library.training_progress(org_tree.north)}
    assert (progress["Canvass safety"].required, progress["Canvass safety"].done) == (1, 0)
    assert progress["Canvass safety"].missing[0].user == personas.volunteer
    training_complete(user=personas.volunteer, material=training)
    assert library.my_required_trainings(volunteer)[0].done
    assert library.training_progress(org_tree.north)[0].done == 1
    training_complete(user=personas.volunteer, material=training, done=False)
    assert not library.my_required_trainings(volunteer)[0].done


def test_archived_materials_leave_the_shelf(org_tree, organizer):
    guide = make(organizer, org_tree.north, "Old guide")
    material_archive(actor=organizer, material=guide)
    assert not library.team_library(org_tree.north).exists()


def test_editing_keeps_a_file_when_no_new_one_is_sent(org_tree, organizer):
    guide = material_create(actor=organizer, team=org_tree.north, title="Flyer", kind="document",
                            file=SimpleUploadedFile("flyer.txt", b"Vote!"))
    material_update(actor=organizer, material=guide, title="Flyer v2", url="", body="")
    guide.refresh_from_db()
    assert guide.title == "Flyer v2" and guide.file.name.endswith(".txt")


def test_sharing_emails_the_volunteer_or_the_whole_team(org_tree, personas, leader, organizer, mailoutbox,
                                                        django_capture_on_commit_callbacks):
    guide = make(organizer, org_tree.north, "Phone script", kind="script")
    targets = library.share_targets(leader, guide)
    assert [t.name for t in targets.teams] == ["North Team"]
    assert {m.user for m in targets.members} == {personas.volunteer}
    with django_capture_on_commit_callbacks(execute=True):
        material_share(actor=leader, material=guide, message="Read before Saturday's canvass", **targets.resolve(
            f"user:{personas.volunteer.pk}"))
    assert mailoutbox[-1].to == [personas.volunteer.email]
    assert "Read before Saturday's canvass" in mailoutbox[-1].body  # plain text, not HTML-escaped
    with django_capture_on_commit_callbacks(execute=True):
        material_share(actor=leader, material=guide, **targets.resolve(f"team:{org_tree.north_team.pk}"))
    assert mailoutbox[-1].to == [personas.volunteer.email]  # everyone on the team but the sender
    shared = library.shared_with_me(actor_for(personas.volunteer))
    assert shared.count() == 2
    with pytest.raises(NotFound):
        targets.resolve(f"user:{personas.admin.pk}")  # not offered, not accepted
    assert MaterialShare.objects.count() == 2


def test_sharing_needs_a_recipient(org_tree, organizer):
    guide = make(organizer, org_tree.north, "Guide")
    with pytest.raises(ValidationError):
        material_share(actor=organizer, material=guide)
