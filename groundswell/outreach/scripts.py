"""Scripts with merge fields: `{first_name}` becomes the contact's first name when the caller sees it.

Unknown fields are an error when the script is saved (a typo would otherwise be read aloud), and a field
with no value for this contact becomes an empty string, never the raw `{…}`."""

import re

FIELDS = {
    "first_name": "The contact's first name",
    "last_name": "The contact's last name",
    "city": "The contact's city",
    "volunteer_first_name": "The caller's first name",
    "volunteer_name": "The caller's full name",
    "campaign_name": "This campaign's name",
    "team_name": "The team running the campaign",
    "event_link": "The campaign's event link",
}
_FIELD = re.compile(r"\{(\w+)\}")


def unknown_fields(script: str) -> list[str]:
    return sorted({name for name in _FIELD.findall(script) if name not in FIELDS})


def render(script: str, values: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: str(values.get(m.group(1), "")) if m.group(1) in FIELDS else m.group(0), script)


def merge_values(*, campaign, person, caller) -> dict[str, str]:
    full_name = getattr(caller, "full_name", "") or ""
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "city": person.city,
        "volunteer_first_name": getattr(caller, "first_name", "") or "",
        "volunteer_name": full_name,
        "campaign_name": campaign.name,
        "team_name": campaign.team.name,
        "event_link": campaign.event_link,
    }
