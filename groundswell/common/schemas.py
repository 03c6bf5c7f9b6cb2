from typing import Any, Generic, TypeVar

from ninja import Schema
from pydantic import Field

T = TypeVar("T")


class ErrorOut(Schema):
    detail: Any = Field(description="What went wrong: a sentence, or a list/dict of field messages.")


class PageOut(Schema, Generic[T]):
    items: list[T]
    count: int
    page: int
    per_page: int


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
