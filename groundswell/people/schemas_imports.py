"""Request and response shapes of /api/v1/imports."""

from datetime import datetime

from ninja import Schema
from pydantic import Field

from groundswell.common.schemas import InSchema


class ImportCreateIn(InSchema):
    """The form fields sent with the file (multipart/form-data)."""

    team_id: int = Field(description="The team the people will belong to (you need the right to import there).")
    mapping: str | None = Field(
        default=None, max_length=100_000,
        description='A JSON object {"csv column": "field"}; "" ignores a column. Left out: the mapping your '
                    "organization used last time for this header, else one suggested from the column names.",
    )
    update_existing: bool = Field(default=True, description="Update people already in the CRM.")


class ImportOut(Schema):
    id: int
    team_id: int
    file_name: str
    status: str = Field(description="queued, running, done or failed")
    update_existing: bool
    mapping: dict[str, str]
    rows_total: int | None = Field(description="Estimated from the file size until the job is done.")
    rows_done: int
    percent: int
    rows_per_second: float | None
    eta_seconds: int | None
    imported: int
    updated: int
    rejected: int
    skipped: int = Field(description="People already in the CRM left alone (update_existing false).")
    error: str = Field(description="Why the whole file could not be processed (a failed job).")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    url: str = Field(description="The job's web page.")
    progress_url: str = Field(description="This resource; poll it while the status is queued or running.")
    error_file_url: str | None = Field(description="CSV of the rejected rows (line, reason, the row); null if none.")
