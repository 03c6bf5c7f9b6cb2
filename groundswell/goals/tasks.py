from django.tasks import task

from groundswell.goals.rollups import rollups_rebuild, rollups_refresh
from groundswell.orgs.models import Team


@task()
def refresh_goal_rollups(org_id: int) -> None:
    rollups_refresh(org=Team.objects.get(pk=org_id))


@task()
def rebuild_goal_rollups(org_id: int) -> None:
    rollups_rebuild(org=Team.objects.get(pk=org_id))


@task()
def send_goal_digests_task() -> int:
    from groundswell.goals.digest import send_goal_digests

    return send_goal_digests()
