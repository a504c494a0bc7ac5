import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import E2E, assert_no_accessibility_violations

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]


def test_visitor_reads_a_treatment_on_a_phone(live_server, phone):
    phone.goto(f"{live_server.url}/treatments/")
    assert_no_accessibility_violations(phone)
    phone.get_by_role("link", name=re.compile("^Spravato")).click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Spravato")
    expect(phone.locator(".review-line")).to_contain_text("Medically reviewed by")
    expect(phone.get_by_role("complementary", name="At a glance")).to_contain_text("Nasal spray")

    contents = phone.get_by_role("navigation", name="On this page")
    contents.get_by_role("link", name="Frequently asked questions").click()
    expect(phone).to_have_url(re.compile("#frequently-asked-questions$"))
    question = phone.locator(".faq__item").first
    question.locator("summary").click()
    expect(question.locator(".faq__answer")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "page is wider than the phone"
    assert_no_accessibility_violations(phone)


def test_condition_page_leads_to_its_treatments(live_server, phone):
    phone.goto(f"{live_server.url}/conditions/ptsd/")
    expect(phone.get_by_role("complementary", name="Common symptoms")).to_be_visible()
    assert_no_accessibility_violations(phone)
    phone.get_by_role("region", name=re.compile("Treatments we offer")).get_by_role(
        "link", name="Ketamine therapy"
    ).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ketamine therapy")
    assert_no_accessibility_violations(phone)


@pytest.mark.parametrize("path", ["/treatments/neurostar-tms/", "/conditions/depression-with-suicidal-thoughts/"])
def test_other_medical_pages_are_accessible(live_server, desktop, path):
    desktop.goto(f"{live_server.url}{path}")
    expect(desktop.get_by_role("heading", level=1)).to_have_count(1)
    assert_no_accessibility_violations(desktop)
