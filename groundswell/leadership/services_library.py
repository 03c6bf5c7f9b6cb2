"""Writes of the training and materials library: add, edit and archive materials, mark a training done,
share a material with a volunteer or a team (by email, through a task)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.leadership.models import Material, MaterialShare, TrainingCompletion
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from groundswell.people.services import org_of

MAX_FILE_BYTES = 10 * 1024 * 1024
ROLES = {value for value, _ in Membership.Role.choices}
EDITABLE = ("title", "kind", "summary", "body", "url", "required_for")


def _check(values: dict, file, *, has_file: bool = False) -> None:
    errors = {}
    if not " ".join(values.get("title", "").split()):
        errors["title"] = "Give it a title."
    if values.get("kind") not in Material.Kind.values:
        errors["kind"] = "Choose what kind of material this is."
    if not (values.get("body", "").strip() or values.get("url") or file or has_file):
        errors["url"] = "Add a link, a file or the text itself."
    if file is not None and file.size > MAX_FILE_BYTES:
        errors["file"] = f"Files up to {MAX_FILE_BYTES // (1024 * 1024)} MB; link to larger ones instead."
    unknown = set(values.get("required_for") or []) - ROLES
    if unknown:
        errors["required_for"] = f"Unknown role: {', '.join(sorted(unknown))}."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def material_create(*, actor: Actor, team: Team, file=None, **values) -> Material:
    """A material of `team`, seen by its whole subtree. `values`: title, kind, summary, body, url, required_for."""
    _check(values, file)
    material = Material(org=org_of(team), team=team, created_by=actor.user,
                        **{k: v for k, v in values.items() if k in EDITABLE})
    material.title = " ".join(material.title.split())
    if file is not None:
        material.file = file
    material.full_clean(exclude=["file", "created_by", "org", "team"])
    material.save()
    audit_log(actor=actor, action="leadership.material.created", target=material, team_path=team.path)
    return material


@transaction.atomic
def material_update(*, actor: Actor, material: Material, file=None, **values) -> Material:
    merged = {name: getattr(material, name) for name in EDITABLE} | {k: v for k, v in values.items() if k in EDITABLE}
    _check(merged, file, has_file=bool(material.file))
    for name in EDITABLE:
        setattr(material, name, merged[name])
    material.title = " ".join(material.title.split())
    if file is not None:
        material.file = file
    material.updated_at = timezone.now()
    material.full_clean(exclude=["file", "created_by", "org", "team"])
    material.save()
    audit_log(actor=actor, action="leadership.material.updated", target=material, team_path=material.team.path)
    return material


@transaction.atomic
def material_archive(*, actor: Actor, material: Material) -> None:
    material.archived_at = timezone.now()
    material.save(update_fields=["archived_at"])
    audit_log(actor=actor, action="leadership.material.archived", target=material, team_path=material.team.path)


@transaction.atomic
def training_complete(*, user, material: Material, done: bool = True) -> bool:
    """Mark (or unmark) a material as completed by `user`; returns whether it is completed now."""
    if done:
        TrainingCompletion.objects.get_or_create(material=material, user=user)
    else:
        TrainingCompletion.objects.filter(material=material, user=user).delete()
    return done


@transaction.atomic
def material_share(*, actor: Actor, material: Material, to_user=None, to_team: Team | None = None,
                   message: str = "") -> MaterialShare:
    """Send a material to one member or a whole team (chosen through access by the caller); they see it under
    "Shared with you" and get an email."""
    if (to_user is None) == (to_team is None):
        raise ValidationError({"to": "Share with one volunteer or one team."})
    if len(message) > 300:
        raise ValidationError({"message": "Keep the note under 300 characters."})
    share = MaterialShare.objects.create(material=material, shared_by=actor.user, to_user=to_user, to_team=to_team,
                                         message=message.strip())
    audit_log(actor=actor, action="leadership.material.shared", target=material, team_path=material.team.path,
              data={"to_user": getattr(to_user, "pk", None), "to_team": getattr(to_team, "pk", None)})
    from groundswell.leadership.tasks import send_material_share

    transaction.on_commit(lambda: send_material_share.enqueue(share.pk))
    return share
