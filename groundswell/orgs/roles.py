"""What each role may do. Pure data: the rules that use it live in access.py."""

from enum import StrEnum

from groundswell.orgs.models import Membership

Role = Membership.Role


class Cap(StrEnum):
    VIEW_TEAM = "view_team"  # the team's name, mission, structure, code of conduct
    VIEW_MEMBERS = "view_members"  # members' names and contact details (personal data)
    VIEW_REPORTS = "view_reports"  # aggregated counts and progress, no personal data
    MANAGE_TEAM = "manage_team"  # edit settings, create sub-teams
    MOVE_TEAM = "move_team"  # move a subtree elsewhere in the tree
    MANAGE_MEMBERS = "manage_members"  # add people, change and remove roles
    INVITE = "invite"  # make join links
    CREATE_EVENTS = "create_events"
    EDIT_SCRIPTS = "edit_scripts"
    VIEW_PEOPLE = "view_people"  # the CRM: person records, lists and their counts (personal data)
    EDIT_PEOPLE = "edit_people"  # edit records, tags, notes, consent; build lists; merge duplicates
    IMPORT_PEOPLE = "import_people"
    EXPORT_PEOPLE = "export_people"
    ERASE_PEOPLE = "erase_people"
    VIEW_AUDIT = "view_audit"
    MAKE_CONTACTS = "make_contacts"  # call, text or knock for a live campaign of the team, one below it or above it
    SUPERVISE_OUTREACH = "supervise_outreach"  # live campaign stats, who is calling, pause or message a caller
    RUN_PROGRAMS = "run_programs"  # relational captain programs: create, schedule, check in, import ballots
    DEVELOP_LEADERS = "develop_leaders"  # one-on-ones, the leadership ladder and check-ins of the team's people


ROLE_CAPS: dict[str, frozenset[Cap]] = {
    Role.ADMIN: frozenset(Cap),
    Role.ORGANIZER: frozenset(
        {
            Cap.VIEW_TEAM,
            Cap.VIEW_MEMBERS,
            Cap.VIEW_REPORTS,
            Cap.MANAGE_TEAM,
            Cap.MANAGE_MEMBERS,
            Cap.INVITE,
            Cap.CREATE_EVENTS,
            Cap.EDIT_SCRIPTS,
            Cap.VIEW_PEOPLE,
            Cap.EDIT_PEOPLE,
            Cap.IMPORT_PEOPLE,
            Cap.MAKE_CONTACTS,
            Cap.SUPERVISE_OUTREACH,
            Cap.RUN_PROGRAMS,
            Cap.DEVELOP_LEADERS,
        }
    ),
    Role.LEADER: frozenset(
        {
            Cap.VIEW_TEAM,
            Cap.VIEW_MEMBERS,
            Cap.VIEW_REPORTS,
            Cap.INVITE,
            Cap.CREATE_EVENTS,
            Cap.MAKE_CONTACTS,
            Cap.SUPERVISE_OUTREACH,
            Cap.DEVELOP_LEADERS,
        }
    ),
    Role.VOLUNTEER: frozenset({Cap.VIEW_TEAM, Cap.MAKE_CONTACTS}),
    Role.ANALYST: frozenset({Cap.VIEW_TEAM, Cap.VIEW_REPORTS}),
    Role.DATA_STEWARD: frozenset(
        {
            Cap.VIEW_TEAM,
            Cap.VIEW_MEMBERS,
            Cap.VIEW_REPORTS,
            Cap.VIEW_PEOPLE,
            Cap.EDIT_PEOPLE,
            Cap.IMPORT_PEOPLE,
            Cap.EXPORT_PEOPLE,
            Cap.ERASE_PEOPLE,
            Cap.VIEW_AUDIT,
        }
    ),
}

# Capabilities a team can switch off for its *own* members (Team boolean field per capability).
AUTONOMY_SETTING: dict[Cap, str] = {
    Cap.INVITE: "can_invite",
    Cap.CREATE_EVENTS: "can_create_events",
    Cap.EDIT_SCRIPTS: "can_edit_scripts",
    Cap.IMPORT_PEOPLE: "can_import_people",
}

# Which roles a holder of each role may hand out (by invitation or directly) within their subtree.
GRANTABLE_ROLES: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(Role),
    Role.ORGANIZER: frozenset({Role.ORGANIZER, Role.LEADER, Role.VOLUNTEER, Role.ANALYST}),
    Role.LEADER: frozenset({Role.LEADER, Role.VOLUNTEER}),
}

# Roles that may be required to use two-factor sign-in by their organization.
TWO_FACTOR_ROLES = frozenset({Role.ADMIN, Role.DATA_STEWARD})

# Order used when one role must stand for a person on a team (navigation, home page).
ROLE_ORDER = [Role.ADMIN, Role.ORGANIZER, Role.DATA_STEWARD, Role.LEADER, Role.ANALYST, Role.VOLUNTEER]
