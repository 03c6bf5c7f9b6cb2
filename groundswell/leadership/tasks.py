"""Background tasks of the leadership app: emails go out here so a share answers at once."""

from django.tasks import task


@task
def send_material_share(share_id: int) -> int:
    from groundswell.leadership.notices import send_share

    return send_share(share_id)
