"""Nothing visible is lost: every demo URL shows the same headings as before issue 9 moved code and content around.

headings_before_issue_9.json was made by crawling the demo site before the change:
for each URL (relative to the site) its status and its headings, "h2: text", in page
order. Headings are compared as a multiset, so a heading that moved on the page
(key takeaways now come after the table of contents) is fine, but one lost, added
or reworded is not.
"""

import io
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command

BEFORE = json.loads((Path(__file__).parent / "headings_before_issue_9.json").read_text(encoding="utf-8"))
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Headings added on purpose since the list was made, by URL: each a feature's own, named here.
ADDED_SINCE = {
    # Issue 15: the PCL-5 self-check on the PTSD page (its result and error headings are hidden until used).
    "/conditions/ptsd/": [
        "h2: PTSD self-check (PCL-5)",
        "h3: We could not work out a score yet",
        "h3: Your PCL-5 result",
        "h3: What to do next",
    ],
    # Issue 13: the contact page shows the clinic's location (its "Finding us" section became the location's
    # own "Finding us", with the address, hours, parking and access under it).
    "/contact/": [
        "h3: Willow Bend Psychiatry",
        "h4: Opening hours",
        "h4: Parking and getting here",
        "h4: Access",
    ],
}


class HeadingParser(HTMLParser):
    """The text of every h1–h6, in document order, as "h2: text", whitespace normalised."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []
        self._open = None  # (tag, [text pieces]) of the heading being read

    def handle_starttag(self, tag, attrs):
        if tag in HEADING_TAGS and self._open is None:
            self._open = (tag, [])

    def handle_endtag(self, tag):
        if self._open is not None and tag == self._open[0]:
            tag, pieces = self._open
            self.headings.append(f"{tag}: {' '.join(''.join(pieces).split())}")
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[1].append(data)


def headings_of(html):
    parser = HeadingParser()
    parser.feed(html)
    parser.close()
    return parser.headings


def test_the_parser_reads_headings_as_the_list_was_made():
    html = '<h1 id="t">A  <em>title</em>\n</h1><p>x</p><h3>Nested <span>one</span></h3><h2>R&amp;D</h2>'
    assert headings_of(html) == ["h1: A title", "h3: Nested one", "h2: R&D"]


def test_the_list_covers_every_kind_of_demo_url():
    # The crawl list itself: if it were cut down, the test below would check less.
    assert len(BEFORE) >= 40
    assert {"/", "/treatments/ketamine-therapy/", "/conditions/ptsd/", "/blog/ketamine-for-ptsd/"} <= set(BEFORE)
    assert any(re.fullmatch(r"/blog/tag/[-\w]+/", url) for url in BEFORE)
    # Only what is not a web page was recorded without headings.
    assert {url for url, entry in BEFORE.items() if not entry["headings"]} == {
        "/blog/feed/",
        "/blog/feed/atom/",
        "/sitemap.xml",
        "/robots.txt",
    }


@pytest.mark.django_db
def test_every_demo_url_shows_the_headings_it_showed_before(client, settings):
    # The list was made from `runserver` with the development settings: DEBUG on, so its
    # /no-such-page/ is Django's debug 404. Crawl the same way (site 404: tests/home/test_site_shell.py).
    settings.DEBUG = True
    call_command("load_demo_site", stdout=io.StringIO())
    differences = {}
    for url, before in BEFORE.items():
        response = client.get(url, HTTP_HOST="localhost")
        if response.status_code != before["status"]:
            differences[url] = f"status {response.status_code}, was {before['status']}"
            continue
        if not before["headings"]:  # a feed, the sitemap, robots.txt: nothing to read headings from
            assert "text/html" not in response["Content-Type"], f"{url} is a page now: record its headings"
            continue
        now = Counter(headings_of(response.content.decode()))
        was = Counter(before["headings"]) + Counter(ADDED_SINCE.get(url, []))
        if now != was:
            differences[url] = {"lost": sorted((was - now).elements()), "added": sorted((now - was).elements())}
    assert not differences, json.dumps(differences, indent=1, ensure_ascii=False)
