"""In Chromium: intake staff find a new request in the inbox; an editor sees no Forms menu and is refused its URL."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from forms.models import FormSubmission
from tests.e2e.conftest import E2E

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(autouse=True)
def quick_hands(settings):
    # Playwright types far faster than a person (the minimum time is tested in tests/forms/test_spam.py).
    settings.FORMS_MIN_SECONDS = 0
    cache.clear()


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("changeme")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()


def test_intake_staff_sign_in_and_find_a_new_request(live_server, phone, desktop):
    # A visitor asks for an appointment.
    phone.goto(live_server.url + "/request-an-appointment/")
    phone.get_by_label("Your name").fill("Riley Newrequest")
    phone.get_by_label("Phone number").fill("(555) 010-4455")
    phone.get_by_label("Best time to reach you").select_option("Weekday afternoons (12pm–4pm)")
    phone.get_by_label("Treatment of interest").select_option("Spravato (esketamine)")
    phone.get_by_label("I agree to be contacted").check()
    phone.get_by_role("button", name="Request an appointment").click()
    expect(phone).to_have_url(re.compile(r"/request-an-appointment/thank-you/$"))
    newest = FormSubmission.objects.latest("submit_time")
    assert newest.form_data["your_name"] == "Riley Newrequest"

    # Intake staff sign in, open Forms and find it at the top of the inbox, with its values.
    sign_in(desktop, live_server.url, "intake")
    desktop.get_by_role("navigation", name="Main menu").get_by_role("link", name="Forms").click()
    expect(desktop).to_have_url(f"{live_server.url}/admin/forms/")
    desktop.get_by_role("link", name="Request an appointment").click()
    row = desktop.locator("table.listing tbody tr").first
    for value in ("Riley Newrequest", "(555) 010-4455", "Weekday afternoons (12pm–4pm)", "Spravato (esketamine)"):
        expect(row).to_contain_text(value)
    # The demo's fictional requests are there too, decrypted.
    expect(desktop.locator("table.listing")).to_contain_text("Demo Patient Avery")
    desktop.screenshot(path=SCREENSHOTS / "inbox-as-intake.png", full_page=True)

    # The link in the notification email opens the one request.
    desktop.goto(f"{live_server.url}/admin/forms/submissions/{newest.page_id}/{newest.pk}/")
    expect(desktop.locator("table.listing")).to_contain_text("Riley Newrequest")


def test_an_editor_sees_no_forms_menu_and_is_refused_the_inbox(live_server, desktop):
    sign_in(desktop, live_server.url, "editor")
    menu = desktop.get_by_role("navigation", name="Main menu")
    expect(menu.get_by_role("button", name="Pages")).to_be_visible()
    expect(menu.get_by_role("link", name="Forms")).to_have_count(0)
    desktop.screenshot(path=SCREENSHOTS / "dashboard-as-editor.png", full_page=True)

    form_page_id = FormSubmission.objects.first().page_id
    for path in ("/admin/forms/", f"/admin/forms/submissions/{form_page_id}/"):
        response = desktop.goto(live_server.url + path)
        assert response.status == 403, path
        expect(
            desktop.get_by_role("heading", name="You do not have permission to read form submissions")
        ).to_be_visible()
        expect(desktop.locator("main")).not_to_contain_text("Demo Patient")
    desktop.screenshot(path=SCREENSHOTS / "inbox-refused-to-editor.png", full_page=True)
