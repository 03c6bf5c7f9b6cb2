"""Small domain errors shared by every app; views and the API turn them into 404/403/400."""


class NotFound(Exception):
    """The object does not exist *or* the actor may not see it; callers must not tell which."""

    def __init__(self, what: str = "object") -> None:
        super().__init__(f"{what} not found")
        self.what = what


class PermissionDenied(Exception):
    """The actor can see the object but may not do this to it."""


class Conflict(Exception):
    """The request clashes with the current state (someone else holds the contact, the campaign is paused)."""
