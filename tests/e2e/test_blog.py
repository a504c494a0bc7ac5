import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import E2E, assert_no_accessibility_violations

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]


def test_visitor_filters_by_tag_reads_an_article_and_follows_a_treatment(live_server, phone):
    phone.goto(f"{live_server.url}/blog/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Articles")
    assert_no_accessibility_violations(phone)

    phone.get_by_role("navigation", name="Topics").get_by_role("link", name="PTSD", exact=True).click()
    expect(phone).to_have_url(re.compile(r"/blog/tag/ptsd/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Articles about PTSD")
    assert_no_accessibility_violations(phone)

    phone.get_by_role("link", name="Ketamine for PTSD: how it can help").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ketamine for PTSD: how it can help")
    expect(phone.locator(".review-line")).to_contain_text("Medically reviewed by")
    expect(phone.locator(".steps > li")).to_have_count(8)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "page is wider than the phone"
    assert_no_accessibility_violations(phone)

    phone.locator(".article-topics").get_by_role("link", name="Ketamine therapy").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ketamine therapy")
    # The treatment page lists the article back.
    expect(phone.get_by_role("region", name="Articles about Ketamine therapy")).to_contain_text("Ketamine for PTSD")


def test_pagination_moves_between_pages(live_server, desktop):
    desktop.goto(f"{live_server.url}/blog/")
    pages = desktop.get_by_role("navigation", name="Pages of articles")
    pages.get_by_role("link", name=re.compile("Older")).click()
    expect(desktop).to_have_url(re.compile(r"\?page=2$"))
    expect(desktop.get_by_role("navigation", name="Pages of articles").locator("[aria-current=page]")).to_contain_text(
        "2"
    )
    assert_no_accessibility_violations(desktop)
