"""No request to another host until the visitor chooses: every demo page, then the video's play button.

Every request the browser makes is routed through the test: the site's own go through, any
other host is recorded and answered here (a blank stand-in for a video player), so nothing
reaches the internet and the test says exactly what the page tried to load.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from wagtail.models import Page, Site

from home.models import Clinician
from tests.e2e.conftest import E2E, assert_no_accessibility_violations

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]

NEUROSTAR = "/treatments/neurostar-tms/"
VIDEO_TITLE = "Big Buck Bunny, a short animated film standing in for our video of a TMS session"
PLAYER = "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
STAND_IN_PLAYER = "<!doctype html><title>Stand-in player</title><p>Stand-in for the provider's player</p>"
# Scroll down the page a half screen at a time, letting each step render, so lazy images
# and frames below the fold load as they would for a visitor reading to the end.
READ_TO_THE_END = """async () => {
  const rendered = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (let y = 0; y <= document.documentElement.scrollHeight; y += window.innerHeight / 2) {
    window.scrollTo({ top: y, behavior: "instant" }); // not the site's smooth scrolling: each step must arrive
    await rendered();
  }
}"""


class OtherHosts:
    """Routes every request of a browser context: the site's own go through, any other host's are recorded and answered here."""

    def __init__(self, page, site_url):
        self.site = urlsplit(site_url).netloc
        self.requested = []
        page.context.route("**/*", self.handle)

    def handle(self, route):
        url = route.request.url
        if urlsplit(url).netloc == self.site:
            route.continue_()
            return
        self.requested.append(url)
        route.fulfill(status=200, content_type="text/html", body=STAND_IN_PLAYER)


def demo_paths(live_server, page):
    """Every page of the demo a visitor can reach: the sitemap's, checked against the live public pages of the tree, and the search."""
    assert page.goto(f"{live_server.url}/sitemap.xml").ok
    # Read by the browser's own XML parser; the addresses carry the Site's hostname, so only their paths are used.
    locations = page.evaluate("[...document.getElementsByTagName('loc')].map((loc) => loc.textContent.trim())")
    paths = [urlsplit(location).path for location in locations]
    root = Site.objects.get(is_default_site=True).root_page
    # Every live page, and the clinician profiles the team page serves (home/models/team.py).
    pages = Page.objects.descendant_of(root, inclusive=True).live().public().count()
    assert len(paths) == pages + Clinician.objects.count()
    assert NEUROSTAR in paths
    return [*paths, "/search/?q=TMS"]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_no_demo_page_asks_another_host_for_anything_before_a_click(request, live_server, viewport):
    page = request.getfixturevalue(viewport)
    other_hosts = OtherHosts(page, live_server.url)
    paths = demo_paths(live_server, page)
    assert len(paths) > 20, "the demo site has its pages"
    asked = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, path
        page.evaluate(READ_TO_THE_END)
        page.wait_for_load_state("networkidle")
        if other_hosts.requested:
            asked[path], other_hosts.requested = other_hosts.requested, []
    assert asked == {}, "pages asked other hosts before any click"


def test_pressing_play_loads_the_player_from_youtube_nocookie_only(live_server, phone):
    other_hosts = OtherHosts(phone, live_server.url)
    phone.goto(f"{live_server.url}{NEUROSTAR}")
    video = phone.locator(".video")
    expect(video).to_contain_text("The video plays from YouTube")
    expect(video.get_by_role("link", name="Read the transcript")).to_be_visible()
    play = video.get_by_role("button", name=f"Play video: {VIDEO_TITLE}")
    play.scroll_into_view_if_needed()
    expect(play).to_be_visible()
    expect(video.locator("iframe")).to_have_count(0)
    phone.wait_for_load_state("networkidle")
    assert other_hosts.requested == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "page is wider than the phone"
    assert_no_accessibility_violations(phone)

    play.focus()
    phone.keyboard.press("Enter")  # a keyboard user's press; a click does the same

    player = video.locator("iframe")
    expect(player).to_have_attribute("src", PLAYER)
    expect(player).to_have_attribute("title", VIDEO_TITLE)
    expect(player).to_have_attribute("allow", re.compile(r"\bautoplay\b"))
    expect(player).to_be_focused()
    expect(phone.frame_locator(".video iframe").locator("p")).to_have_text("Stand-in for the provider's player")
    assert other_hosts.requested == [PLAYER], "the player, and nothing else from another host"
    expect(play).to_have_count(0)


def test_the_transcript_link_opens_the_transcript(live_server, desktop):
    desktop.goto(f"{live_server.url}{NEUROSTAR}")
    transcript = desktop.locator(".video details")
    expect(transcript).not_to_have_attribute("open", "")
    desktop.locator(".video").get_by_role("link", name="Read the transcript").click()
    expect(transcript).to_have_attribute("open", "")
    expect(transcript).to_contain_text("There is no speech: music plays throughout.")


def test_without_javascript_the_video_is_a_link_to_youtube(live_server, phone_without_javascript):
    page = phone_without_javascript
    other_hosts = OtherHosts(page, live_server.url)
    page.goto(f"{live_server.url}{NEUROSTAR}")
    video = page.locator(".video")
    expect(video.get_by_role("button")).to_have_count(0)
    link = video.get_by_role("link", name=f"Watch on YouTube: {VIDEO_TITLE}")
    expect(link).to_have_attribute("href", "https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    link.scroll_into_view_if_needed()
    expect(link).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert other_hosts.requested == []
