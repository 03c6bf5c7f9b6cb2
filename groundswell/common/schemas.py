from typing import Annotated, Any, Generic, TypeVar

from ninja import Schema
from pydantic import Field, field_validator

from groundswell.common.ids import MAX_ID

T = TypeVar("T")

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class ErrorOut(Schema):
    detail: Any = Field(description="What went wrong: a sentence, or a list/dict of field messages.")


class PageOut(Schema, Generic[T]):
    items: list[T]
    count: int
    page: int
    per_page: int


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


class InSchema(Schema):
    """Base of every request schema. Rejects NUL characters, which PostgreSQL text columns cannot hold,
    as a field-level 422 rather than a database error (HTML forms get the same from Django's validator)."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul_characters(cls, value: Any) -> Any:
        if _has_nul(value):
            raise ValueError("Null characters are not allowed.")
        return value
