from django.db.models import QuerySet
from ninja import Query
from pydantic import Field

from groundswell.common.schemas import InSchema


class PageIn(InSchema):
    page: int = Field(1, ge=1, le=100_000, description="1-based page number")
    per_page: int = Field(50, ge=1, le=200, description="items per page, at most 200")


def paginate(qs: QuerySet, params: PageIn) -> dict:
    """Slice a queryset into the response shape every list endpoint shares."""
    start = (params.page - 1) * params.per_page
    return {
        "items": list(qs[start : start + params.per_page]),
        "count": qs.count(),
        "page": params.page,
        "per_page": params.per_page,
    }


PageQuery = Query[PageIn]
