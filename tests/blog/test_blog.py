import datetime

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogIndexPage, BlogPage
from core.blocks import BodyBlock
from home.models import HomePage
from tests.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ClinicianFactory,
    ClinicImageFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    FormPageFactory,
    StandardPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    site_root_home_page,
)

ATOM = "{http://www.w3.org/2005/Atom}"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [a.get_text() for a in soup(response).select(".card__title a")]


def typed_table(headings, rows):
    """TypedTableBlock's form data: text columns and rows of cells."""
    data = {"caption": "Treatments compared", "column-count": len(headings), "row-count": len(rows)}
    for i, heading in enumerate(headings):
        data.update(
            {
                f"column-{i}-type": "text",
                f"column-{i}-order": i,
                f"column-{i}-deleted": "",
                f"column-{i}-heading": heading,
            }
        )
    for r, row in enumerate(rows):
        data.update({f"row-{r}-order": r, f"row-{r}-deleted": ""})
        data.update({f"cell-{r}-{c}": value for c, value in enumerate(row)})
    return data


class BlogPageTypeTests(WagtailPageTestCase):
    def setUp(self):
        self.home = site_root_home_page()
        self.blog = BlogIndexPageFactory(parent=self.home)
        self.login()

    def test_pages_belong_where_they_should_and_nowhere_else(self):
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BlogIndexPage, {BlogPage})
        self.assertAllowedParentPageTypes(BlogPage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(BlogPage, set())
        self.assertCanNotCreateAt(Page, BlogIndexPage)
        assert not BlogIndexPage.can_create_at(self.home)

    def test_both_render(self):
        article = BlogPageFactory(parent=self.blog)
        self.assertPageIsRenderable(self.blog)
        self.assertPageIsRenderable(article)

    def test_an_article_with_every_block_kind_can_be_created_in_the_admin(self):
        image = ClinicImageFactory()
        author = ClinicianFactory()
        contact = StandardPageFactory(parent=self.home, slug="contact")
        treatment = TreatmentPageFactory(parent=TreatmentIndexPageFactory(parent=self.home))
        condition = ConditionPageFactory(parent=ConditionIndexPageFactory(parent=self.home))
        call_back = FormPageFactory(parent=self.home)
        body = [
            ("section", {"heading": "What PTSD is", "text": rich_text("<p>A condition after trauma.</p>")}),
            ("key_takeaways", {"heading": "In short", "points": streamfield([("item", "Ketamine can act fast.")])}),
            (
                "benefits",
                {
                    "heading": "Benefits",
                    "intro": rich_text(""),
                    "items": streamfield([("item", {"title": "Fast relief", "detail": "Within days."})]),
                },
            ),
            (
                "risks",
                {
                    "heading": "Risks and side effects",
                    "intro": rich_text("<p>Mostly short-lived.</p>"),
                    "items": streamfield([("item", {"name": "Dissociation", "description": "Feeling detached."})]),
                    "get_help": rich_text("<p>Tell the nurse.</p>"),
                },
            ),
            (
                "steps",
                {
                    "heading": "An eight-step plan",
                    "steps": streamfield(
                        [
                            ("item", {"title": "Assess", "text": rich_text("<p>See a psychiatrist.</p>")}),
                            ("item", {"title": "Plan", "text": rich_text("<p>Agree a plan.</p>")}),
                        ]
                    ),
                },
            ),
            (
                "faq",
                {
                    "heading": "Questions",
                    "questions": streamfield(
                        [("item", {"question": "Is it covered?", "answer": rich_text("<p>Sometimes.</p>")})]
                    ),
                },
            ),
            ("callout", {"kind": "caution", "title": "Driving", "text": rich_text("<p>Not on the day.</p>")}),
            (
                "when_to_get_help",
                {
                    "heading": "When to get help",
                    "non_urgent": rich_text("<p>Call us.</p>"),
                    "urgent": rich_text("<p>Same day care.</p>"),
                    "emergency": rich_text("<p>Call or text 988, or call 911.</p>"),
                },
            ),
            (
                "testimonial",
                {"quote": "I slept again.", "attribution": "A patient", "results_note": "Results vary."},
            ),
            (
                "references",
                {
                    "heading": "References",
                    "items": streamfield(
                        [
                            (
                                "item",
                                {
                                    "authors": "Feder A, et al.",
                                    "title": "Efficacy of intravenous ketamine for chronic PTSD",
                                    "source": "JAMA Psychiatry",
                                    "year": "2014",
                                    "url": "",
                                    "doi": "10.1001/jamapsychiatry.2014.62",
                                },
                            )
                        ]
                    ),
                },
            ),
            (
                "call_to_action",
                {
                    "heading": "Talk to us",
                    "text": "We call back.",
                    "button_label": "Contact us",
                    "page": contact.pk,
                    "link_url": "",
                },
            ),
            ("image", {"image": image.pk, "alt_text": "A calm room", "decorative": "", "caption": "", "credit": ""}),
            (
                "video",
                {
                    "video": "https://youtu.be/aqz-KE-bpKQ",
                    "title": "A ketamine session, start to finish",
                    "poster": image.pk,
                    "caption": "",
                    "transcript": rich_text("<p>A nurse explains each step.</p>"),
                },
            ),
            ("table", typed_table(["Treatment", "How"], [["Spravato", "Nasal spray"], ["TMS", "Magnetic pulses"]])),
            ("form", {"form_page": call_back.pk, "heading": "Ask for a call", "text": ""}),
            ("self_check", {"instrument": "pcl-5", "introduction": "A check some people find useful."}),
        ]
        assert {name for name, _ in body} == set(BodyBlock().child_blocks), "the test must cover every block kind"
        form_data = nested_form_data(
            {
                "title": "Ketamine for PTSD",
                "slug": "ketamine-for-ptsd",
                "summary": "How ketamine can help.",
                "hero_image": image.pk,
                "author": author.pk,
                "date_published": "2026-11-01",
                "body": streamfield(body),
                "tags": "PTSD, Ketamine",
                "reviewed_by": author.pk,
                "last_reviewed": "2026-11-02",
                "next_review_due": "",
                "comments": inline_formset([]),
            }
        )
        # Multiple-choice values stay lists: nested_form_data would number them as separate fields.
        form_data.update(related_treatments=[treatment.pk], related_conditions=[condition.pk])
        self.assertCanCreate(self.blog, BlogPage, form_data)
        article = BlogPage.objects.get(slug="ketamine-for-ptsd")
        assert [block.block_type for block in article.body] == [name for name, _ in body]
        assert {tag.name for tag in article.tags.all()} == {"PTSD", "Ketamine"}
        assert list(article.related_treatments.all()) == [treatment]
        table = next(block.value for block in article.body if block.block_type == "table")
        assert table.caption == "Treatments compared" and len(list(table.rows)) == 2


@pytest.fixture
def blog(home_page):
    return BlogIndexPageFactory(parent=home_page)


@pytest.mark.django_db
def test_index_lists_newest_first_and_paginates(client, blog, settings):
    settings.BLOG_ARTICLES_PER_PAGE = 2
    for day in (3, 1, 2):
        BlogPageFactory(parent=blog, title=f"Day {day}", date_published=datetime.date(2026, 5, day))
    assert titles(client.get(blog.url)) == ["Day 3", "Day 2"]
    assert titles(client.get(blog.url, {"page": 2})) == ["Day 1"]
    nav = soup(client.get(blog.url)).find("nav", attrs={"aria-label": "Pages of articles"})
    assert " ".join(nav.find("a", attrs={"aria-current": "page"}).get_text().split()) == "Page 1"
    assert nav.find("a", rel="next")["href"] == "?page=2"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "expected"), [("0", "Day 3"), ("-1", "Day 3"), ("abc", "Day 3"), ("999", "Day 1"), ("", "Day 3")]
)
def test_malformed_page_numbers_give_a_sensible_page(client, blog, settings, page, expected):
    settings.BLOG_ARTICLES_PER_PAGE = 2
    for day in (3, 1, 2):
        BlogPageFactory(parent=blog, title=f"Day {day}", date_published=datetime.date(2026, 5, day))
    assert titles(client.get(blog.url, {"page": page}))[0] == expected


@pytest.mark.django_db
def test_empty_blog_says_so(client, blog):
    page = soup(client.get(blog.url))
    assert "There are no articles here yet." in page.get_text()
    assert page.find("nav", attrs={"aria-label": "Pages of articles"}) is None


@pytest.mark.django_db
def test_tag_pages_filter_and_unknown_tags_are_404(client, blog):
    BlogPageFactory(parent=blog, title="About PTSD", tags=["PTSD"])
    BlogPageFactory(parent=blog, title="About TMS", tags=["TMS"])
    response = client.get(f"{blog.url}tag/ptsd/")
    assert titles(response) == ["About PTSD"]
    assert soup(response).find("h1").get_text() == "Articles about PTSD"
    assert client.get(f"{blog.url}tag/no-such-tag/").status_code == 404
    BlogPageFactory(parent=blog, title="Draft", tags=["Drafts only"], live=False)
    assert client.get(f"{blog.url}tag/drafts-only/").status_code == 404


@pytest.mark.django_db
def test_feeds_list_the_newest_articles_with_absolute_links(client, blog):
    for day in (1, 3, 2):
        BlogPageFactory(parent=blog, title=f"Day {day}", slug=f"day-{day}", date_published=datetime.date(2026, 5, day))
    rss = ElementTree.fromstring(client.get(f"{blog.url}feed/").content)
    items = rss.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Day 3", "Day 2", "Day 1"]
    site_url = Site.objects.get(is_default_site=True).root_url
    assert items[0].findtext("link") == f"{site_url}/blog/day-3/"
    assert "03 May 2026" in items[0].findtext("pubDate")

    atom = ElementTree.fromstring(client.get(f"{blog.url}feed/atom/").content)
    links = [entry.find(f"{ATOM}link").get("href") for entry in atom.findall(f"{ATOM}entry")]
    assert links[0] == f"{site_url}/blog/day-3/"


def queries_to_render(client, url):
    client.get(url)  # first render makes image renditions and fills caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_index_query_count_is_the_same_for_10_and_200_articles(
    client, settings, blog, django_assert_max_num_queries, without_search_indexing
):
    settings.FRAGMENT_CACHE_ENABLED = False  # the list itself, rendered in full
    image = ClinicImageFactory()
    author = ClinicianFactory()

    def add(count):
        for _ in range(count):
            BlogPageFactory(parent=blog, hero_image=image, author=author, reviewed_by=author, tags=["PTSD"])

    add(10)
    with_ten = queries_to_render(client, blog.url)
    add(190)
    with django_assert_max_num_queries(with_ten):
        assert client.get(blog.url).status_code == 200


@pytest.mark.django_db
def test_article_shows_byline_review_reading_time_and_related(client, blog):
    author = ClinicianFactory(name="Dr. Helen Marsh", credentials="MD")
    reviewer = ClinicianFactory(name="Rosa Delgado", credentials="PMHNP-BC")
    article = BlogPageFactory(
        parent=blog, title="Ketamine for PTSD", author=author, reviewed_by=reviewer, tags=["PTSD"]
    )
    other = BlogPageFactory(parent=blog, title="PTSD medication alternatives", tags=["PTSD"])
    page = soup(client.get(article.url))
    meta = " ".join(page.find(class_="article-meta").get_text().split())
    assert meta.startswith("By Dr. Helen Marsh, MD · ")
    assert meta.endswith("1 min read")
    assert "Medically reviewed by Rosa Delgado, PMHNP-BC on October 1, 2026" in " ".join(
        page.find(class_="review-line").get_text().split()
    )
    related = page.find("section", attrs={"aria-labelledby": "related-heading"})
    assert [a.get_text() for a in related.select(".card__title a")] == [other.title]


@pytest.mark.django_db
def test_reading_time_grows_with_the_body(blog):
    words = " ".join(["word"] * 599)  # and the heading: 600 words
    article = BlogPageFactory(
        parent=blog, body=[{"type": "section", "value": {"heading": "Long", "text": f"<p>{words}</p>"}}]
    )
    assert article.reading_minutes == 3


@pytest.mark.django_db
def test_article_still_renders_when_author_and_reviewer_are_deleted(client, blog):
    article = BlogPageFactory(parent=blog)
    article.author.delete()
    article.reviewed_by.delete()
    page = soup(client.get(article.url))
    assert page.find("h1").get_text() == article.title
    assert page.find(class_="review-line") is None


@pytest.mark.django_db
def test_publication_date_defaults_to_the_first_publish(blog):
    article = BlogPageFactory(parent=blog, date_published=None, live=False)
    assert article.date_published is None
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.date_published == article.first_published_at.date()


@pytest.mark.django_db
def test_treatment_and_condition_pages_list_their_articles(client, home_page, blog):
    treatment = TreatmentPageFactory(parent=TreatmentIndexPageFactory(parent=home_page), title="Spravato")
    condition = ConditionPageFactory(parent=ConditionIndexPageFactory(parent=home_page), title="PTSD")
    article = BlogPageFactory(parent=blog, title="What to expect at a Spravato session")
    article.related_treatments.set([treatment])
    article.related_conditions.set([condition])
    article.save()
    BlogPageFactory(parent=blog, title="Unrelated")
    for page in (treatment, condition):
        section = soup(client.get(page.url)).find("section", attrs={"aria-labelledby": "articles-heading"})
        assert [a.get_text() for a in section.select(".card__title a")] == ["What to expect at a Spravato session"]
