from django import template

from groundswell.events.display import shift_when

register = template.Library()


@register.filter
def when(shift) -> str:
    """A shift's time in its event's zone: {{ shift|when }}."""
    return shift_when(shift)
