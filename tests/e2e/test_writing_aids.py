"""In Chromium: writing aids in the page editor, and trauma-aware reading (issue 15, items 4 and 5).

The editor sees the reading grade and the safe-messaging flags on a page that says
"committed suicide", and they clear as soon as the text is fixed; the "Leave this page
quickly" button works by keyboard (Tab, Enter; Esc twice), replaces the page in the
history, and the pages that carry it pass axe. Screenshots go to /tmp/writing-aids-shots/.
"""

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.models import TraumaAwareReading
from tests.e2e.conftest import E2E, assert_no_accessibility_violations
from treatments.models import ConditionPage

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]

SHOTS = Path(tempfile.gettempdir()) / "writing-aids-shots"
SAFETY_PLAN = "/blog/making-a-safety-plan/"
SUICIDAL_THOUGHTS = "/conditions/depression-with-suicidal-thoughts/"
FLAGGED = "When her brother committed suicide, she felt alone. Talking to us helped."
FIXED = "When her brother died by suicide, she felt alone. Talking to us helped."


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("changeme")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()


def neutral_site(page):
    """The neutral site the button leaves for, answered here: the tests reach no other site."""
    page.context.route(
        f"{TraumaAwareReading.QUICK_EXIT_URL}**",
        lambda route: route.fulfill(content_type="text/html", body="<title>Neutral</title><p>Neutral</p>"),
    )


def test_the_editor_sees_the_grade_and_flags_and_they_clear_when_the_text_is_fixed(live_server, desktop):
    page = ConditionPage.objects.get(slug="depression-with-suicidal-thoughts")
    draft = page.get_latest_revision_as_object()
    draft.summary = FLAGGED
    draft.save_revision()

    sign_in(desktop, live_server.url, "editor")
    desktop.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    panel = desktop.locator("[data-writing-checks]")
    flags = panel.locator("[data-safe-messaging-flag]")
    expect(panel.locator("[data-reading-grade]")).to_contain_text("Grade")
    expect(panel.locator("[data-reading-grade]")).to_contain_text("target of 8")
    expect(flags).to_have_count(1)
    expect(flags.first).to_contain_text("“committed suicide”")
    expect(flags.first).to_contain_text("died by suicide")
    panel.scroll_into_view_if_needed()
    shot(desktop, "editor-flagged")

    # Fixed in the form, not yet saved: the panel rechecks it.
    desktop.locator("#id_summary").fill(FIXED)
    expect(flags).to_have_count(0)
    expect(panel.locator("[data-safe-messaging='clear']")).to_be_visible()
    panel.scroll_into_view_if_needed()
    shot(desktop, "editor-fixed")

    # And back again, then saved as a draft: the saved page shows the same.
    desktop.locator("#id_summary").fill(FLAGGED)
    expect(flags).to_have_count(1)
    desktop.locator("#id_summary").fill(FIXED)
    expect(flags).to_have_count(0)
    desktop.get_by_role("button", name="Save draft").click()
    expect(desktop.get_by_text("has been updated")).to_be_visible()
    expect(desktop.locator("[data-writing-checks] [data-safe-messaging='clear']")).to_have_count(1)


@pytest.mark.parametrize("path", [SUICIDAL_THOUGHTS, SAFETY_PLAN])
def test_the_content_note_and_quick_exit_pass_axe_on_both_demo_pages(live_server, phone, desktop, path):
    for window, width in ((phone, 375), (desktop, 1280)):
        window.goto(f"{live_server.url}{path}")
        expect(window.locator(".content-note")).to_contain_text("This page talks about suicide")
        expect(window.get_by_role("link", name="Leave this page quickly")).to_be_visible()
        assert_no_accessibility_violations(window)
        shot(window, f"{path.strip('/').replace('/', '-')}-{width}")


def test_the_quick_exit_button_works_by_keyboard_and_back_does_not_return(live_server, phone):
    neutral_site(phone)
    url = f"{live_server.url}{SAFETY_PLAN}"
    phone.goto(url)
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("link", name="Skip to main content")).to_be_focused()
    phone.keyboard.press("Tab")
    button = phone.get_by_role("link", name="Leave this page quickly")
    expect(button).to_be_focused()
    phone.keyboard.press("Enter")
    phone.wait_for_url(f"{TraumaAwareReading.QUICK_EXIT_URL}**")
    phone.go_back()
    assert phone.url != url  # the page was replaced in the history, not left behind it


def test_escape_pressed_twice_leaves_too(live_server, phone):
    neutral_site(phone)
    url = f"{live_server.url}{SUICIDAL_THOUGHTS}"
    phone.goto(url)
    phone.keyboard.press("Escape")
    assert phone.url == url  # once is not enough: Esc also closes things
    phone.keyboard.press("Escape")
    phone.wait_for_url(f"{TraumaAwareReading.QUICK_EXIT_URL}**")
    phone.go_back()
    assert phone.url != url


def test_without_javascript_the_button_is_a_plain_link(live_server, phone_without_javascript):
    phone_without_javascript.goto(f"{live_server.url}{SAFETY_PLAN}")
    button = phone_without_javascript.get_by_role("link", name="Leave this page quickly")
    expect(button).to_have_attribute("href", TraumaAwareReading.QUICK_EXIT_URL)
    expect(button).to_have_attribute("rel", "noreferrer")
