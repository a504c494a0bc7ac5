"""Trauma-aware reading (issue 15, item 5): a content note and a "Leave this page quickly" button, per page."""

import pytest
from bs4 import BeautifulSoup

from core.models import TraumaAwareReading
from tests.factories import ConditionIndexPageFactory, ConditionPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def conditions(home_page):
    return ConditionIndexPageFactory(parent=home_page)


def test_the_content_note_comes_first_in_the_main_content(client, conditions):
    page = ConditionPageFactory(parent=conditions, content_note="This page talks about suicide.")
    main = soup_of(client, page).select_one("main")
    note = main.select_one(".content-note")
    assert note.get_text(" ", strip=True) == "Content note: This page talks about suicide."
    assert main.find(["p", "h1"]) is note  # before the title


def test_the_quick_exit_button_is_a_plain_link_to_a_neutral_site_with_its_script(client, conditions):
    page = ConditionPageFactory(parent=conditions, quick_exit=True)
    soup = soup_of(client, page)
    button = soup.select_one("a[data-quick-exit]")
    assert button["href"] == TraumaAwareReading.QUICK_EXIT_URL
    assert button["rel"] == ["noreferrer"]
    assert button.get_text(" ", strip=True).startswith("Leave this page quickly")
    # Straight after the skip link: the second stop for the keyboard.
    links = soup.select("body a")
    assert links[0]["class"] == ["skip-link"] and links[1] is button
    scripts = soup.select("script")
    assert "/static/js/quick-exit.js" in [script.get("src", "").split("?")[0] for script in scripts]
    assert all(script.get("src") or script.get("type") == "application/ld+json" for script in scripts)
    assert not soup.select("[style]")


def test_pages_without_them_show_neither(client, conditions):
    soup = soup_of(client, ConditionPageFactory(parent=conditions))
    assert soup.select_one(".content-note") is None
    assert soup.select_one("[data-quick-exit]") is None
    assert "quick-exit.js" not in str(soup)


def test_a_standard_page_has_them_too(client, home_page):
    page = StandardPageFactory(parent=home_page, content_note="This page talks about abuse.", quick_exit=True)
    soup = soup_of(client, page)
    assert soup.select_one(".content-note") and soup.select_one("[data-quick-exit]")
