"""A feed per topic, linked from its tag page, and sitemap dates that follow what was published."""

import datetime

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.utils import timezone
from wagtail.models import Site

from tests.factories import BlogIndexPageFactory, BlogPageFactory, TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def blog(home_page):
    return BlogIndexPageFactory(parent=home_page)


@pytest.fixture
def articles(blog):
    BlogPageFactory(parent=blog, title="PTSD and ketamine", slug="ptsd-ketamine", tags=["PTSD"])
    BlogPageFactory(parent=blog, title="Nightmares after trauma", slug="nightmares", tags=["PTSD", "Sleep"])
    BlogPageFactory(parent=blog, title="TMS week by week", slug="tms", tags=["TMS"])
    BlogPageFactory(parent=blog, title="Draft on PTSD", slug="draft", tags=["PTSD"], live=False)


def test_a_topics_rss_feed_lists_only_its_live_articles_with_absolute_links(client, blog, articles):
    site_url = Site.objects.get(is_default_site=True).root_url
    response = client.get(f"{blog.url}tag/ptsd/feed/")
    assert response.status_code == 200
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("title") == f"{blog.title}: PTSD"
    assert channel.findtext("link") == f"{site_url}{blog.url}tag/ptsd/"
    assert {item.findtext("title") for item in channel.findall("item")} == {
        "PTSD and ketamine",
        "Nightmares after trauma",
    }
    own = channel.find(f"{ATOM}link")
    assert own.get("href") == f"{site_url}{blog.url}tag/ptsd/feed/"


def test_a_topics_atom_feed_names_itself(client, blog, articles):
    site_url = Site.objects.get(is_default_site=True).root_url
    feed = ElementTree.fromstring(client.get(f"{blog.url}tag/tms/feed/atom/").content)
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == ["TMS week by week"]
    hrefs = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert hrefs["self"] == f"{site_url}{blog.url}tag/tms/feed/atom/"


def test_a_topic_without_live_articles_has_no_feed(client, blog, articles):
    assert client.get(f"{blog.url}tag/no-such-topic/feed/").status_code == 404
    BlogPageFactory(parent=blog, title="Unpublished", slug="unpublished", tags=["Drafts only"], live=False)
    assert client.get(f"{blog.url}tag/drafts-only/feed/atom/").status_code == 404


def test_the_tag_page_links_its_own_feeds_and_the_blog_index_the_whole_blogs(client, blog, articles):
    tag_page = BeautifulSoup(client.get(f"{blog.url}tag/ptsd/").content, "html.parser")
    alternates = [link["href"] for link in tag_page.select('link[rel="alternate"]')]
    assert f"{blog.url}tag/ptsd/feed/" in alternates and f"{blog.url}tag/ptsd/feed/atom/" in alternates
    visible = [a["href"] for a in tag_page.select(".feed-links a")]
    assert visible == [f"{blog.url}tag/ptsd/feed/", f"{blog.url}tag/ptsd/feed/atom/"]
    assert "about ptsd" in tag_page.select_one(".feed-links").get_text().lower()

    index = BeautifulSoup(client.get(blog.url).content, "html.parser")
    assert [a["href"] for a in index.select(".feed-links a")] == [f"{blog.url}feed/", f"{blog.url}feed/atom/"]


def sitemap(client):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return {
        entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod") for entry in root.findall(f"{SITEMAP}url")
    }


def published_on(page, when):
    type(page).objects.filter(pk=page.pk).update(last_published_at=when)


def test_each_pages_lastmod_is_its_last_publication_and_a_list_follows_its_newest_item(client, home_page):
    site_url = Site.objects.get(is_default_site=True).root_url
    blog = BlogIndexPageFactory(parent=home_page)
    older = BlogPageFactory(parent=blog, slug="older")
    newer = BlogPageFactory(parent=blog, slug="newer")
    draft = BlogPageFactory(parent=blog, slug="draft", live=False)
    treatments = TreatmentIndexPageFactory(parent=home_page)
    treatment = TreatmentPageFactory(parent=treatments, slug="tms")
    moment = timezone.make_aware(datetime.datetime(2026, 3, 1, 12, 0))
    published_on(blog, moment)
    published_on(older, moment + datetime.timedelta(days=10))
    published_on(newer, moment + datetime.timedelta(days=20))
    published_on(draft, moment + datetime.timedelta(days=40))  # not live: does not date the list
    published_on(treatments, moment + datetime.timedelta(days=30))
    published_on(treatment, moment + datetime.timedelta(days=5))  # older than its list: the list keeps its own

    dates = sitemap(client)
    assert dates[f"{site_url}/blog/older/"] == "2026-03-11"
    assert dates[f"{site_url}/blog/newer/"] == "2026-03-21"
    assert dates[f"{site_url}/blog/"] == "2026-03-21"
    assert dates[f"{site_url}{treatments.url}"] == "2026-03-31"
    assert dates[f"{site_url}{treatment.url}"] == "2026-03-06"

    older.save_revision().publish()
    assert sitemap(client)[f"{site_url}/blog/"] == timezone.localdate().isoformat()
