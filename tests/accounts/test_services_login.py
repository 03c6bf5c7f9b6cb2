from django.test import Client

from groundswell.accounts.models import KnownDevice
from groundswell.accounts.services import login_record, two_factor_required
from groundswell.audit.models import AuditEntry
from groundswell.orgs.models import Team
from tests import factories
from tests.accounts.helpers import sign_in

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)"


def entries(user, action: str) -> int:
    return AuditEntry.objects.filter(actor=user, action=action).count()


def test_it_audits_a_new_device_once_per_browser(personas):
    browser = Client(HTTP_USER_AGENT=PHONE)
    sign_in(browser, "volunteer@example.test")
    assert browser.cookies["gs_device"]["httponly"]
    assert browser.cookies["gs_device"]["samesite"] == "Lax"
    browser.post("/accounts/logout/")
    sign_in(browser, "volunteer@example.test")
    assert entries(personas.volunteer, "accounts.login.new_device") == 1
    assert entries(personas.volunteer, "accounts.login") == 2
    entry = AuditEntry.objects.get(actor=personas.volunteer, action="accounts.login.new_device")
    assert entry.data == {"user_agent": PHONE}
    assert entry.ip_address == "127.0.0.1"


def test_it_audits_a_second_browser_with_the_same_user_agent(personas):
    sign_in(Client(HTTP_USER_AGENT=PHONE), "volunteer@example.test")
    sign_in(Client(HTTP_USER_AGENT=PHONE), "volunteer@example.test")
    assert entries(personas.volunteer, "accounts.login.new_device") == 2
    assert KnownDevice.objects.filter(user=personas.volunteer).count() == 2


def test_it_keeps_the_device_cookie_it_was_given(db):
    user = factories.user()
    cookie = login_record(user=user, user_agent=PHONE, device_cookie=None, ip_address=None)
    again = login_record(user=user, user_agent=PHONE, device_cookie=cookie, ip_address=None)
    assert again == cookie
    assert entries(user, "accounts.login.new_device") == 1


def test_it_requires_2fa_only_for_admin_roles_in_a_strict_org(personas, org_tree):
    Team.objects.filter(pk=org_tree.org.pk).update(require_2fa_for_admins=True)
    required = {name for name, user in vars(personas).items() if two_factor_required(user)}
    assert required == {"admin", "steward"}
