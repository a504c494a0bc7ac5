"""Clinician profiles (issue 13, item 4): the team page, one profile per clinician, bylines and review lines linking there."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data

from blog.models import BlogIndexPage
from home.models import Clinician, HomePage, StandardPage, TeamPage
from home.models.clinicians import unique_slug
from tests.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ClinicianFactory,
    ClinicImageFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    StandardPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    site_root_home_page,
)

REVIEWED = {"last_reviewed": datetime.date(2026, 3, 1), "next_review_due": datetime.date(2027, 3, 1)}

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def team_page(parent, **fields):
    page = TeamPage(title="Our team", slug="team", intro="The people who care for you.", **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return TeamPage.objects.get(pk=page.pk)


@pytest.fixture
def site(db):
    home = site_root_home_page()
    about = StandardPageFactory(parent=home, title="About us", slug="about")
    return {"home": home, "about": about, "team": team_page(about)}


class TeamPageTypeTests(WagtailPageTestCase):
    def setUp(self):
        self.home = site_root_home_page()
        self.about = StandardPageFactory(parent=self.home, title="About us", slug="about")
        self.login()

    def test_it_belongs_under_the_home_page_or_a_standard_page_and_has_no_children(self):
        self.assertAllowedParentPageTypes(TeamPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(TeamPage, {})
        self.assertCanNotCreateAt(BlogIndexPage, TeamPage)

    def test_an_editor_creates_it_under_about_through_the_admin(self):
        self.assertCanCreate(
            self.about, TeamPage, nested_form_data({"title": "Our team", "slug": "team", "intro": "Who we are."})
        )
        self.assertEqual(TeamPage.objects.get().get_parent().pk, self.about.pk)

    def test_there_is_only_one_so_each_clinician_has_one_profile_address(self):
        team_page(self.about)
        self.assertFalse(TeamPage.can_create_at(self.home))


def test_slugs_come_from_names_and_stay_unique(db):
    first = ClinicianFactory(name="Dr. Amara Okafor")
    second = ClinicianFactory(name="Dr Amara Okafor")
    assert first.slug == "dr-amara-okafor"
    assert second.slug == "dr-amara-okafor-2"
    assert unique_slug("  ", set()) == "clinician"
    kept = ClinicianFactory(name="Rosa Delgado", slug="rosa")
    assert kept.slug == "rosa"


def test_the_team_page_lists_every_clinician_with_photo_name_credentials_role_and_specialties(client, site):
    ClinicianFactory(
        name="Dr. Amara Okafor",
        credentials="MD",
        role="Medical director",
        specialties="PTSD, Treatment-resistant depression",
        photo=ClinicImageFactory(),
    )
    ClinicianFactory(name="Rosa Delgado", credentials="PMHNP-BC", role="Nurse practitioner")
    page = soup(client.get("/about/team/"))
    cards = page.select(".team-card")
    assert [card.select_one(".team-card__name").get_text(strip=True) for card in cards] == [
        "Dr. Amara Okafor, MD",
        "Rosa Delgado, PMHNP-BC",
    ]
    first, second = cards
    assert first.select_one(".team-card__name a")["href"] == "/about/team/dr-amara-okafor/"
    assert "Medical director" in first.get_text()
    assert "PTSD · Treatment-resistant depression" in first.select_one(".team-card__specialties").get_text()
    photo = first.select_one("img.clinician-photo")
    assert photo["alt"] == "" and "placeholder" not in photo["src"]
    # Without a photo: a neutral outline, decorative (the name is beside it).
    placeholder = second.select_one("img.clinician-photo--placeholder")
    assert placeholder["alt"] == "" and placeholder["src"].endswith("clinician-placeholder.svg")
    assert placeholder["width"] and placeholder["height"]


def test_the_team_pages_queries_do_not_grow_with_the_team(client, site, settings):
    settings.PAGE_CACHE_ENABLED = False  # count the queries of rendering the page, not of the page cache
    for _ in range(2):
        ClinicianFactory(photo=ClinicImageFactory())
    client.get("/about/team/")  # renditions made once
    with CaptureQueriesContext(connection) as few:
        client.get("/about/team/")
    for _ in range(4):
        ClinicianFactory(photo=ClinicImageFactory())
    client.get("/about/team/")
    with CaptureQueriesContext(connection) as many:
        client.get("/about/team/")
    assert len(many) == len(few)


def test_a_profile_shows_bio_treatments_articles_and_reviewed_pages(client, site):
    home = site["home"]
    clinician = ClinicianFactory(
        name="Dr. Amara Okafor", bio="She trained in interventional psychiatry.", specialties="OCD, PTSD"
    )
    treatments = TreatmentIndexPageFactory(parent=home)
    ketamine = TreatmentPageFactory(parent=treatments, title="Ketamine therapy", reviewed_by=clinician, **REVIEWED)
    tms = TreatmentPageFactory(parent=treatments, title="TMS", reviewed_by=None)
    draft = TreatmentPageFactory(parent=treatments, title="Draft treatment", live=False)
    clinician.treatments.set([ketamine, tms, draft])
    conditions = ConditionIndexPageFactory(parent=home)
    ConditionPageFactory(parent=conditions, title="PTSD", reviewed_by=clinician, **REVIEWED)
    blog = BlogIndexPageFactory(parent=home)
    BlogPageFactory(parent=blog, title="Ketamine for PTSD", author=clinician)
    BlogPageFactory(parent=blog, title="Someone else's article")

    page = soup(client.get("/about/team/dr-amara-okafor/"))
    assert page.h1.get_text(strip=True) == "Dr. Amara Okafor, MD"
    assert "She trained in interventional psychiatry." in page.main.get_text()

    def listed(heading_id):
        return [a.get_text() for a in page.select(f"section[aria-labelledby={heading_id}] li a")]

    assert listed("profile-specialties") == []
    assert [li.get_text() for li in page.select("section[aria-labelledby=profile-specialties] li")] == ["OCD", "PTSD"]
    assert listed("profile-treatments") == ["Ketamine therapy", "TMS"]  # not the draft
    assert listed("profile-articles") == ["Ketamine for PTSD"]
    assert listed("profile-reviewed") == ["Ketamine therapy", "PTSD"]
    assert page.title.get_text().startswith("Dr. Amara Okafor, MD")
    assert page.select_one('link[rel="canonical"]')["href"] == "http://localhost/about/team/dr-amara-okafor/"


def test_an_unknown_profile_is_not_found(client, site):
    assert client.get("/about/team/nobody/").status_code == 404


def test_bylines_and_review_lines_link_to_the_profiles(client, site):
    author = ClinicianFactory(name="Dr. Amara Okafor")
    reviewer = ClinicianFactory(name="Rosa Delgado", credentials="PMHNP-BC")
    blog = BlogIndexPageFactory(parent=site["home"])
    BlogPageFactory(parent=blog, slug="an-article", author=author, reviewed_by=reviewer, **REVIEWED)
    page = soup(client.get("/blog/an-article/"))
    byline = page.select_one(".article-meta a")
    assert (byline.get_text(), byline["href"]) == ("Dr. Amara Okafor, MD", "/about/team/dr-amara-okafor/")
    review = page.select_one(".review-line a")
    assert (review.get_text(), review["href"]) == ("Rosa Delgado, PMHNP-BC", "/about/team/rosa-delgado/")


def test_without_a_team_page_bylines_are_plain_text(client, db):
    home = site_root_home_page()
    blog = BlogIndexPageFactory(parent=home)
    BlogPageFactory(parent=blog, slug="an-article", author=ClinicianFactory(name="Dr. Amara Okafor"))
    page = soup(client.get("/blog/an-article/"))
    assert "Dr. Amara Okafor, MD" in page.select_one(".article-meta").get_text()
    assert page.select_one(".article-meta a") is None
    assert Clinician.objects.get(name="Dr. Amara Okafor").get_profile_url() == ""


def test_the_sitemap_lists_every_profile(client, site):
    ClinicianFactory(name="Dr. Amara Okafor")
    response = client.get("/sitemap.xml")
    assert b"<loc>http://localhost/about/team/dr-amara-okafor/</loc>" in response.content
    assert b"<loc>http://localhost/about/team/</loc>" in response.content


def test_editors_add_a_clinician_with_treatments_in_the_snippet_admin(admin_client, site):
    treatments = TreatmentIndexPageFactory(parent=site["home"])
    ketamine = TreatmentPageFactory(parent=treatments, title="Ketamine therapy")
    response = admin_client.post(
        "/admin/snippets/home/clinician/add/",
        {
            "name": "Dr. Amara Okafor",
            "credentials": "MD",
            "role": "Psychiatrist",
            "bio": "Trained in interventional psychiatry.",
            "specialties": "PTSD",
            "treatments": [ketamine.pk],
            "slug": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    clinician = Clinician.objects.get(name="Dr. Amara Okafor")
    assert clinician.slug == "dr-amara-okafor"
    assert list(clinician.treatments.values_list("pk", flat=True)) == [ketamine.pk]
