"""Every JSON-LD block on the site parses, speaks schema.org, and carries what Google's documentation requires.

VOCABULARY lists, for each type the site emits, the schema.org properties it may use (from
schema.org's own pages for the type and its supertypes). A new property or type has to be added
here, checked against schema.org first. REQUIRED lists what Google Search Central says each
rich result needs: Article (BlogPosting), BreadcrumbList, FAQPage and LocalBusiness (MedicalClinic).
"""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from home.models import ClinicSettings, Location, OpeningHours, TeamPage
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

THING = {"name", "url", "description", "image", "sameAs"}
ORGANIZATION = THING | {"logo", "telephone", "email", "address", "parentOrganization", "department"}
PLACE = THING | {"geo", "hasMap", "address", "telephone", "openingHoursSpecification"}
WEB_PAGE = THING | {"about", "mainEntity", "lastReviewed", "reviewedBy", "breadcrumb", "isPartOf"}
CREATIVE_WORK = THING | {"headline", "author", "publisher", "datePublished", "dateModified", "keywords", "about"}

VOCABULARY = {
    "MedicalWebPage": WEB_PAGE | {"medicalAudience"},
    "BlogPosting": CREATIVE_WORK | {"mainEntityOfPage", "articleBody", "wordCount"},
    "FAQPage": WEB_PAGE,
    "Question": THING | {"acceptedAnswer", "text"},
    "Answer": THING | {"text"},
    "BreadcrumbList": THING | {"itemListElement"},
    "ListItem": THING | {"position", "item"},
    "Person": THING | {"honorificSuffix", "jobTitle", "worksFor", "knowsAbout"},
    # MedicalClinic: MedicalBusiness (LocalBusiness: Organization and Place) and MedicalOrganization.
    "MedicalClinic": ORGANIZATION | PLACE | {"medicalSpecialty", "availableService"},
    "MedicalTherapy": THING,
    "MedicalCondition": THING,
    "MedicalEntity": THING,
    "PostalAddress": THING | {"streetAddress", "addressLocality", "addressRegion", "postalCode", "addressCountry"},
    "GeoCoordinates": THING | {"latitude", "longitude"},
    "OpeningHoursSpecification": THING | {"dayOfWeek", "opens", "closes", "validFrom", "validThrough"},
    "ImageObject": THING | {"contentUrl", "width", "height", "caption"},
}
DAYS_OF_WEEK = {
    f"https://schema.org/{day}"
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
}
# What Google's structured-data documentation requires (or, for Article, which has no required
# properties, recommends) for each rich result.
REQUIRED = {
    "BlogPosting": {"headline", "author", "datePublished", "image"},
    "BreadcrumbList": {"itemListElement"},
    "ListItem": {"position", "name"},
    "FAQPage": {"mainEntity"},
    "Question": {"name", "acceptedAnswer"},
    "Answer": {"text"},
    "MedicalClinic": {"name", "address"},
    "PostalAddress": {"streetAddress", "addressLocality"},
    "Person": {"name"},
}
FAQ = {
    "type": "faq",
    "value": {
        "heading": "Questions",
        "questions": [{"question": "Does it hurt?", "answer": "<p>No, it does not.</p>"}],
    },
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "clinic.example"]
    home = site_root_home_page()
    Site.objects.filter(is_default_site=True).update(hostname="clinic.example", port=443)
    about = StandardPageFactory(parent=home, title="About us", slug="about")
    contact = StandardPageFactory(parent=home, title="Contact us", slug="contact")
    team = TeamPage(title="Our team", slug="team")
    about.add_child(instance=team)
    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    clinic.clinic_name, clinic.phone, clinic.email = "Willow Bend Psychiatry", "(555) 010-2040", "care@clinic.example"
    clinic.logo, clinic.contact_page = ClinicImageFactory(), contact
    clinic.social_links = [("link", {"network": "facebook", "url": "https://www.facebook.com/willowbend", "label": ""})]
    clinic.save()
    location = Location.objects.create(
        name="Riverside",
        street_address="410 Riverside Avenue\nSuite 200",
        locality="Springfield",
        region="OR",
        postal_code="97477",
        latitude="44.046236",
        longitude="-123.022029",
    )
    OpeningHours.objects.create(location=location, first_day=0, last_day=4, opens="08:00", closes="18:00")
    OpeningHours.objects.create(location=location, first_day=6, closed=True, sort_order=1)
    author = ClinicianFactory(name="Dr. Amara Okafor", photo=ClinicImageFactory(), specialties="PTSD, OCD")
    reviewer = ClinicianFactory(name="Rosa Delgado", credentials="PMHNP-BC")
    reviewed = {"reviewed_by": reviewer, "last_reviewed": datetime.date(2026, 3, 1)}
    treatments = TreatmentIndexPageFactory(parent=home, slug="treatments")
    TreatmentPageFactory(parent=treatments, slug="ketamine", title="Ketamine therapy", body=[FAQ], **reviewed)
    TreatmentPageFactory(parent=treatments, slug="draft", title="Draft therapy", live=False)
    conditions = ConditionIndexPageFactory(parent=home, slug="conditions")
    ConditionPageFactory(parent=conditions, slug="ptsd", **reviewed)
    blog = BlogIndexPageFactory(parent=home, slug="blog")
    BlogPageFactory(
        parent=blog, slug="an-article", author=author, hero_image=ClinicImageFactory(), body=[FAQ], **reviewed
    )
    return {"author": author}


PAGES = [
    "/",
    "/about/",
    "/contact/",
    "/about/team/",
    "/about/team/dr-amara-okafor/",
    "/treatments/",
    "/treatments/ketamine/",
    "/conditions/ptsd/",
    "/blog/",
    "/blog/an-article/",
]


def json_ld(client, path):
    response = client.get(path, HTTP_HOST="clinic.example", secure=True)
    assert response.status_code == 200, (path, response.status_code)
    page = BeautifulSoup(response.content, "html.parser")
    blocks = [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]
    return page, blocks


def nodes(value):
    """Every object with an @type, nested ones too."""
    if isinstance(value, dict):
        if "@type" in value:
            yield value
        for item in value.values():
            yield from nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from nodes(item)


def graph(blocks):
    return [node for block in blocks for node in block["@graph"]]


def of_type(blocks, schema_type):
    return [node for node in nodes(blocks) if node["@type"] == schema_type]


@pytest.mark.parametrize("path", PAGES)
def test_every_block_parses_and_uses_only_schema_org_types_and_properties(client, site, path):
    _page, blocks = json_ld(client, path)
    for block in blocks:
        assert block["@context"] == "https://schema.org"
        assert block["@graph"], "an empty block is left out"
    for node in nodes(blocks):
        assert node["@type"] in VOCABULARY, node["@type"]
        unknown = set(node) - VOCABULARY[node["@type"]] - {"@type", "@id"}
        assert not unknown, (node["@type"], unknown)
        missing = REQUIRED.get(node["@type"], set()) - set(node)
        assert not missing, (path, node["@type"], missing)
        for key, value in node.items():
            if key in {"url", "item", "image", "hasMap", "@id"} and isinstance(value, str):
                assert value.startswith("https://clinic.example/") or key == "hasMap", (key, value)
        if node["@type"] == "ListItem":
            assert isinstance(node["position"], int)
    # Every ListItem but the last links to its page (Google: `item` is required except for the last).
    for breadcrumbs in of_type(blocks, "BreadcrumbList"):
        assert all("item" in step for step in breadcrumbs["itemListElement"][:-1])


@pytest.mark.parametrize("path", ["/", "/contact/"])
def test_the_home_and_contact_pages_describe_the_clinic(client, site, path):
    _page, blocks = json_ld(client, path)
    (clinic,) = of_type(blocks, "MedicalClinic")
    assert clinic["name"] == "Willow Bend Psychiatry"
    assert clinic["url"] == "https://clinic.example/"
    assert clinic["telephone"] == "(555) 010-2040" and clinic["email"] == "care@clinic.example"
    assert clinic["logo"]["url"].startswith("https://clinic.example/media/images/")
    assert clinic["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "410 Riverside Avenue, Suite 200",
        "addressLocality": "Springfield",
        "addressRegion": "OR",
        "postalCode": "97477",
        "addressCountry": "US",
    }
    assert clinic["geo"] == {"@type": "GeoCoordinates", "latitude": 44.046236, "longitude": -123.022029}
    (hours,) = clinic["openingHoursSpecification"]  # the closed Sunday is left out
    assert hours["dayOfWeek"] == [
        f"https://schema.org/{day}" for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    ]
    assert set(hours["dayOfWeek"]) <= DAYS_OF_WEEK
    assert (hours["opens"], hours["closes"]) == ("08:00", "18:00")
    assert clinic["medicalSpecialty"] == "https://schema.org/Psychiatric"
    assert [service["name"] for service in clinic["availableService"]] == ["Ketamine therapy"]  # live pages only
    assert clinic["sameAs"] == ["https://www.facebook.com/willowbend"]


def test_other_pages_do_not_repeat_the_clinic(client, site):
    _page, blocks = json_ld(client, "/about/")
    assert not of_type(blocks, "MedicalClinic")


@pytest.mark.parametrize("path", [path for path in PAGES if path != "/"])
def test_the_breadcrumb_list_matches_the_visible_trail(client, site, path):
    page, blocks = json_ld(client, path)
    (breadcrumbs,) = of_type(blocks, "BreadcrumbList")
    nav = page.find("nav", attrs={"aria-label": "Breadcrumb"})
    links = nav.select("ol li a")
    assert [step["name"] for step in breadcrumbs["itemListElement"]] == [a.get_text() for a in links]
    assert [step["position"] for step in breadcrumbs["itemListElement"]] == list(range(1, len(links) + 1))
    assert [re.sub(r"^https://clinic\.example", "", step["item"]) for step in breadcrumbs["itemListElement"]] == [
        a["href"] for a in links
    ]
    assert links[-1]["aria-current"] == "page" and links[-1]["href"] == path
    assert [a for a in links if a.has_attr("aria-current")] == [links[-1]]


def test_the_home_page_has_no_breadcrumbs(client, site):
    page, blocks = json_ld(client, "/")
    assert page.find("nav", attrs={"aria-label": "Breadcrumb"}) is None
    assert not of_type(blocks, "BreadcrumbList")


def test_an_article_names_its_image_publisher_author_and_reviewer_with_their_profiles(client, site):
    _page, blocks = json_ld(client, "/blog/an-article/")
    (article,) = of_type(graph(blocks), "BlogPosting")
    assert article["image"].startswith("https://clinic.example/media/images/")
    assert article["image"].endswith(".jpg") and "1200x630" in article["image"]
    assert article["publisher"]["@type"] == "MedicalClinic"
    assert article["publisher"]["name"] == "Willow Bend Psychiatry"
    assert article["publisher"]["logo"]["url"].startswith("https://clinic.example/")
    assert article["author"]["url"] == "https://clinic.example/about/team/dr-amara-okafor/"
    (web_page,) = of_type(graph(blocks), "MedicalWebPage")
    assert web_page["reviewedBy"]["url"] == "https://clinic.example/about/team/rosa-delgado/"


def test_a_profile_describes_the_clinician(client, site):
    _page, blocks = json_ld(client, "/about/team/dr-amara-okafor/")
    (person,) = [node for node in graph(blocks) if node["@type"] == "Person"]
    assert person["name"] == "Dr. Amara Okafor"
    assert person["url"] == "https://clinic.example/about/team/dr-amara-okafor/"
    assert person["knowsAbout"] == ["PTSD", "OCD"]
    assert person["image"].startswith("https://clinic.example/media/images/")
    assert person["worksFor"]["@id"] == "https://clinic.example/#clinic"


def test_the_json_ld_cannot_close_its_script_element(client, site):
    ClinicSettings.objects.update(clinic_name="</script><script>alert(1)</script>")
    response = client.get("/contact/", HTTP_HOST="clinic.example", secure=True)
    assert b"</script><script>alert(1)" not in response.content
    assert "\\u003C/script\\u003E" in response.content.decode()
