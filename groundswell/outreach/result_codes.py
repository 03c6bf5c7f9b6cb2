"""The result codes every organization starts with; each organization may relabel, add or retire them."""

from django.db import transaction

from groundswell.orgs.models import Team
from groundswell.outreach.models import ResultCode

C = ResultCode.Category
HOUR = 60

# (code, label, category, minutes before trying again — None: final for the campaign)
DEFAULTS: list[tuple[str, str, str, int | None]] = [
    ("contacted", "Talked to them", C.REACHED, None),
    ("no_answer", "No answer / not home", C.NOT_REACHED, 4 * HOUR),
    ("left_message", "Left a message", C.NOT_REACHED, 24 * HOUR),
    ("busy", "Busy", C.NOT_REACHED, 1 * HOUR),
    ("call_back", "Asked us to call back", C.NOT_REACHED, 2 * HOUR),
    # Not final: the number is marked invalid and the person stays in the queue if they have another one.
    ("wrong_number", "Wrong number", C.WRONG_NUMBER, 0),
    ("refused", "Refused", C.REFUSED, None),
    ("moved", "Moved", C.GONE, None),
    ("deceased", "Deceased", C.GONE, None),
    ("do_not_contact", "Do not contact", C.DO_NOT_CONTACT, None),
]


def ensure_result_codes(org: Team) -> list[ResultCode]:
    """The organization's active codes, creating the defaults the first time they are needed (one read on
    every later call; attempts keep what they read, see attempt_rules)."""
    codes = list(ResultCode.objects.filter(org=org))
    if not codes:
        _create_defaults(org)
        codes = list(ResultCode.objects.filter(org=org))
    return [code for code in codes if code.active]


@transaction.atomic
def _create_defaults(org: Team) -> None:
    ResultCode.objects.bulk_create(
        [
            ResultCode(org=org, code=code, label=label, category=category, retry_after_minutes=retry,
                       position=position)
            for position, (code, label, category, retry) in enumerate(DEFAULTS)
        ],
        ignore_conflicts=True,
    )
