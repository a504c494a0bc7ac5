"""A real Chromium (Debian's package) driven by Playwright, against Django's live test server.

Under CI=true a missing browser fails the run instead of skipping these tests.
"""

import contextlib
import io
import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every e2e module sets `pytestmark = E2E`: the live server needs committed data.
E2E = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
WCAG_22_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Playwright's sync API runs an event loop in this thread; the tests still talk to
# the database synchronously, which Django otherwise refuses.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def migrated_rows(django_db_setup, django_db_blocker):
    """The rows the migrations wrote (root page, root collection, locale, site).

    Each transactional test ends by emptying every table, and serialized rollback
    restores these rows from a copy Django keeps on the connection object. Django
    keeps connections per context, and once Playwright runs its event loop in this
    thread the tests get a fresh connection object without that copy; `browser`
    hands it over.
    """
    with django_db_blocker.unblock():
        # Django's own copy, taken when it made the test database, if it has one: a transactional test that ran
        # before the first browser test (tests/core/test_varnish.py) has emptied every table by now.
        return getattr(connection, "_test_serialized_contents", None) or connection.creation.serialize_db_to_string()


@pytest.fixture(scope="session")
def browser(migrated_rows):
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        connection._test_serialized_contents = migrated_rows
        yield browser
        browser.close()


@pytest.fixture
def demo_site(browser, transactional_db):
    call_command("load_demo_site", stdout=io.StringIO())
    call_command("ensure_demo_users", stdout=io.StringIO())


# The requests each open context has sent and not yet seen answered.
_IN_FLIGHT = {}


def open_context(browser, **options):
    """A browser context whose requests are counted until answered, so `close_context` can wait for them."""
    context = browser.new_context(**options)
    in_flight = _IN_FLIGHT[context] = set()
    context.on("request", lambda request: in_flight.add(request))
    context.on("requestfinished", lambda request: in_flight.discard(request))
    context.on("requestfailed", lambda request: in_flight.discard(request))
    return context


def close_context(context, seconds=5):
    """Close a context once what its pages asked for is answered, and without what they send as they close.

    A closing page sends what it sends on `pagehide`: Wagtail's page editor releases its editing session by
    `navigator.sendBeacon`, a request Playwright neither reports nor routes. The live server answered it while
    the test's database was being emptied, which then failed (and the next test found no demo site).
    """
    in_flight = _IN_FLIGHT.pop(context, set())
    for page in context.pages:
        with contextlib.suppress(Exception):  # a page that went away has nothing left to send
            page.evaluate("() => { navigator.sendBeacon = () => true; }")
    deadline = time.monotonic() + seconds
    while in_flight and context.pages and time.monotonic() < deadline:
        context.pages[0].wait_for_timeout(20)
    context.close()


def open_page(browser, width, java_script_enabled=True):
    context = open_context(browser, viewport={"width": width, "height": 900}, java_script_enabled=java_script_enabled)
    return context.new_page()


@pytest.fixture
def phone(browser):
    page = open_page(browser, 375)
    yield page
    close_context(page.context)


@pytest.fixture
def desktop(browser):
    page = open_page(browser, 1280)
    yield page
    close_context(page.context)


@pytest.fixture
def phone_without_javascript(browser):
    page = open_page(browser, 375, java_script_enabled=False)
    yield page
    close_context(page.context)


def assert_no_accessibility_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA_TAGS}})
    assert results.violations_count == 0, results.generate_report()
