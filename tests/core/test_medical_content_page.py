"""MedicalContentPage (core/models.py): treatment, condition and article pages share one set of rules."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from core.models import MedicalContentPage
from tests.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ClinicianFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)

pytestmark = pytest.mark.django_db

KINDS = ["treatment", "condition", "article"]


@pytest.fixture
def make_page(home_page):
    """A function making a live page of one kind, under its index, with any fields given."""
    indexes = {}

    def make(kind, **fields):
        if kind not in indexes:
            index_factory = {
                "treatment": TreatmentIndexPageFactory,
                "condition": ConditionIndexPageFactory,
                "article": BlogIndexPageFactory,
            }[kind]
            indexes[kind] = index_factory(parent=home_page)
        factory = {"treatment": TreatmentPageFactory, "condition": ConditionPageFactory, "article": BlogPageFactory}
        return factory[kind](parent=indexes[kind], **fields)

    return make


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return BeautifulSoup(response.content, "html.parser")


def headed_sections(count):
    """`count` headed sections of different kinds, with blocks that have no heading between them."""
    kinds = [
        {"type": "section", "value": {"heading": "What it is", "text": "<p>x</p>"}},
        {"type": "callout", "value": {"kind": "information", "title": "Note", "text": "<p>Not a section.</p>"}},
        {"type": "steps", "value": {"heading": "What happens", "steps": [{"title": "One"}, {"title": "Two"}]}},
        {"type": "testimonial", "value": {"quote": "It helped.", "attribution": "A patient", "results_note": ""}},
        {"type": "faq", "value": {"heading": "Questions", "questions": [{"question": "Q?", "answer": "<p>A.</p>"}]}},
        {"type": "section", "value": {"heading": "After treatment", "text": "<p>y</p>"}},
    ]
    body, headed = [], 0
    for block in kinds:
        if "heading" in block["value"]:
            if headed == count:
                continue
            headed += 1
        body.append(block)
    assert headed == count, "add more headed blocks above"
    return body


@pytest.mark.parametrize("kind", KINDS)
def test_the_table_of_contents_rule_is_the_same_on_every_kind_of_page(client, make_page, kind):
    minimum = MedicalContentPage.TABLE_OF_CONTENTS_MIN_SECTIONS
    assert minimum == 3
    short = make_page(kind, slug=f"short-{kind}", body=headed_sections(minimum - 1))
    assert soup_of(client, short).find("nav", class_="toc") is None

    long = make_page(kind, slug=f"long-{kind}", body=headed_sections(minimum))
    soup = soup_of(client, long)
    toc = soup.find("nav", class_="toc")
    links = [(a["href"], a.get_text()) for a in toc.find_all("a")]
    assert links == [("#what-it-is", "What it is"), ("#what-happens", "What happens"), ("#questions", "Questions")]
    for href, text in links:
        target = soup.find(id=href[1:])  # each link lands on its section's heading
        assert (target.name, target.get_text()) == ("h2", text)


@pytest.mark.parametrize("kind", ["treatment", "condition"])
def test_treatment_and_condition_pages_show_their_three_newest_live_articles(client, make_page, kind):
    page = make_page(kind, title="Ketamine")
    relation = "related_treatments" if kind == "treatment" else "related_conditions"
    for day in (1, 4, 2, 3):
        article = make_page("article", title=f"May {day}", date_published=datetime.date(2026, 5, day))
        getattr(article, relation).set([page])
        article.save()
    draft = make_page("article", title="Draft", date_published=datetime.date(2026, 6, 1), live=False)
    getattr(draft, relation).set([page])
    draft.save()
    make_page("article", title="About something else")

    assert [article.title for article in page.related_articles()] == ["May 4", "May 3", "May 2"]
    section = soup_of(client, page).find("section", attrs={"aria-labelledby": "articles-heading"})
    assert section.find("h2").get_text() == "Articles about Ketamine"
    assert [a.get_text() for a in section.select(".card__title a")] == ["May 4", "May 3", "May 2"]


def test_a_page_without_related_articles_shows_no_empty_list(client, make_page):
    page = make_page("condition")
    make_page("article", title="Unrelated")
    assert page.related_articles() == []
    assert soup_of(client, page).find("section", attrs={"aria-labelledby": "articles-heading"}) is None


def test_an_article_lists_related_articles_first_then_the_newest_others(client, make_page):
    article = make_page("article", title="Ketamine for PTSD", tags=["PTSD"])
    for day, tags in ((1, ["PTSD"]), (2, ["OCD"]), (3, ["TMS"]), (4, ["OCD"])):
        make_page("article", title=f"May {day}", date_published=datetime.date(2026, 5, day), tags=tags)
    # The one sharing a tag comes first, then the newest of the rest, never the article itself.
    assert [other.title for other in article.related_articles()] == ["May 1", "May 4", "May 3"]
    section = soup_of(client, article).find("section", attrs={"aria-labelledby": "related-heading"})
    assert [a.get_text() for a in section.select(".card__title a")] == ["May 1", "May 4", "May 3"]


def structured_data(client, page):
    script = soup_of(client, page).find("script", type="application/ld+json")
    return {item["@type"]: item for item in json.loads(script.string)["@graph"]}


@pytest.mark.parametrize(("kind", "about"), [("treatment", "MedicalTherapy"), ("condition", "MedicalCondition")])
def test_treatment_and_condition_pages_are_medical_web_pages_about_their_subject(client, make_page, kind, about):
    reviewer = ClinicianFactory(name="Dr. Amara Okafor", credentials="MD")
    page = make_page(kind, title="Spravato", reviewed_by=reviewer, last_reviewed=datetime.date(2026, 9, 30))
    items = structured_data(client, page)
    web_page = items["MedicalWebPage"]
    assert web_page["url"] == web_page["@id"] == page.full_url
    assert web_page["about"] == {"@type": about, "name": "Spravato"}
    assert web_page["reviewedBy"]["name"] == "Dr. Amara Okafor"
    assert web_page["lastReviewed"] == "2026-09-30"
    assert "BlogPosting" not in items


def test_an_article_is_a_reviewed_medical_web_page_whose_main_entity_is_its_blog_posting(client, make_page):
    author = ClinicianFactory(name="Dr. Helen Marsh")
    reviewer = ClinicianFactory(name="Rosa Delgado")
    article = make_page(
        "article",
        title="Ketamine for PTSD",
        author=author,
        reviewed_by=reviewer,
        last_reviewed=datetime.date(2026, 9, 30),
        date_published=datetime.date(2026, 4, 2),
        tags=["PTSD"],
    )
    items = structured_data(client, article)
    web_page, posting = items["MedicalWebPage"], items["BlogPosting"]
    assert web_page["reviewedBy"]["name"] == "Rosa Delgado"
    assert web_page["lastReviewed"] == "2026-09-30"
    assert web_page["mainEntity"] == {"@id": posting["@id"]} == {"@id": f"{article.full_url}#article"}
    assert posting["headline"] == "Ketamine for PTSD"
    assert posting["author"]["name"] == "Dr. Helen Marsh"
    assert posting["datePublished"] == "2026-04-02"


@pytest.mark.parametrize("kind", KINDS)
def test_an_unreviewed_page_claims_no_review(client, make_page, kind):
    page = make_page(kind, reviewed_by=None, last_reviewed=None)
    web_page = structured_data(client, page)["MedicalWebPage"]
    assert "reviewedBy" not in web_page and "lastReviewed" not in web_page


@pytest.mark.parametrize("kind", KINDS)
def test_faq_blocks_become_an_faq_page_on_every_kind(client, make_page, kind):
    faq = {
        "type": "faq",
        "value": {"heading": "Questions", "questions": [{"question": "Can I drive?", "answer": "<p>No.</p>"}]},
    }
    page = make_page(kind, body=[faq])
    faq_page = structured_data(client, page)["FAQPage"]
    assert faq_page["mainEntity"] == [
        {"@type": "Question", "name": "Can I drive?", "acceptedAnswer": {"@type": "Answer", "text": "No."}}
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_structured_data_cannot_break_out_of_its_script(client, make_page, kind):
    page = make_page(kind, title="</script><script>alert(1)</script>", summary="</script><script>alert(2)</script>")
    html = client.get(page.url).content.decode()
    assert "<script>alert(" not in html
    assert structured_data(client, page)["MedicalWebPage"]["description"] == "</script><script>alert(2)</script>"
