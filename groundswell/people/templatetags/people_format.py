"""Template filters for showing people's data: {% load people_format %} {{ phone.number|phone_display }}."""

from django import template

from groundswell.people.contact_points import display_phone

register = template.Library()


@register.filter
def phone_display(e164: str) -> str:
    """A stored E.164 number as people write it in its country: (218) 555-0123."""
    return display_phone(e164) if e164 else ""


@register.simple_tag(takes_context=True)
def people_count(context, team) -> int:
    """How many people the signed-in actor sees in `team`'s subtree (the team page's People button)."""
    from groundswell.people.selectors import people_count as count

    return count(actor=context["request"].actor, team=team)
