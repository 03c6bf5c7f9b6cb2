"""Server-rendered SVG charts. Chosen over a JS charting library because the dashboard is re-rendered by an
HTMX poll every few seconds: an inline SVG arrives with the numbers and needs no re-initialisation, no vendor
bundle and no script on the page, and it prints and works without JavaScript."""

import datetime as dt

from django.utils.html import format_html, format_html_join

WIDTH, HEIGHT, PAD = 320, 90, 4


def progress_chart(points: list[tuple[dt.date, int]], target: int | None = None) -> str:
    """Running total over the period as a line; with a target, the pace line from 0 to the target."""
    if not points:
        return ""
    top = max(points[-1][1], target or 0, 1)
    step = (WIDTH - 2 * PAD) / max(len(points) - 1, 1)

    def xy(i: int, value: float) -> str:
        return f"{PAD + i * step:.1f},{HEIGHT - PAD - (HEIGHT - 2 * PAD) * value / top:.1f}"

    line = " ".join(xy(i, value) for i, (_, value) in enumerate(points))
    pace = ""
    if target:
        pace = format_html('<line class="pace" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#999" stroke-dasharray="4"/>',
                           *xy(0, 0).split(","), *xy(len(points) - 1, target).split(","))
    label = format_html_join(", ", "{}: {}", ((d.isoformat(), v) for d, v in points[-1:]))
    return format_html(
        '<svg class="goal-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="Running total, {}">'
        '{}<polyline fill="none" stroke="#2a6" stroke-width="2" points="{}"/></svg>',
        WIDTH, HEIGHT, WIDTH, HEIGHT, label, pace, line)
