"""Two-step verification for staff (home/two_factor/, docs/patient-data.md).

Each sign-in goes through the admin's own sign-in page; codes are computed here from
the device's key, as an authenticator app would.
"""

import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.models import ModelLogEntry

from home.two_factor import factors

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_required")]

PASSWORD = "correct horse battery staple"
ADMIN = "/admin/"
VERIFY = "/admin/two-factor/"
SETUP = "/admin/two-factor/set-up/"


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED = True


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user("editor", "editor@clinic.example", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("admin", "admin@clinic.example", PASSWORD)


def sign_in(client, username, next_url=ADMIN):
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302, response.content[:500]
    return response


def code_for(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def app_for(user):
    return TOTPDevice.objects.create(user=user, name=factors.AUTHENTICATOR_APP, confirmed=True)


def text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def admin_paths():
    """Every admin URL pattern, with a 1 for each argument: none may open before the second factor."""
    paths = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if route.startswith("admin/"):
                    paths.append((pattern.name, route))

    walk(get_resolver().url_patterns, "")
    return paths


def concrete(route):
    """A path for a route: each converter becomes 1 (or a word for a slug or path)."""
    import re

    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    route = re.sub(r"<(?:int:)?\w+>", "1", route)
    route = re.sub(r"<(?:slug|str|path|uuid):\w+>", "x", route)
    return "/" + route.replace("\\", "")


# --- Before the second factor, nothing in the admin opens --------------------------------------


def test_every_admin_url_sends_a_password_only_session_to_the_factor_step(client, superuser):
    app_for(superuser)
    sign_in(client, "admin")
    open_before = {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "two_factor_verify",
        "two_factor_setup",
        "two_factor_setup_app",
    }
    checked = 0
    for name, route in admin_paths():
        if name in open_before or "passkeys/" in route:
            continue
        path = concrete(route)
        try:
            if resolve(path).url_name != name:
                continue  # an earlier pattern takes this path; it is checked under its own name
        except Resolver404:
            continue
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302, (name, path, response.status_code)
            assert response["Location"].startswith(VERIFY), (name, path, response["Location"])
        checked += 1
    # The API, previews, the intake inbox and the users' admin are among them.
    assert checked > 200
    for path in ("/admin/api/main/pages/", "/admin/pages/1/edit/preview/", "/admin/intake/", "/admin/users/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY), path


def test_the_step_keeps_the_page_asked_for(client, superuser):
    device = app_for(superuser)
    response = sign_in(client, "admin", next_url="/admin/intake/")
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=/admin/intake/"
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/intake/"})
    assert response.status_code == 302 and response["Location"] == "/admin/intake/"
    assert client.get("/admin/intake/").status_code == 200


def test_a_password_alone_opens_no_private_document_or_page_on_the_public_site(client, superuser, home_page):
    app_for(superuser)
    sign_in(client, "admin")
    response = client.get("/")
    # Served as to a visitor: no Wagtail user bar for a session without its second factor.
    assert b"wagtail-userbar" not in response.content


def test_the_next_url_must_be_this_site(client, superuser):
    device = app_for(superuser)
    sign_in(client, "admin")
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == ADMIN


# --- The factor step ---------------------------------------------------------------------------------


def test_a_wrong_code_is_refused_and_recorded_without_the_code(client, superuser):
    app_for(superuser)
    sign_in(client, "admin")
    response = client.post(VERIFY, {"code": "000000"})
    assert response.status_code == 400
    assert "That code did not work" in text(response)
    assert client.get(ADMIN)["Location"].startswith(VERIFY)
    entry = ModelLogEntry.objects.get(action=factors.FAILED)
    assert entry.object_id == str(superuser.pk)
    assert "000000" not in str(entry.data)


@pytest.fixture
def slow_throttle(settings):
    """A wrong code makes the next wait a minute, not django-otp's default second, so a slow test machine
    cannot let the wait pass between two requests."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    settings.OTP_STATIC_THROTTLE_FACTOR = 60


@pytest.mark.usefixtures("slow_throttle")
def test_wrong_codes_make_the_next_try_wait(client, superuser):
    device = app_for(superuser)
    sign_in(client, "admin")
    codes = factors.new_recovery_codes(superuser, by=superuser)
    client.post(VERIFY, {"code": "000001"})
    response = client.post(VERIFY, {"code": code_for(device)})
    assert response.status_code == 429
    assert "Wait 60 seconds" in text(response)
    assert client.get(ADMIN).status_code == 302
    # A recovery code is counted apart: a wrong app code does not hold it up, nor it the app.
    assert client.post(VERIFY, {"code": codes[0]})["Location"] == ADMIN


def test_an_app_code_is_used_once(client, superuser):
    device = app_for(superuser)
    code = code_for(device)
    sign_in(client, "admin")
    assert client.post(VERIFY, {"code": code})["Location"] == ADMIN
    other = Client()
    sign_in(other, "admin")
    assert other.post(VERIFY, {"code": code}).status_code == 400


def test_a_recovery_code_signs_in_once_and_says_how_many_are_left(client, superuser):
    app_for(superuser)
    codes = factors.new_recovery_codes(superuser, by=superuser)
    assert len(codes) == 10 and len(set(codes)) == 10
    sign_in(client, "admin")
    response = client.post(VERIFY, {"code": codes[0].upper()}, follow=True)
    assert response.status_code == 200
    assert "9 left" in text(response)
    other = Client()
    sign_in(other, "admin")
    assert other.post(VERIFY, {"code": codes[0]}).status_code == 400
    assert StaticToken.objects.filter(device__user=superuser).count() == 9


def test_empty_and_oversized_codes_are_refused_plainly(client, superuser):
    app_for(superuser)
    sign_in(client, "admin")
    assert client.post(VERIFY, {"code": ""}).status_code == 400
    assert client.post(VERIFY, {"code": "9" * 5000}).status_code == 400
    assert client.post(VERIFY, {"code": "１２３４５６"}).status_code == 400


# --- Set-up, forced at first sign-in -----------------------------------------------------------------


@pytest.mark.usefixtures("slow_throttle")
def test_first_sign_in_sets_up_an_app_then_shows_recovery_codes_once(client, editor):
    response = sign_in(client, "editor")
    response = client.get(response["Location"])
    assert response["Location"] == f"{SETUP}?next=/admin/"
    assert "a password alone does not open it" in text(client.get(SETUP))

    page = client.get("/admin/two-factor/set-up/app/")
    assert page.status_code == 200
    assert b"<svg" in page.content  # the QR code, drawn here: no third party sees the secret
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert "Add an authenticator app" in text(page)
    shown_key = BeautifulSoup(page.content, "html.parser").select_one(".two-factor__secret").get_text()
    from base64 import b32decode

    key = shown_key.replace(" ", "")
    assert b32decode(key + "=" * (-len(key) % 8)) == device.bin_key

    wrong = client.post("/admin/two-factor/set-up/app/", {"code": "123456"})
    assert wrong.status_code == 400 and "That code did not work" in text(wrong)
    too_soon = client.post("/admin/two-factor/set-up/app/", {"code": code_for(device)})
    assert too_soon.status_code == 429 and "Wait 60 seconds" in text(too_soon)
    device.refresh_from_db()
    device.throttle_reset()  # as if the minute had passed
    response = client.post("/admin/two-factor/set-up/app/", {"code": code_for(device), "next": "/admin/"})
    assert response.status_code == 200
    codes = [
        code.get_text() for code in BeautifulSoup(response.content, "html.parser").select(".two-factor__codes code")
    ]
    assert len(codes) == 10
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert client.get(ADMIN).status_code == 200
    # Recorded, without a code or the key.
    entries = ModelLogEntry.objects.filter(object_id=str(editor.pk)).values_list("action", flat=True)
    assert set(entries) >= {factors.ADDED, factors.RECOVERY_CODES}
    assert not any(code in str(entry.data) for entry in ModelLogEntry.objects.all() for code in codes)
    # The codes page is never shown again: a GET of the recovery codes page offers a new set instead.
    assert not any(code in client.get("/admin/two-factor/recovery-codes/").content.decode() for code in codes)


def test_someone_with_a_factor_cannot_add_another_before_giving_it(client, superuser):
    app_for(superuser)
    sign_in(client, "admin")
    response = client.get("/admin/two-factor/set-up/app/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=superuser, confirmed=False).exists()
    response = client.post(
        reverse("otp_webauthn:credential-registration-begin"), data="{}", content_type="application/json"
    )
    assert response.status_code in (401, 403)


def test_a_passkey_is_only_a_second_factor(client, superuser):
    """Passwordless sign-in with a passkey is off: it would go round the password and its lockout."""
    response = client.post(
        reverse("otp_webauthn:credential-authentication-begin"), data="{}", content_type="application/json"
    )
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "otp_webauthn_authentication_state" not in client.session


def test_passkey_registration_options_name_the_host_and_the_clinic(client, editor):
    sign_in(client, "editor")
    response = client.post(
        reverse("otp_webauthn:credential-registration-begin"),
        data="{}",
        content_type="application/json",
        HTTP_HOST="localhost:8000",
    )
    assert response.status_code == 200, response.content
    options = response.json()
    assert options["rp"]["id"] == "localhost"
    assert options["user"]["name"] == "editor"


def test_without_mfa_required_a_user_with_no_factor_is_not_asked(client, editor, settings):
    settings.MFA_REQUIRED = False
    sign_in(client, "editor")
    assert client.get(ADMIN).status_code == 200


def test_without_mfa_required_a_user_who_set_one_up_is_still_asked(client, editor, settings):
    settings.MFA_REQUIRED = False
    app_for(editor)
    sign_in(client, "editor")
    assert client.get(ADMIN)["Location"].startswith(VERIFY)


# --- The account's factors and a superuser's reset ---------------------------------------------------


def verified(client, user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or app_for(user)
    sign_in(client, user.get_username())
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    return device


def test_the_account_lists_and_removes_factors(client, editor):
    device = verified(client, editor)
    account = client.get("/admin/account/")
    assert "Two-step verification" in text(account)
    page = client.get("/admin/two-factor/account/")
    assert page.status_code == 200 and "Authenticator app" in text(page)
    response = client.post(f"/admin/two-factor/account/remove/app/{device.pk}/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert ModelLogEntry.objects.filter(action=factors.REMOVED, object_id=str(editor.pk)).exists()
    # Someone else's factor is not theirs to remove.
    other = app_for(get_user_model().objects.create_user("other", "o@clinic.example", PASSWORD))
    client.post(f"/admin/two-factor/account/remove/app/{other.pk}/")
    assert TOTPDevice.objects.filter(pk=other.pk).exists()
    assert client.post("/admin/two-factor/account/remove/sms/1/").status_code == 302


def test_a_superuser_resets_someone_elses_factors_and_it_is_recorded(client, superuser, editor):
    app_for(editor)
    factors.new_recovery_codes(editor, by=editor)
    verified(client, superuser)
    listing = client.get("/admin/users/")
    assert f"/admin/two-factor/reset/{editor.pk}/" in listing.content.decode()
    confirm = client.get(f"/admin/two-factor/reset/{editor.pk}/")
    assert confirm.status_code == 200 and "1 authenticator app" in text(confirm)
    response = client.post(f"/admin/two-factor/reset/{editor.pk}/")
    assert response.status_code == 302
    assert not factors.enrolled(editor)
    entry = ModelLogEntry.objects.get(action=factors.RESET)
    assert entry.object_id == str(editor.pk) and entry.user_id == superuser.pk
    # Their next sign-in sets up a new factor.
    again = Client()
    sign_in(again, "editor")
    assert again.get(ADMIN)["Location"].startswith(SETUP)


def test_only_a_superuser_may_reset(client, editor, superuser):
    app_for(superuser)
    verified(client, editor)
    # Wagtail's admin answers a refusal by sending them to the dashboard, with a message.
    assert client.get(f"/admin/two-factor/reset/{superuser.pk}/")["Location"] == ADMIN
    assert client.post(f"/admin/two-factor/reset/{superuser.pk}/")["Location"] == ADMIN
    assert factors.enrolled(superuser)
    assert not ModelLogEntry.objects.filter(action=factors.RESET).exists()
    assert f"/admin/two-factor/reset/{superuser.pk}/" not in client.get("/admin/users/").content.decode()


def test_a_password_reset_by_email_does_not_remove_the_second_factor(client, editor):
    """A lost factor is never recovered by email alone: after a new password, the factor is still asked."""
    app_for(editor)
    editor.set_password("a brand new password 2026")
    editor.save()
    client.post("/admin/login/", {"username": "editor", "password": "a brand new password 2026", "next": ADMIN})
    assert client.get(ADMIN)["Location"].startswith(VERIFY)


@override_settings(MFA_REQUIRED=True)
def test_passkey_credentials_count_as_a_factor(editor):
    WebAuthnCredential.objects.create(
        user=editor, name="Laptop", confirmed=True, credential_id=b"x" * 16, public_key=b"y", sign_count=0
    )
    assert factors.enrolled(editor)
    assert factors.has_passkey(editor)
