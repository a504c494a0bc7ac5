"""Featured pages (core/blocks/featured.py): a headed section of cards, for a section's pages or pages an editor picks."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core.blocks import FeaturedPagesBlock
from home.models import HomePage
from tests.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ClinicianFactory,
    ClinicImageFactory,
    StandardPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    featured_pages,
)

pytestmark = pytest.mark.django_db

BLOCK = FeaturedPagesBlock()


def value_of(raw):
    """The block's value for a raw featured_pages block, as a page body would hold it."""
    return BLOCK.to_python(raw["value"])


def titles(raw):
    return [page.title for page in BLOCK.items(value_of(raw))]


def make_private(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret")


@pytest.fixture
def treatments(home_page):
    return TreatmentIndexPageFactory(parent=home_page)


@pytest.fixture
def blog(home_page):
    return BlogIndexPageFactory(parent=home_page)


# --- Section mode ---------------------------------------------------------------


def test_a_section_shows_its_live_public_treatments_in_tree_order(treatments):
    # Created in this order, so the tree (the order editors arrange in the admin) is not alphabetical.
    for title in ("Spravato", "Ketamine therapy", "NeuroStar TMS"):
        TreatmentPageFactory(parent=treatments, title=title)
    TreatmentPageFactory(parent=treatments, title="A draft", live=False)
    make_private(TreatmentPageFactory(parent=treatments, title="A private page"))

    items = BLOCK.items(value_of(featured_pages("Treatments we offer", section=treatments)))
    assert [page.title for page in items] == ["Spravato", "Ketamine therapy", "NeuroStar TMS"]
    assert all(type(page).__name__ == "TreatmentPage" for page in items)  # specific, for their cards


def test_a_section_shows_the_newest_articles_first_up_to_its_limit(blog):
    for day in (2, 5, 1, 4, 3):
        BlogPageFactory(parent=blog, title=f"May {day}", date_published=datetime.date(2026, 5, day))
    BlogPageFactory(parent=blog, title="Newest, but a draft", date_published=datetime.date(2026, 6, 1), live=False)

    assert titles(featured_pages("Latest articles", section=blog, limit=3)) == ["May 5", "May 4", "May 3"]
    assert titles(featured_pages("All articles", section=blog)) == ["May 5", "May 4", "May 3", "May 2", "May 1"]


def test_a_section_of_mixed_page_types_shows_each_as_its_own_type(home_page, treatments):
    about = StandardPageFactory(parent=home_page, title="About us")
    items = BLOCK.items(value_of(featured_pages("Explore", section=home_page)))
    assert [page.title for page in items] == [treatments.title, about.title]
    assert [type(page).__name__ for page in items] == ["TreatmentIndexPage", "StandardPage"]


# --- Chosen mode ----------------------------------------------------------------


def test_chosen_pages_keep_the_editors_order_and_drop_unpublished_and_private_ones(home_page, treatments, blog):
    tms = TreatmentPageFactory(parent=treatments, title="NeuroStar TMS")
    article = BlogPageFactory(parent=blog, title="A week of TMS")
    ketamine = TreatmentPageFactory(parent=treatments, title="Ketamine therapy")
    draft = TreatmentPageFactory(parent=treatments, title="Draft", live=False)
    private = StandardPageFactory(parent=home_page, title="Staff only")
    make_private(private)

    chosen = featured_pages("Start here", pages=[article, draft, ketamine, private, tms])
    items = BLOCK.items(value_of(chosen))
    assert [page.title for page in items] == ["A week of TMS", "Ketamine therapy", "NeuroStar TMS"]
    assert [type(page).__name__ for page in items] == ["BlogPage", "TreatmentPage", "TreatmentPage"]

    ketamine.delete()  # a chosen page deleted later leaves an empty chooser behind
    assert titles(chosen) == ["A week of TMS", "NeuroStar TMS"]


# --- Validation -----------------------------------------------------------------


def messages(raw):
    with pytest.raises(ValidationError) as caught:
        BLOCK.clean(value_of(raw))
    return str(caught.value.as_json_data())


def test_a_section_must_be_chosen_and_chosen_pages_need_at_least_one():
    no_section = featured_pages("Treatments we offer")
    assert "Choose the section whose pages to show" in messages(no_section)
    no_pages = {**no_section, "value": {**no_section["value"], "show": "chosen"}}
    assert "Choose at least one page to show." in messages(no_pages)


class TestInTheAdmin:
    """What an editor meets: the messages on publishing, and a half-done section kept as a draft."""

    @pytest.fixture(autouse=True)
    def editor(self, admin_client, home_page):
        self.client = admin_client
        self.home = home_page

    def post(self, featured, **action):
        data = nested_form_data(
            {
                "title": self.home.title,
                "slug": self.home.slug,
                "hero_heading": "Help when treatment has not worked",
                "hero_text": rich_text("<p>Ketamine, Spravato and TMS.</p>"),
                "cta_label": "",
                "body": streamfield([("featured_pages", featured)]),
            }
        )
        return self.client.post(f"/admin/pages/{self.home.pk}/edit/", {**data, **action})

    @staticmethod
    def featured(show, section="", pages=()):
        return {
            "heading": "Treatments we offer",
            "intro": "",
            "show": show,
            "section": section,
            "limit": "",
            "pages": streamfield([("item", page.pk) for page in pages]),
            "tinted": "",
        }

    @pytest.mark.parametrize(
        ("show", "message"),
        [
            ("section", "Choose the section whose pages to show, e.g. “Treatments”."),
            ("chosen", "Choose at least one page to show."),
        ],
    )
    def test_publishing_an_unfinished_section_gives_the_editors_message(self, show, message):
        response = self.post(self.featured(show), **{"action-publish": "action-publish"})
        assert response.status_code == 200
        assert message in str(response.context["form"].errors["body"].as_data()[0].as_json_data())
        assert len(HomePage.objects.get(pk=self.home.pk).body) == 0  # nothing published

    def test_an_unfinished_section_can_wait_in_a_draft(self):
        response = self.post(self.featured("section"))
        assert response.status_code == 302
        draft = HomePage.objects.get(pk=self.home.pk).get_latest_revision_as_object()
        assert [block.block_type for block in draft.body] == ["featured_pages"]

    def test_a_finished_section_is_published(self, treatments):
        TreatmentPageFactory(parent=treatments, title="Ketamine therapy")
        response = self.post(self.featured("section", section=treatments.pk), **{"action-publish": "action-publish"})
        assert response.status_code == 302
        home = HomePage.objects.get(pk=self.home.pk)
        assert home.body[0].value["section"].specific == treatments


# --- Rendering ------------------------------------------------------------------


def home_soup(client, home, *body):
    home.body = list(body)
    home.save_revision().publish()
    response = client.get(home.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_section_renders_as_a_headed_list_of_cards_each_of_its_models_kind(client, home_page, treatments, blog):
    TreatmentPageFactory(parent=treatments, title="Ketamine therapy")
    BlogPageFactory(parent=blog, title="A week of TMS")
    intro_block = featured_pages("Latest articles", section=blog, tinted=True)
    intro_block["value"]["intro"] = "From our clinicians."
    soup = home_soup(client, home_page, featured_pages("Treatments we offer", section=treatments), intro_block)

    treatments_section = soup.find("section", attrs={"aria-labelledby": "treatments-we-offer"})
    assert treatments_section.find("h2", id="treatments-we-offer").get_text() == "Treatments we offer"
    assert "home-section--tinted" not in treatments_section["class"]
    [card] = treatments_section.select("li.card")
    assert card.find("h3").get_text() == "Ketamine therapy"
    assert "card--article" not in card["class"]  # the plain card: TreatmentPage sets no card_template

    articles = soup.find("section", attrs={"aria-labelledby": "latest-articles"})
    assert "home-section--tinted" in articles["class"]
    assert articles.find("p", class_="home-section__intro").get_text() == "From our clinicians."
    [card] = articles.select("li.card")
    assert "card--article" in card["class"]  # BlogPage.card_template: with its date and author
    assert card.find("time")


def test_an_empty_section_is_not_shown_at_all(client, home_page, treatments, blog):
    TreatmentPageFactory(parent=treatments, title="Only a draft", live=False)
    draft = BlogPageFactory(parent=blog, title="Draft article", live=False)
    soup = home_soup(
        client,
        home_page,
        featured_pages("Treatments we offer", section=treatments),
        featured_pages("Start here", pages=[draft]),
        {"type": "section", "value": {"heading": "Who we help", "text": "<p>Adults.</p>"}},
    )
    assert [h2.get_text() for h2 in soup.select("main h2")] == ["Who we help"]
    assert not soup.select("main section.home-section")


def queries_to_render(client, url):
    client.get(url)  # the first render makes image renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), BeautifulSoup(response.content, "html.parser")


def test_the_home_pages_query_count_does_not_grow_with_the_treatments_and_articles(
    client, settings, home_page, treatments, blog, django_assert_max_num_queries
):
    settings.FRAGMENT_CACHE_ENABLED = False  # the featured lists themselves, rendered in full
    author = ClinicianFactory()

    def add(count):
        for _ in range(count):
            TreatmentPageFactory(parent=treatments, hero_image=ClinicImageFactory())
            BlogPageFactory(parent=blog, hero_image=ClinicImageFactory(), author=author, tags=["PTSD", "Ketamine"])

    home_page.body = [
        featured_pages("Treatments we offer", section=treatments),
        featured_pages("Latest articles", section=blog, limit=10),
    ]
    home_page.save_revision().publish()
    add(2)
    with_two, soup = queries_to_render(client, home_page.url)
    assert len(soup.select("main li.card")) == 4
    add(4)
    client.get(home_page.url)
    with django_assert_max_num_queries(with_two):
        response = client.get(home_page.url)
    assert len(BeautifulSoup(response.content, "html.parser").select("main li.card")) == 12
