"""Per-page metadata (core/seo.py, templates/includes/meta.html) and absolute URLs from the request's Site."""

import io
import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page, Site

from core.seo import DESCRIPTION_LENGTH, SHARE_IMAGE_FILTER
from home.models import Clinician, ClinicSettings
from tests.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ClinicImageFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    FormPageFactory,
    StandardPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)

pytestmark = pytest.mark.django_db

SITE_HOST = "clinic.example:8443"
SITE_ROOT = f"http://{SITE_HOST}"


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser").head


def meta(head_, key):
    """The content of the <meta> with this property (og:…) or name (description, twitter:…), or None."""
    tag = head_.find("meta", attrs={"property": key}) or head_.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def canonical(head_):
    tags = head_.find_all("link", rel="canonical")
    assert len(tags) <= 1
    return tags[0]["href"] if tags else None


def robots(head_):
    return meta(head_, "robots") or ""


@pytest.fixture
def site(home_page, clinic_settings):
    """The default Site at a host and port of its own, unlike the test client's Host (testserver)."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "clinic.example", 8443
    site.save()
    return site


@pytest.fixture
def pages(site, home_page):
    treatments = TreatmentIndexPageFactory(parent=home_page)
    conditions = ConditionIndexPageFactory(parent=home_page)
    blog = BlogIndexPageFactory(parent=home_page)
    return {
        "home": home_page,
        "treatment index": treatments,
        "treatment": TreatmentPageFactory(parent=treatments, title="Ketamine therapy", slug="ketamine-therapy"),
        "condition index": conditions,
        "condition": ConditionPageFactory(parent=conditions, title="PTSD", slug="ptsd"),
        "blog index": blog,
        "article": BlogPageFactory(parent=blog, title="Ketamine for PTSD", slug="ketamine-for-ptsd", tags=["PTSD"]),
        "form": FormPageFactory(parent=home_page, title="Request a call-back", slug="request-a-call-back"),
        "standard": StandardPageFactory(parent=home_page, title="About us", slug="about"),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "home",
        "treatment index",
        "treatment",
        "condition index",
        "condition",
        "blog index",
        "article",
        "form",
        "standard",
    ],
)
def test_every_page_type_has_a_description_canonical_and_share_tags(client, pages, kind):
    page = pages[kind].specific
    tags = head(client, page.url)
    url = f"{SITE_ROOT}{page.url}"
    assert canonical(tags) == url
    assert meta(tags, "og:url") == url
    assert meta(tags, "description"), "Lighthouse needs a meta description on every page"
    assert meta(tags, "og:description") == meta(tags, "twitter:description") == meta(tags, "description")
    assert meta(tags, "og:title") == meta(tags, "twitter:title")
    assert meta(tags, "og:site_name") == "Test Clinic"
    assert meta(tags, "og:type") == ("article" if kind == "article" else "website")
    assert meta(tags, "twitter:card") in ("summary", "summary_large_image")
    assert "noindex" not in robots(tags)
    assert len(tags.find_all("title")) == 1 and tags.title.get_text().strip()


def test_the_title_tag_is_the_page_title_then_the_clinic_and_the_seo_title_replaces_it(client, pages):
    treatment = pages["treatment"]
    assert head(client, treatment.url).title.get_text() == "Ketamine therapy · Test Clinic"
    assert meta(head(client, treatment.url), "og:title") == "Ketamine therapy"
    treatment.seo_title = "Ketamine infusions for depression"
    treatment.save_revision().publish()
    tags = head(client, treatment.url)
    assert tags.title.get_text() == "Ketamine infusions for depression · Test Clinic"
    assert meta(tags, "og:title") == "Ketamine infusions for depression"
    # The home page goes by the clinic's name.
    assert meta(head(client, "/"), "og:title") == "Test Clinic"


def test_the_description_is_the_search_description_else_the_summary_shortened(client, pages):
    treatment = pages["treatment"]
    treatment.summary = "Ketamine & more " + "word " * 80
    treatment.save_revision().publish()
    description = meta(head(client, treatment.url), "description")
    assert description.startswith("Ketamine & more word")  # entities decoded once, not "&amp;amp;"
    assert len(description) <= DESCRIPTION_LENGTH and description.endswith("…")

    treatment.search_description = "Ketamine therapy at the clinic: who it helps, what a session is like."
    treatment.save_revision().publish()
    assert meta(head(client, treatment.url), "description") == treatment.search_description


def test_pages_without_a_summary_fall_back_to_their_introduction_or_welcome(client, pages):
    assert meta(head(client, pages["standard"].url), "description") == "A short introduction."
    assert meta(head(client, pages["form"].url), "description") == "Tell us how to reach you."  # rich text, as text
    assert meta(head(client, "/"), "description") == "Ketamine, Spravato and TMS, with a psychiatrist beside you."


def test_the_share_image_is_a_1200_by_630_rendition_of_the_hero_on_the_sites_host(client, pages):
    article = pages["article"]
    article.hero_image = ClinicImageFactory(file__width=1600, file__height=1200)
    article.save_revision().publish()
    tags = head(client, article.url)
    rendition = article.hero_image.get_rendition(SHARE_IMAGE_FILTER)
    assert meta(tags, "og:image") == meta(tags, "twitter:image") == f"{SITE_ROOT}{rendition.url}"
    assert (meta(tags, "og:image:width"), meta(tags, "og:image:height")) == ("1200", "630")
    assert meta(tags, "og:image:alt") == meta(tags, "twitter:image:alt") == article.hero_image.description
    assert meta(tags, "twitter:card") == "summary_large_image"
    # The file is there to be fetched (the test settings serve media).
    assert client.get(rendition.url).status_code == 200


def test_a_page_without_an_image_shares_the_sites_default(client, pages, clinic_settings):
    clinic_settings.share_image = ClinicImageFactory(title="Clinic entrance", file__width=1300, file__height=700)
    clinic_settings.save()
    tags = head(client, pages["treatment"].url)
    rendition = clinic_settings.share_image.get_rendition(SHARE_IMAGE_FILTER)
    assert meta(tags, "og:image") == f"{SITE_ROOT}{rendition.url}"
    assert meta(tags, "og:image:alt") == clinic_settings.share_image.description


def test_without_a_page_image_or_a_default_there_is_no_share_image(client, pages, clinic_settings):
    assert clinic_settings.share_image is None
    tags = head(client, pages["treatment"].url)
    assert meta(tags, "og:image") is None and meta(tags, "twitter:image") is None
    assert meta(tags, "twitter:card") == "summary"


def test_an_image_whose_file_is_gone_gives_no_broken_share_image(client, pages, clinic_settings):
    article = pages["article"]
    article.hero_image = ClinicImageFactory()
    article.save_revision().publish()
    article.hero_image.file.storage.delete(article.hero_image.file.name)
    cache.clear()  # Wagtail keeps renditions there, by image id: none from an earlier test
    tags = head(client, article.url)
    assert meta(tags, "og:image") is None

    clinic_settings.share_image = ClinicImageFactory(title="Clinic entrance")
    clinic_settings.save()
    rendition = clinic_settings.share_image.get_rendition(SHARE_IMAGE_FILTER)
    assert meta(head(client, article.url), "og:image") == f"{SITE_ROOT}{rendition.url}"  # the default instead


def test_paginated_and_topic_lists_are_their_own_canonical_and_not_indexed(client, pages, settings):
    settings.BLOG_ARTICLES_PER_PAGE = 1
    blog = pages["blog index"]
    BlogPageFactory(parent=blog, tags=["PTSD"])
    first = head(client, blog.url)
    assert canonical(first) == f"{SITE_ROOT}/blog/"
    assert "noindex" not in robots(first)

    second = head(client, "/blog/?page=2&utm_source=newsletter")
    assert canonical(second) == meta(second, "og:url") == f"{SITE_ROOT}/blog/?page=2"
    assert robots(second) == "noindex, follow"
    assert "page 2" in second.title.get_text()

    topic = head(client, "/blog/tag/ptsd/")
    assert canonical(topic) == f"{SITE_ROOT}/blog/tag/ptsd/"
    assert meta(topic, "og:title") == "Articles about PTSD"
    assert robots(topic) == "noindex, follow"
    assert canonical(head(client, "/blog/tag/ptsd/?page=2")) == f"{SITE_ROOT}/blog/tag/ptsd/?page=2"


def test_search_results_and_thank_you_pages_are_not_indexed(client, pages):
    search = head(client, "/search/?q=ketamine")
    assert "noindex" in robots(search)
    assert canonical(search) is None and meta(search, "og:title") is None  # no page: no page metadata
    thank_you = head(client, pages["form"].url + "thank-you/")
    assert "noindex" in robots(thank_you)
    assert canonical(thank_you) == f"{SITE_ROOT}{pages['form'].url}thank-you/"


def test_editors_see_a_length_hint_for_the_search_description(admin_client, pages):
    for kind in ("treatment", "article", "standard", "home", "blog index", "treatment index"):
        response = admin_client.get(f"/admin/pages/{pages[kind].pk}/edit/")
        assert response.status_code == 200
        assert "Aim for 50–160 characters" in response.content.decode(), kind


def test_the_share_image_setting_is_in_the_clinic_settings_form(admin_client, site):
    response = admin_client.get(f"/admin/settings/home/clinicsettings/{site.pk}/")
    assert response.status_code == 200
    assert 'name="share_image"' in response.content.decode()


# --- Absolute URLs: the request's Site, on the demo -----------------------------------------------


def absolute_urls_in_xml(content):
    """Every URL in a sitemap or feed: element text and attribute values that are http(s) addresses."""
    urls = []
    for element in ElementTree.fromstring(content).iter():
        for value in [element.text or "", *element.attrib.values()]:
            if value.strip().startswith(("http://", "https://")):
                urls.append(value.strip())
    return urls


# What JSON-LD names on purpose outside the site: the clinic's social profiles, its place on OpenStreetMap,
# and schema.org's own enumeration values (https://schema.org/Monday, .../Psychiatric).
JSON_LD_ELSEWHERE = {"@context", "sameAs", "hasMap", "medicalSpecialty", "dayOfWeek"}


def absolute_urls_in_json(value):
    if isinstance(value, dict):
        return [
            url for key, item in value.items() if key not in JSON_LD_ELSEWHERE for url in absolute_urls_in_json(item)
        ]
    if isinstance(value, list):
        return [url for item in value for url in absolute_urls_in_json(item)]
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return [value]
    return []


def test_sitemap_feeds_json_ld_canonical_and_share_urls_all_use_the_request_sites_host(client):
    call_command("load_demo_site", "--site-url", f"{SITE_ROOT}/", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("clinic.example", 8443)
    # The test client's Host is "testserver": only the Site record can give clinic.example:8443.
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    page_urls = absolute_urls_in_xml(sitemap.content)
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True).count()
    assert len(page_urls) == pages + Clinician.objects.count()  # and a profile for each clinician (the team page)
    found = {"sitemap": page_urls, "feed": [], "JSON-LD": [], "head": []}
    for feed in ("/blog/feed/", "/blog/feed/atom/"):
        response = client.get(feed)
        assert response.status_code == 200
        found["feed"] += absolute_urls_in_xml(response.content)
    assert ClinicSettings.for_site(site).share_image is not None
    for url in page_urls:
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200, url
        document = BeautifulSoup(response.content, "html.parser")
        for script in document.find_all("script", type="application/ld+json"):
            found["JSON-LD"] += absolute_urls_in_json(json.loads(script.string))
        found["head"] += [link["href"] for link in document.find_all("link", rel="canonical")]
        found["head"] += [tag["content"] for tag in document.find_all("meta", property=("og:url", "og:image"))]
        found["head"] += [tag["content"] for tag in document.find_all("meta", attrs={"name": "twitter:image"})]
    for where, urls in found.items():
        assert urls, f"no absolute URLs found in the {where}"
        wrong = [url for url in urls if urlsplit(url).netloc != SITE_HOST or urlsplit(url).scheme != "http"]
        assert not wrong, f"{where}: {wrong[:5]}"
    # The share image they name is one the server serves.
    image = next(url for url in found["head"] if "/media/" in url)
    assert client.get(urlsplit(image).path).status_code == 200
