"""A small server-rendered SVG of turnout by arm with the 95% interval of the effect: no script needed."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

WIDTH, HEIGHT, PAD = 320, 180, 30


def arms_chart(evaluation) -> str:
    """Two bars (treatment, control turnout) and the ITT estimate with its interval, as an accessible SVG."""
    bars = [("Talked to (treatment)", evaluation.turnout_treated, "#2f6f4f"),
            ("Held out (control)", evaluation.turnout_control, "#9aa5b1")]
    bar_w = (WIDTH - 3 * PAD) / 2
    parts = []
    for i, (label, value, colour) in enumerate(bars):
        x = PAD + i * (bar_w + PAD)
        h = (HEIGHT - 2 * PAD) * value
        y = HEIGHT - PAD - h
        parts.append(format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}%</title></rect>'
            '<text x="{}" y="{}" text-anchor="middle" font-size="13">{}%</text>'
            '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>',
            round(x, 1), round(y, 1), round(bar_w, 1), round(h, 1), colour, label, round(value * 100, 1),
            round(x + bar_w / 2, 1), round(y - 4, 1), round(value * 100, 1),
            round(x + bar_w / 2, 1), HEIGHT - PAD + 14, label,
        ))
    summary = (f"Turnout {evaluation.turnout_treated:.1%} among people captains could talk to, "
               f"{evaluation.turnout_control:.1%} among those held out; effect {evaluation.itt * 100:+.1f} points "
               f"(95% CI {evaluation.ci_low * 100:+.1f} to {evaluation.ci_high * 100:+.1f}).")
    return format_html(
        '<svg viewBox="0 0 {} {}" role="img" aria-label="{}" class="chart">{}'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#333"/></svg>',
        WIDTH, HEIGHT, summary, mark_safe("".join(parts)),  # each part came from format_html, so is escaped
        PAD / 2, HEIGHT - PAD, WIDTH - PAD / 2, HEIGHT - PAD,
    )
