"""The dashboard's chart data: the running total and, for a goal, the pace line from zero to the target."""

import datetime as dt
import json

from django.utils import timezone

from groundswell.goals.charts import chart_data
from tests.goals.helpers import calls, rebuild


def test_running_totals_and_the_pace_to_the_target():
    days = [dt.date(2026, 3, 1) + dt.timedelta(days=n) for n in range(5)]
    data = json.loads(chart_data(list(zip(days, [0, 2, 2, 5, 9], strict=True)), target=20))
    assert data["labels"][0] == "2026-03-01" and data["values"] == [0, 2, 2, 5, 9]
    assert data["pace"] == [0, 5, 10, 15, 20]
    assert "pace" not in json.loads(chart_data([(days[0], 3)]))
    assert chart_data([]) == ""


def test_the_dashboard_page_loads_chart_js_and_gives_each_chart_its_data(org_tree, personas, client_for):
    calls(org_tree.north_team, personas.volunteer, timezone.now(), 3)
    rebuild(org_tree.north)
    response = client_for(personas.organizer).get(f"/teams/{org_tree.north.slug}/dashboard/")
    page = response.content.decode()
    assert "vendor/chartjs/chart.umd.min.js" in page and "goals/charts.js" in page
    with_data = [line for line in response.context["board"].metrics if line.has_data]
    assert with_data and page.count("<canvas data-chart=") == len(with_data)  # one per metric with activity
