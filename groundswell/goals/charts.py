"""What a dashboard chart draws, as JSON for the page's Chart.js (assets/package.json, served from
static/vendor): the running total over the period and, for a goal, the pace line from zero to the target. The
page's script (goals/static/goals/charts.js) draws every canvas again after each HTMX poll."""

import datetime as dt
import json


def chart_data(points: list[tuple[dt.date, int]], target: int | None = None) -> str:
    """{"labels": [day, …], "values": [running total, …], "pace": [expected by each day, …] when a target}."""
    if not points:
        return ""
    data: dict = {"labels": [day.isoformat() for day, _ in points], "values": [value for _, value in points]}
    if target:
        steps = max(len(points) - 1, 1)
        data["pace"] = [round(target * i / steps, 1) for i in range(len(points))]
    return json.dumps(data, separators=(",", ":"))
