"""What a metric is: a label, and where its rows come from — enough for the rollups, the rows pages and the
dashboard to work on any activity type without knowing it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from groundswell.orgs.models import Team


@dataclass(frozen=True)
class Source:
    """One kind of row a metric counts. `rows(org)` is every such row; `at`, `team` and `user` name the row's
    timestamp, owning team and credited volunteer (ORM lookups, `__` allowed). `columns` are (lookup, heading)
    pairs for the rows page; `personal` lookups are shown only to actors with VIEW_MEMBERS."""

    name: str
    rows: Callable[[Team], QuerySet]
    at: str
    team: str
    user: str | None = None
    columns: tuple[tuple[str, str], ...] = ()
    personal: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    sources: tuple[Source, ...]
    note: str = ""  # shown when the metric has no data yet


REGISTRY: dict[str, Metric] = {}


def register(*metrics: Metric) -> None:
    for metric in metrics:
        REGISTRY[metric.key] = metric
