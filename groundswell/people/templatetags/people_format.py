"""Template filters for showing people's data: {% load people_format %} {{ phone.number|phone_display }}."""

from django import template

from groundswell.people.contact_points import display_phone

register = template.Library()


@register.filter
def phone_display(e164: str) -> str:
    """A stored E.164 number as people write it in its country: (218) 555-0123."""
    return display_phone(e164) if e164 else ""
