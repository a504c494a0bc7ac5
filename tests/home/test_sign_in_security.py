"""Staff sign-in: the lockout after repeated failures (django-axes) and how long a staff session lasts.

docs/patient-data.md, "Staff sign-in: lockout and sessions". Every sign-in here goes
through the Wagtail admin's own sign-in page, as a person's would.
"""

import time
from datetime import datetime, timedelta

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from forms import spam
from home import staff_sessions

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"
WRONG = "wrong-password-123"
ADDRESS = "203.0.113.10"
BROWSER = "Mozilla/5.0 (test) Firefox/140.0"


@pytest.fixture
def admin_user():
    return get_user_model().objects.create_superuser("admin", "admin@clinic.example", PASSWORD)


def sign_in(client, password, username="admin", address=ADDRESS, **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=BROWSER,
        **extra,
    )


def fail_five_times(client, username="admin", address=ADDRESS, **extra):
    for attempt in range(5):
        response = sign_in(client, WRONG, username=username, address=address, **extra)
        # The first four are the ordinary "wrong password" page; the fifth locks.
        assert response.status_code == (429 if attempt == 4 else 200)


def page_text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


# --- The lockout ---------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_username_and_the_right_one_is_refused_with_the_retry_time(client, admin_user):
    fail_five_times(client)
    before = timezone.now()
    response = sign_in(client, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The wait is an hour from this try (every try while locked starts it again).
    assert 3590 <= int(response["Retry-After"]) <= 3600
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    retry_at = datetime.fromisoformat(soup.find("time")["datetime"])
    assert timedelta(minutes=59) < retry_at - before <= timedelta(hours=1, seconds=5)
    text = page_text(response)
    assert "Too many sign-in attempts" in text
    assert f"Please try again after {soup.find('time').get_text()}" in text
    assert "in about 60 minutes" in text
    # The Wagtail admin's sign-in layout, without its form.
    assert soup.body["class"] == ["login"]
    assert soup.find("form", class_="login-form") is None
    assert soup.find("a", href=LOGIN).get_text(strip=True) == "Back to sign in"


def test_the_lockout_page_does_not_tell_whether_the_username_exists(client, admin_user):
    fail_five_times(client, username="admin")
    fail_five_times(client, username="nobody-by-this-name")
    known = sign_in(client, PASSWORD, username="admin")
    unknown = sign_in(client, PASSWORD, username="nobody-by-this-name")

    assert known.status_code == unknown.status_code == 429
    for response in (known, unknown):
        text = page_text(response)
        assert "admin" not in text.lower().replace("administrator", "")
        assert "nobody-by-this-name" not in text
    # The same words, but for the time (the two answers may fall either side of a minute).
    without_time = [
        page_text(response).split("Please try again after")[0] + page_text(response).split(" in about ")[1]
        for response in (known, unknown)
    ]
    assert without_time[0] == without_time[1]


def test_four_failures_do_not_lock(client, admin_user):
    for _ in range(4):
        assert sign_in(client, WRONG).status_code == 200
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_another_address_is_not_locked(client, admin_user):
    fail_five_times(client)
    response = sign_in(Client(), PASSWORD, address="198.51.100.20")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_lock_is_kept_in_the_database_for_every_process(client, admin_user):
    fail_five_times(client)
    attempt = AccessAttempt.objects.get(username="admin", ip_address=ADDRESS)
    assert attempt.failures_since_start == 5
    # A second client (another browser, another worker process: the same database).
    assert sign_in(Client(), PASSWORD).status_code == 429


def test_the_lock_ends_after_the_cool_off(client, admin_user):
    fail_five_times(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1, minutes=1))
    assert sign_in(client, PASSWORD).status_code == 302


def test_every_success_and_failure_is_logged_with_address_and_user_agent_and_never_the_password(client, admin_user):
    sign_in(client, WRONG)
    sign_in(client, WRONG)
    assert sign_in(Client(), PASSWORD).status_code == 302

    failures = list(AccessFailureLog.objects.all())
    assert len(failures) == 2
    assert {(f.username, f.ip_address, f.user_agent, f.locked_out) for f in failures} == {
        ("admin", ADDRESS, BROWSER, False)
    }
    [success] = AccessLog.objects.all()
    assert (success.username, success.ip_address, success.user_agent) == ("admin", ADDRESS, BROWSER)

    for _ in range(3):  # five failures in all: the pair locks
        sign_in(client, WRONG)
    assert sign_in(client, PASSWORD).status_code == 429  # refused, and logged as a failure too
    assert AccessFailureLog.objects.count() == 6
    assert AccessFailureLog.objects.filter(locked_out=True).count() == 2

    stored = [
        str(value)
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
        for row in model.objects.values()
        for value in row.values()
    ]
    assert not [value for value in stored if PASSWORD in value or WRONG in value]


def test_the_unlock_commands_unlock(client, admin_user):
    fail_five_times(client)
    call_command("axes_reset_username", "admin")
    assert sign_in(client, PASSWORD).status_code == 302

    fail_five_times(Client())
    call_command("axes_reset_ip_username", ADDRESS, "admin")
    assert sign_in(Client(), PASSWORD).status_code == 302

    fail_five_times(Client())
    call_command("axes_reset")
    assert sign_in(Client(), PASSWORD).status_code == 302


# --- One client address for the form rate limit and the lockout -------------------------


@pytest.mark.parametrize(
    ("header", "proxy_count", "meta", "expected"),
    [
        ("", 0, {"HTTP_X_REAL_IP": "203.0.113.5"}, "10.0.0.1"),
        ("X-Real-IP", 0, {"HTTP_X_REAL_IP": "203.0.113.5"}, "203.0.113.5"),
        # One proxy appends what it saw after whatever the visitor sent.
        ("X-Forwarded-For", 0, {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.8"}, "203.0.113.8"),
        # A CDN in front of that proxy: its own hop comes last.
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.8, 198.51.100.1"}, "203.0.113.8"),
        # A header that is missing or not an address: the connection's address.
        ("X-Real-IP", 0, {}, "10.0.0.1"),
        ("X-Real-IP", 0, {"HTTP_X_REAL_IP": "not-an-address"}, "10.0.0.1"),
    ],
)
def test_the_form_rate_limit_and_the_lockout_see_the_same_address(settings, header, proxy_count, meta, expected):
    settings.FORMS_CLIENT_IP_HEADER = header
    settings.FORMS_CLIENT_IP_PROXY_COUNT = proxy_count
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="10.0.0.1", **meta)
    assert spam.client_address(request) == get_client_ip_address(request) == expected


def test_behind_a_proxy_the_lock_follows_the_visitor_address_in_the_header(client, admin_user, settings):
    settings.FORMS_CLIENT_IP_HEADER = "X-Forwarded-For"
    # Every request reaches the site from the proxy's address; the visitor's is in the header.
    fail_five_times(client, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.66"
    assert sign_in(client, PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66").status_code == 429
    other_visitor = sign_in(Client(), PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other_visitor.status_code == 302


# --- Staff sessions ----------------------------------------------------------------------


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200  # the session's clock starts
    return client


def move_clock(client, **seconds_ago):
    """Set the session's stored times as if it had started / last been used that long ago."""
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_signing_in_starts_the_session_clock(client, admin_user):
    before = int(time.time())
    assert sign_in(client, PASSWORD).status_code == 302
    session = client.session
    assert before <= session[staff_sessions.STARTED] == session[staff_sessions.LAST_SEEN] <= time.time()


def test_a_session_idle_for_longer_than_the_limit_is_signed_out(staff_client, settings):
    assert settings.SESSION_IDLE_TIMEOUT_MINUTES == 30
    old_key = staff_client.session.session_key
    move_clock(staff_client, staff_session_last_seen=31 * 60)

    response = staff_client.get("/admin/", follow=True)
    assert response.redirect_chain[0][0].startswith(f"{LOGIN}?next=")
    assert "signed out after 30 minutes without activity" in page_text(response)
    assert not SessionStore().exists(old_key)


def test_activity_within_the_idle_limit_keeps_the_session(staff_client):
    move_clock(staff_client, staff_session_last_seen=29 * 60)
    assert staff_client.get("/admin/").status_code == 200
    assert time.time() - staff_client.session[staff_sessions.LAST_SEEN] < 5


def test_a_session_ends_after_the_longest_lifetime_however_active(staff_client, settings):
    assert settings.SESSION_MAX_HOURS == 8
    move_clock(staff_client, staff_session_started=7 * 60 * 60 + 59 * 60, staff_session_last_seen=60)
    assert staff_client.get("/admin/").status_code == 200
    move_clock(staff_client, staff_session_started=8 * 60 * 60 + 60, staff_session_last_seen=60)
    response = staff_client.get("/admin/", follow=True)
    assert response.redirect_chain[0][0].startswith(f"{LOGIN}?next=")
    assert "because you signed in 8 hours ago" in page_text(response)


def test_the_limits_come_from_the_settings(staff_client, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 5
    move_clock(staff_client, staff_session_last_seen=6 * 60)
    assert staff_client.get("/admin/").status_code == 302


def test_the_editors_background_ping_is_not_activity(staff_client):
    move_clock(staff_client, staff_session_last_seen=10 * 60)
    seen = staff_client.session[staff_sessions.LAST_SEEN]
    ping = reverse("wagtailadmin_editing_sessions:ping", args=("wagtailcore", "page", "1", 1))
    staff_client.post(ping)
    assert staff_client.session[staff_sessions.LAST_SEEN] == seen


def test_signing_out_ends_the_server_session(staff_client):
    old_key = staff_client.session.session_key
    assert staff_client.post(reverse("wagtailadmin_logout")).status_code == 302
    assert not SessionStore().exists(old_key)

    # The old cookie, sent again (say, copied before sign-out), opens nothing.
    replay = Client()
    replay.cookies["sessionid"] = old_key
    response = replay.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_public_pages_set_no_cookie_and_vary_on_nothing_new(client, home_page, settings):
    response = client.get(home_page.url)
    assert response.status_code == 200
    assert not response.cookies
    without = settings.MIDDLEWARE.copy()
    without.remove("home.staff_sessions.StaffSessionMiddleware")
    settings.MIDDLEWARE = without
    assert client.get(home_page.url).get("Vary") == response.get("Vary")


def test_signed_out_on_a_public_page_the_page_gains_no_cookie_but_the_session_ends(staff_client, home_page):
    old_key = staff_client.session.session_key
    move_clock(staff_client, staff_session_last_seen=31 * 60)
    response = staff_client.get(home_page.url)
    assert response.status_code == 200
    assert "messages" not in response.cookies
    assert not SessionStore().exists(old_key)
