"""A visitor meets the team, reads a clinician's profile from an article's byline, and finds the clinic."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import E2E, assert_no_accessibility_violations

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_team_page_and_a_profile_read_well_and_pass_axe(request, live_server, viewport):
    page = request.getfixturevalue(viewport)
    page.goto(live_server.url + "/about/team/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Our team")
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumb.get_by_role("link")).to_have_text(["Home", "About us", "Our team"])
    expect(breadcrumb.locator("[aria-current=page]")).to_have_text("Our team")
    expect(page.locator(".team-card")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_accessibility_violations(page)

    page.get_by_role("link", name="Rosa Delgado, PMHNP-BC").click()
    expect(page).to_have_url(re.compile(r"/about/team/rosa-delgado/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosa Delgado, PMHNP-BC")
    expect(page.get_by_role("heading", level=2, name="Treatments Rosa Delgado provides")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_accessibility_violations(page)


def test_an_articles_byline_leads_to_its_authors_profile(live_server, phone):
    phone.goto(live_server.url + "/blog/ketamine-for-ptsd/")
    phone.locator(".article-meta").get_by_role("link").click()
    expect(phone).to_have_url(re.compile(r"/about/team/dr-helen-marsh/$"))
    articles = phone.get_by_role("region", name="Articles by Dr. Helen Marsh")
    expect(articles.get_by_role("link", name="Ketamine for PTSD: how it can help")).to_be_visible()


def test_the_contact_page_shows_the_location_with_a_map_link_and_passes_axe(live_server, desktop):
    requests = []
    desktop.on("request", lambda request: requests.append(request.url))
    desktop.goto(live_server.url + "/contact/")
    location = desktop.get_by_role("region", name="Finding us")
    expect(location).to_contain_text("410 Riverside Avenue, Suite 200")
    expect(location).to_contain_text("Monday–Friday")
    expect(location.get_by_role("link", name="Open this address in OpenStreetMap")).to_have_attribute(
        "href", re.compile(r"^https://www\.openstreetmap\.org/")
    )
    assert all(url.startswith(live_server.url) for url in requests), "nothing is loaded from another site"
    assert_no_accessibility_violations(desktop)
