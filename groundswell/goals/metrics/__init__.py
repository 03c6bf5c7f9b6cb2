"""The metric registry. Each module in this package declares the metrics of one source app and calls
`register(...)`; every module here is imported, so a new activity type is one new file (e.g. leadership.py)."""

import importlib
import pkgutil

from groundswell.goals.metrics.base import REGISTRY, Metric, register

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")


def get_metric(key: str) -> Metric | None:
    return REGISTRY.get(key)


def all_metrics() -> list[Metric]:
    return list(REGISTRY.values())


__all__ = ["REGISTRY", "Metric", "all_metrics", "get_metric", "register"]
