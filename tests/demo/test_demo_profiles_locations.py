"""The demo's team, profiles, location and structured data (issue 13): every clinician reachable from the team
page, their bylines and review lines; the clinic's address as its first location; valid JSON-LD everywhere."""

import json

import pytest
from bs4 import BeautifulSoup

from blog.models import BlogPage
from home.models import Clinician, Location, TeamPage
from tests.core.test_structured_data import REQUIRED, VOCABULARY, nodes
from treatments.models import ConditionPage, TreatmentPage

from .conftest import demo_pages, load, site_data

pytestmark = pytest.mark.django_db


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_every_demo_clinician_has_a_profile_linked_from_the_team_page_bylines_and_review_lines(client, demo):
    team = TeamPage.objects.live().get()
    team_links = {a["href"] for a in soup(client, team.url).select(".team-card__name a")}
    profiles = {clinician.profile_url for clinician in Clinician.objects.all()}
    assert team_links == profiles and len(profiles) == len(site_data()["clinicians"])
    for url in profiles:
        assert soup(client, url).h1
    linked = set()
    for model in (TreatmentPage, ConditionPage, BlogPage):
        for page in model.objects.live():
            html = soup(client, page.url)
            linked |= {a["href"] for a in html.select(".review-line a, .article-meta a") if "/team/" in a["href"]}
    assert linked == profiles, "every clinician signs a byline or a review line somewhere in the demo"
    # The About page points visitors to the team.
    assert soup(client, "/about/").find("a", href=team.url)


def test_every_demo_clinician_provides_a_treatment(demo):
    for clinician in Clinician.objects.all():
        assert clinician.treatments.live().exists(), clinician.name
        assert clinician.specialty_list, clinician.name


def test_the_clinics_address_is_its_first_location_with_hours(demo):
    (spec,) = site_data()["locations"]
    location = Location.objects.get()
    assert (location.name, location.street_address, location.postal_code) == (
        spec["name"],
        spec["street_address"],
        spec["postal_code"],
    )
    assert [str(row) for row in location.opening_hours.all()] == [
        "Monday–Friday: 8am–6pm",
        "Saturday: 9am–1pm",
        "Sunday: closed",
    ]
    load()  # again: nothing added twice
    assert Location.objects.count() == 1 and location.opening_hours.count() == 3


def test_every_demo_page_carries_valid_structured_data(client, demo):
    for page in [*demo_pages(demo), *(Clinician.objects.all())]:
        url = page.profile_url if isinstance(page, Clinician) else page.url
        html = soup(client, url)
        blocks = [json.loads(script.string) for script in html.select('script[type="application/ld+json"]')]
        if url != "/":
            assert any(node["@type"] == "BreadcrumbList" for node in nodes(blocks)), url
        for node in nodes(blocks):
            assert node["@type"] in VOCABULARY, (url, node["@type"])
            assert not set(node) - VOCABULARY[node["@type"]] - {"@type", "@id"}, (url, node)
            assert not REQUIRED.get(node["@type"], set()) - set(node), (url, node)
