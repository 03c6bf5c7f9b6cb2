from groundswell.events.models.events import Event, Shift
from groundswell.events.models.signups import CalendarFeed, FollowUp, ShareLink, Signup

__all__ = ["CalendarFeed", "Event", "FollowUp", "ShareLink", "Shift", "Signup"]
