"""A visitor asks for a call-back from an article that embeds the form; staff find the request in the admin.

Every demo article and treatment page ends with the call-back form, through the
embedded-form block.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from forms.models import FormSubmission
from tests.e2e.conftest import E2E, assert_no_accessibility_violations

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PAGE_WITH_EMBEDDED_FORM = "/blog/ketamine-for-ptsd/"
THANK_YOU_TEXT = "We have your request and will call you back"


@pytest.fixture(autouse=True)
def quick_hands(settings):
    # Playwright types far faster than a person; the minimum time between showing and
    # sending a form is tested in tests/forms/test_spam.py. The rate limit starts unused.
    settings.FORMS_MIN_SECONDS = 0
    cache.clear()


def embedded_form(page):
    return page.locator("section.embedded-form form")


def test_visitor_requests_a_call_back_from_a_page_and_staff_find_it(live_server, phone, desktop):
    demo_requests = FormSubmission.objects.count()  # the demo inbox's fictional requests
    # A visitor on a phone reads an article and fills in the call-back form at its end...
    phone.goto(live_server.url + PAGE_WITH_EMBEDDED_FORM)
    form = embedded_form(phone)
    expect(form).to_be_visible()
    form.get_by_label("Your name").fill("Alex Rivera")
    form.get_by_label("Best time to call").select_option("Weekday mornings (8am–12pm)")
    form.get_by_role("group", name="May we leave a voicemail?").get_by_label("No").check()
    form.get_by_role("group", name="May we text you?").get_by_label("Yes").check()
    form.get_by_label("I agree to be contacted").check()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.screenshot(path=SCREENSHOTS / "call-back-embedded-phone.png", full_page=True)
    # ...but forgets the phone number.
    form.get_by_role("button", name="Request a call-back").click()

    # The form page shows the error, focused at the top and next to the field, with the rest kept.
    expect(phone).to_have_url(re.compile(r"/request-a-call-back/$"))
    summary = phone.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Fill in “Phone number”.")
    phone_field = phone.get_by_label("Phone number")
    expect(phone_field).to_have_attribute("aria-invalid", "true")
    expect(phone_field).to_have_accessible_description(re.compile("Error: Fill in “Phone number”."))
    expect(phone.get_by_label("Your name")).to_have_value("Alex Rivera")
    expect(phone.get_by_label("Best time to call")).to_have_value("Weekday mornings (8am–12pm)")
    expect(phone.get_by_role("group", name="May we leave a voicemail?").get_by_label("No")).to_be_checked()
    expect(phone.get_by_role("group", name="May we text you?").get_by_label("Yes")).to_be_checked()
    expect(phone.get_by_label("I agree to be contacted")).to_be_checked()
    assert FormSubmission.objects.count() == demo_requests
    phone.screenshot(path=SCREENSHOTS / "call-back-errors-phone.png", full_page=True)
    assert_no_accessibility_violations(phone)

    # The link in the summary takes the visitor to the field.
    summary.get_by_role("link", name="Fill in “Phone number”.").click()
    expect(phone_field).to_be_focused()
    phone_field.fill("(555) 010-7788")
    phone.get_by_role("button", name="Request a call-back").click()

    expect(phone).to_have_url(re.compile(r"/request-a-call-back/thank-you/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you, your request was sent")
    expect(phone.locator("main")).to_contain_text(THANK_YOU_TEXT)
    phone.screenshot(path=SCREENSHOTS / "call-back-sent-phone.png", full_page=True)
    assert_no_accessibility_violations(phone)
    phone.reload()  # reloading the thank-you page sends nothing again
    assert FormSubmission.objects.count() == demo_requests + 1

    # A member of staff logs in, opens Forms, and finds the request with its values.
    desktop.goto(f"{live_server.url}/admin/")
    desktop.get_by_label("Username").fill("admin")
    desktop.get_by_label("Password").fill("changeme")
    desktop.get_by_role("button", name="Sign in").click()
    desktop.get_by_role("navigation", name="Main menu").get_by_role("link", name="Forms").click()
    expect(desktop).to_have_url(f"{live_server.url}/admin/forms/")
    desktop.get_by_role("link", name="Request a call-back").click()
    row = desktop.locator("table.listing tbody tr").first
    for value in ("Alex Rivera", "(555) 010-7788", "Weekday mornings (8am–12pm)", "No", "Yes", "True"):
        expect(row).to_contain_text(value)

    # ...and exports it.
    with desktop.expect_download() as download_info:
        desktop.get_by_role("navigation", name="Actions").get_by_role("button", name="Actions").click()
        desktop.get_by_role("link", name="Download CSV").click()
    exported = list(csv.reader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8"))))
    assert exported[-1][1:3] == ["Alex Rivera", "(555) 010-7788"]  # oldest first: the new one is last


def test_appointment_form_with_errors_is_accessible_on_a_phone(live_server, phone):
    phone.goto(live_server.url)
    phone.get_by_role("link", name="Request an appointment").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Request an appointment")
    expect(phone.locator(".form-notice")).to_contain_text("not watched around the clock")
    expect(phone.locator(".form-notice")).to_contain_text("988")
    expect(phone.locator(".form-required-note")).to_have_text("* indicates required fields")
    expect(phone.get_by_label("Phone number")).to_have_attribute("type", "tel")
    expect(phone.get_by_label("Phone number")).to_have_attribute("autocomplete", "tel")
    assert_no_accessibility_violations(phone)
    phone.screenshot(path=SCREENSHOTS / "appointment-phone.png", full_page=True)

    phone.get_by_label("Email address").fill("not-an-email")
    phone.get_by_role("button", name="Request an appointment").click()
    expect(phone.locator("[data-error-summary]")).to_be_focused()
    expect(phone.get_by_label("Email address")).to_have_value("not-an-email")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.screenshot(path=SCREENSHOTS / "appointment-errors-phone.png", full_page=True)
    assert_no_accessibility_violations(phone)


def test_the_form_works_without_javascript(live_server, phone_without_javascript):
    page = phone_without_javascript
    page.goto(live_server.url + PAGE_WITH_EMBEDDED_FORM)
    form = embedded_form(page)
    form.get_by_label("Your name").fill("Sam Lee")
    form.get_by_role("button", name="Request a call-back").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    page.get_by_label("Phone number").fill("555 010 9900")
    page.get_by_label("Best time to call").select_option("Any time during opening hours")
    page.get_by_role("group", name="May we leave a voicemail?").get_by_label("Yes").check()
    page.get_by_role("group", name="May we text you?").get_by_label("No").check()
    page.get_by_label("I agree to be contacted").check()
    page.get_by_role("button", name="Request a call-back").click()
    expect(page.locator("main")).to_contain_text(THANK_YOU_TEXT)
    assert FormSubmission.objects.latest("submit_time").form_data["your_name"] == "Sam Lee"
