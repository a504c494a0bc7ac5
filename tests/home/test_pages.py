import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage
from tests.factories import (
    PAGE_FACTORIES,
    BlogIndexPageFactory,
    BlogPageFactory,
    HomePageFactory,
    StandardPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    featured_pages,
    site_root_home_page,
)

PROJECT_APPS = {"core", "home", "treatments", "blog", "forms", "demo"}


def test_every_page_type_has_a_factory():
    project_page_models = {model for model in get_page_models() if model._meta.app_label in PROJECT_APPS}
    missing = sorted(model.__name__ for model in project_page_models - set(PAGE_FACTORIES))
    assert not missing, f"Page types without a factory in tests/factories: {missing}"


class HomePageTests(WagtailPageTestCase):
    def setUp(self):
        self.root = Page.get_first_root_node()
        self.login()

    def test_belongs_only_at_the_site_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_renders(self):
        home = site_root_home_page()
        self.assertPageIsRenderable(home)

    def test_can_be_created_in_the_admin(self):
        self.assertCanCreate(
            self.root,
            HomePage,
            nested_form_data(
                {
                    "title": "Home",
                    "slug": "new-home",
                    "hero_heading": "Help when treatment has not worked",
                    "hero_text": rich_text("<p>We offer ketamine, Spravato and TMS.</p>"),
                    "cta_label": "",
                    "body": streamfield(
                        [("section", {"heading": "Who we help", "text": rich_text("<p>Adults with depression.</p>")})]
                    ),
                }
            ),
        )

    def test_a_button_label_needs_a_page(self):
        home = HomePageFactory.build(cta_label="Request an appointment", cta_page=None)
        with pytest.raises(Exception, match="Choose the page the button opens"):
            home.clean()


class StandardPageTests(WagtailPageTestCase):
    def setUp(self):
        self.root = Page.get_first_root_node()
        self.home = site_root_home_page()
        self.login()

    def test_belongs_under_home_and_standard_pages_only(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_renders_its_sections_with_linkable_headings(self):
        page = StandardPageFactory(parent=self.home, title="Contact us")
        self.assertPageIsRenderable(page)
        response = self.client.get(page.url)
        self.assertContains(response, '<h2 id="finding-us">Finding us</h2>', html=True)

    def test_can_be_created_in_the_admin(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "About us",
                    "slug": "about",
                    "intro": "Who we are.",
                    "body": streamfield(
                        [
                            ("section", {"heading": "Our team", "text": rich_text("<p>Psychiatrists and nurses.</p>")}),
                            ("section", {"heading": "Our values", "text": rich_text("<p>Plain language.</p>")}),
                        ]
                    ),
                }
            ),
        )
        page = StandardPage.objects.get(slug="about")
        assert [block.value["heading"] for block in page.body] == ["Our team", "Our values"]


@pytest.mark.django_db
def test_home_page_shows_the_treatments_and_the_three_newest_articles(client, home_page):
    treatments = TreatmentIndexPageFactory(parent=home_page)
    TreatmentPageFactory(parent=treatments, title="Ketamine therapy")
    TreatmentPageFactory(parent=treatments, title="NeuroStar TMS")
    blog = BlogIndexPageFactory(parent=home_page)
    for day in range(1, 6):
        BlogPageFactory(parent=blog, title=f"Article {day}", date_published=datetime.date(2026, 5, day))
    home_page.body = [
        featured_pages("Treatments we offer", section=treatments),
        {"type": "section", "value": {"heading": "Who we help", "text": "<p>Adults with depression.</p>"}},
        featured_pages("Latest articles", section=blog, limit=3, tinted=True),
    ]
    home_page.save_revision().publish()

    soup = BeautifulSoup(client.get("/").content, "html.parser")

    def in_section(heading_id):
        section = soup.find("section", attrs={"aria-labelledby": heading_id})
        assert section.find("h2", id=heading_id), heading_id
        return [link.get_text() for link in section.select(".card__title a")]

    assert in_section("treatments-we-offer") == ["Ketamine therapy", "NeuroStar TMS"]
    assert in_section("latest-articles") == ["Article 5", "Article 4", "Article 3"]
    # The body reads in the editor's order, the text section between the two featured sections.
    assert [h2.get_text() for h2 in soup.select("main h2")][:3] == [
        "Treatments we offer",
        "Who we help",
        "Latest articles",
    ]
    assert "home-section--tinted" in soup.find("section", attrs={"aria-labelledby": "latest-articles"})["class"]
