import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from blog.models import BlogPage
from tests.e2e.conftest import E2E, assert_no_accessibility_violations

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_home_page_shows_the_clinic_and_the_crisis_notice(request, live_server, viewport):
    page = request.getfixturevalue(viewport)
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("complementary", name="Crisis support")).to_be_visible()
    expect(page.get_by_role("complementary", name="Crisis support")).to_contain_text("988")
    expect(page.get_by_role("link", name="Willow Bend Psychiatry")).to_be_visible()
    expect(page.locator("footer").get_by_role("link", name="(555) 010-2040")).to_have_attribute(
        "href", "tel:5550102040"
    )
    hero = page.locator(".hero__image")
    expect(hero).to_be_visible()
    assert page.evaluate("document.querySelector('.hero__image').naturalWidth") > 0, "hero image did not load"
    # Nothing is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=SCREENSHOTS / f"home-{viewport}.png", full_page=True)
    assert_no_accessibility_violations(page)


def test_home_page_leads_to_the_treatments_and_the_newest_articles(live_server, phone):
    phone.goto(live_server.url)
    # The sections read in this order: what the clinic offers, its own words, then reading.
    expect(phone.locator("main h2")).to_have_text(
        ["Treatments we offer", "Who we help", "How care works here", "Insurance and cost", "Latest articles"]
    )
    treatments = phone.get_by_role("region", name="Treatments we offer", exact=True)
    expect(treatments.get_by_role("heading", level=3)).to_have_text(
        ["Ketamine therapy", "Spravato (esketamine) nasal spray", "NeuroStar TMS"]
    )
    newest = list(BlogPage.objects.live().order_by("-date_published")[:3])
    articles = phone.get_by_role("region", name="Latest articles", exact=True)
    expect(articles.get_by_role("heading", level=3)).to_have_text([article.title for article in newest])
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    articles.get_by_role("link", name=newest[0].title).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(newest[0].title)
    phone.go_back()
    phone.get_by_role("region", name="Treatments we offer", exact=True).get_by_role(
        "link", name="NeuroStar TMS"
    ).click()
    expect(phone).to_have_url(re.compile(r"/treatments/neurostar-tms/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("NeuroStar TMS")


def test_menu_opens_on_a_phone_and_leads_to_the_about_page(live_server, phone):
    phone.goto(live_server.url)
    about = phone.get_by_role("navigation", name="Main").get_by_role("link", name="About us")
    expect(about).to_be_hidden()
    menu = phone.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    assert_no_accessibility_violations(phone)
    about.click()
    expect(phone).to_have_url(re.compile(r"/about/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("About us")
    assert_no_accessibility_violations(phone)


# The layout shift of the page so far: the sum of what the Layout Instability API recorded.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


@pytest.mark.parametrize("path", ["/", "/treatments/ketamine-therapy/", "/blog/"])
def test_nothing_moves_when_the_menu_script_arrives_after_the_first_paint(live_server, phone, path):
    # On a slow phone network the deferred script comes after the page is drawn: the folded menu
    # must already be the first layout, or the whole page jumps up (Lighthouse's CLS, issue 14).
    def late(route):
        time.sleep(0.8)
        route.continue_()

    phone.route(re.compile(r"/static/js/site(\.[0-9a-f]+)?\.js$"), late)
    phone.goto(f"{live_server.url}{path}")
    expect(phone.get_by_role("button", name="Menu")).to_be_visible()
    assert phone.evaluate(LAYOUT_SHIFT) == 0


def test_menu_works_without_javascript(live_server, phone_without_javascript):
    page = phone_without_javascript
    page.goto(live_server.url)
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="About us").click()
    expect(page).to_have_url(re.compile(r"/about/$"))


def test_escape_closes_the_menu(live_server, phone):
    phone.goto(live_server.url)
    menu = phone.get_by_role("button", name="Menu")
    menu.click()
    phone.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()


def test_not_found_page_is_in_the_sites_look(live_server, phone):
    response = phone.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text("We couldn’t find that page")
    assert_no_accessibility_violations(phone)


def test_demo_admin_can_log_in(live_server, desktop):
    desktop.goto(f"{live_server.url}/admin/")
    desktop.get_by_label("Username").fill("admin")
    desktop.get_by_label("Password").fill("changeme")
    desktop.get_by_role("button", name="Sign in").click()
    expect(desktop).to_have_url(f"{live_server.url}/admin/")
    expect(desktop.get_by_role("heading", level=1)).to_contain_text(settings.WAGTAIL_SITE_NAME)
    expect(desktop.get_by_role("navigation", name="Main menu").get_by_role("button", name="Pages")).to_be_visible()


def test_visitor_searches_from_the_not_found_page(live_server, phone):
    phone.goto(f"{live_server.url}/no-such-page/")
    phone.get_by_role("search").get_by_label("Search this site").fill("Spravato")
    phone.get_by_role("search").get_by_role("button", name="Search").click()
    expect(phone).to_have_url(re.compile(r"/search/\?q=Spravato$"))
    expect(phone.locator(".search-results__title a").first).to_contain_text("Spravato")
    assert_no_accessibility_violations(phone)
