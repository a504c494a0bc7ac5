"""In Chromium: staff sign in with a password and a second factor (issue 12, item 1).

With MFA_REQUIRED on, as in production: the first sign-in sets up an authenticator app
(the code computed here from the key the page shows, as the app would) or a passkey
(Chromium's virtual authenticator), shows the recovery codes once, and every later
sign-in asks for the factor before any admin page opens.
"""

import re
from base64 import b32decode
from pathlib import Path

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.e2e.conftest import E2E, assert_no_accessibility_violations

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.MFA_REQUIRED = True


def sign_in_with_password(page, base_url, username, next_path="/admin/"):
    page.goto(f"{base_url}/admin/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("changeme")
    page.get_by_role("button", name="Sign in").click()


def app_code(shown_key, steps_ahead=0):
    """What an authenticator app shows for this key now (or a step of 30 s ahead)."""
    key = shown_key.replace(" ", "")
    totp = TOTP(b32decode(key + "=" * (-len(key) % 8)))
    totp.time = totp.time + steps_ahead * 30
    return f"{totp.token():06d}"


def test_first_sign_in_sets_up_an_app_and_every_later_one_asks_for_it(live_server, phone, desktop):
    SCREENSHOTS.mkdir(exist_ok=True)
    base = live_server.url

    # 1. The password is right, but the inbox does not open: set-up comes first.
    sign_in_with_password(phone, base, "intake", next_path="/admin/intake/")
    expect(phone).to_have_url(re.compile(r"/admin/two-factor/set-up/\?next=/admin/intake/"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Set up two-step verification")
    assert_no_accessibility_violations(phone)
    phone.screenshot(path=SCREENSHOTS / "two-factor-setup-375.png", full_page=True)
    phone.goto(base + "/admin/intake/")
    expect(phone).to_have_url(re.compile(r"/admin/two-factor/set-up/"))

    # 2. An authenticator app: the QR code and the key, confirmed with the code the app shows.
    phone.get_by_role("link", name="Use an authenticator app").click()
    expect(phone.locator(".two-factor__qr svg")).to_be_visible()
    shown_key = phone.get_by_label("Set-up key").inner_text()
    assert_no_accessibility_violations(phone)
    phone.screenshot(path=SCREENSHOTS / "two-factor-app-375.png", full_page=True)
    phone.get_by_label("Code from the app").fill("000000")
    phone.get_by_role("button", name="Confirm").click()
    expect(phone.get_by_text("That code did not work")).to_be_visible()
    expect(phone.get_by_label("Set-up key")).to_have_text(shown_key)  # the same key, to try again
    # django-otp makes the next try wait after a wrong one (tests/home/test_two_factor.py checks the page
    # says so); here the wait is over, as if the visitor had taken a second to read the message.
    TOTPDevice.objects.filter(user__username="intake").update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    phone.get_by_label("Code from the app").fill(app_code(shown_key))
    phone.get_by_role("button", name="Confirm").click()

    # 3. The recovery codes, shown once; then the page first asked for.
    expect(phone.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = phone.locator(".two-factor__codes code").all_inner_texts()
    assert len(codes) == 10
    phone.screenshot(path=SCREENSHOTS / "two-factor-recovery-codes-375.png", full_page=True)
    phone.get_by_role("link", name=re.compile("I have saved my codes")).click()
    expect(phone).to_have_url(f"{base}/admin/intake/")

    # 4. The next sign-in, at a desk: the code step before the dashboard.
    sign_in_with_password(desktop, base, "intake")
    expect(desktop).to_have_url(re.compile(r"/admin/two-factor/\?next=/admin/"))
    desktop.goto(base + "/admin/api/main/pages/")
    expect(desktop).to_have_url(re.compile(r"/admin/two-factor/\?next=/admin/api/main/pages/"))
    assert_no_accessibility_violations(desktop)
    desktop.screenshot(path=SCREENSHOTS / "two-factor-verify-1280.png", full_page=True)
    # The code already used is refused (an app's code works once); the app's next one works.
    desktop.get_by_role("textbox", name="Code").fill(app_code(shown_key, steps_ahead=1))
    desktop.get_by_role("button", name="Verify").click()
    expect(desktop).to_have_url(f"{base}/admin/api/main/pages/")

    # 5. A recovery code, once, on the phone (a new session: its cookies are gone).
    phone.context.clear_cookies()
    sign_in_with_password(phone, base, "intake")
    phone.get_by_role("textbox", name="Code").fill(codes[0])
    phone.get_by_role("button", name="Verify").click()
    expect(phone).to_have_url(f"{base}/admin/")
    expect(phone.get_by_text("You used a recovery code; 9 left")).to_be_visible()


def test_a_passkey_is_added_at_first_sign_in_and_used_at_the_next(live_server, desktop):
    base = live_server.url
    assert base.startswith("http://localhost:"), "passkeys need a host name, not an IP address"
    cdp = desktop.context.new_cdp_session(desktop)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )

    sign_in_with_password(desktop, base, "editor")
    expect(desktop).to_have_url(re.compile(r"/admin/two-factor/set-up/"))
    desktop.get_by_role("button", name="Add a passkey or security key").click()
    expect(desktop).to_have_url(re.compile(r"/admin/two-factor/recovery-codes/"))
    desktop.get_by_role("button", name="Make my recovery codes").click()
    expect(desktop.locator(".two-factor__codes code")).to_have_count(10)
    desktop.get_by_role("link", name=re.compile("I have saved my codes")).click()
    expect(desktop).to_have_url(f"{base}/admin/")

    # Signed out and in again: the passkey is the second factor.
    desktop.context.clear_cookies()
    sign_in_with_password(desktop, base, "editor", next_path="/admin/pages/")
    expect(desktop).to_have_url(re.compile(r"/admin/two-factor/\?next=/admin/pages/"))
    desktop.get_by_role("button", name="Use a passkey or security key").click()
    expect(desktop).to_have_url(f"{base}/admin/pages/")
