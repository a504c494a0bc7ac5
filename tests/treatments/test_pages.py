import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage
from tests.factories import (
    ClinicianFactory,
    ClinicImageFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    HomePageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    link,
    site_root_home_page,
)
from treatments.models import ConditionIndexPage, ConditionPage, TreatmentIndexPage, TreatmentPage


def section(heading):
    return ("section", {"heading": heading, "text": rich_text(f"<p>About {heading.lower()}.</p>")})


class TreatmentPageTypeTests(WagtailPageTestCase):
    def setUp(self):
        self.home = site_root_home_page()
        self.treatments = TreatmentIndexPageFactory(parent=self.home)
        self.conditions = ConditionIndexPageFactory(parent=self.home)
        self.reviewer = ClinicianFactory(name="Dr. Amara Okafor", credentials="MD")
        self.login()

    def test_pages_belong_where_they_should_and_nowhere_else(self):
        self.assertAllowedParentPageTypes(TreatmentIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ConditionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(TreatmentIndexPage, {TreatmentPage})
        self.assertAllowedSubpageTypes(ConditionIndexPage, {ConditionPage})
        self.assertAllowedParentPageTypes(TreatmentPage, {TreatmentIndexPage})
        self.assertAllowedParentPageTypes(ConditionPage, {ConditionIndexPage})
        self.assertAllowedSubpageTypes(TreatmentPage, set())
        self.assertAllowedSubpageTypes(ConditionPage, set())
        self.assertCanNotCreateAt(StandardPage, TreatmentPage)
        self.assertCanNotCreateAt(Page, TreatmentIndexPage)

    def test_each_index_exists_once_per_site(self):
        assert not TreatmentIndexPage.can_create_at(self.home)
        assert not ConditionIndexPage.can_create_at(self.home)
        other_site_home = HomePageFactory(parent=Page.get_first_root_node())
        assert TreatmentIndexPage.can_create_at(other_site_home)

    def test_all_render(self):
        treatment = TreatmentPageFactory(parent=self.treatments)
        condition = ConditionPageFactory(parent=self.conditions)
        for page in (self.treatments, self.conditions, treatment, condition):
            self.assertPageIsRenderable(page)

    def test_treatment_can_be_created_in_the_admin(self):
        ptsd = ConditionPageFactory(parent=self.conditions, title="PTSD")
        self.assertCanCreate(
            self.treatments,
            TreatmentPage,
            nested_form_data(
                {
                    "title": "Ketamine therapy",
                    "slug": "ketamine",
                    "summary": "Low-dose ketamine, given in the clinic.",
                    "treated_conditions": inline_formset([{"condition": ptsd.pk}]),
                    "how_given": "IV infusion or intramuscular injection",
                    "session_length": "40 minutes",
                    "course_length": "6 sessions over 2–3 weeks",
                    "insurance_note": "Usually self-pay.",
                    "fda_status": "off_label",
                    "fda_indication": rich_text("<p>FDA-approved as an anesthetic; we use it off-label for:</p>"),
                    "off_label_uses": rich_text("<p>PTSD and depression.</p>"),
                    "rems_requirements": rich_text(""),
                    "body": streamfield(
                        [
                            section("What it is"),
                            (
                                "benefits",
                                {
                                    "heading": "Benefits",
                                    "intro": rich_text(""),
                                    "items": streamfield([("item", {"title": "Fast relief", "detail": ""})]),
                                },
                            ),
                            (
                                "risks",
                                {
                                    "heading": "Risks and side effects",
                                    "intro": rich_text("<p>Mostly mild.</p>"),
                                    "items": streamfield([("item", {"name": "Nausea", "description": "Passes soon."})]),
                                    "get_help": rich_text("<p>Tell the nurse.</p>"),
                                },
                            ),
                        ]
                    ),
                    "reviewed_by": self.reviewer.pk,
                    "last_reviewed": "2026-10-01",
                    "next_review_due": "2027-10-01",
                }
            ),
        )
        treatment = TreatmentPage.objects.get(slug="ketamine")
        assert (treatment.fda_status, treatment.fda_heading) == ("off_label", "Off-label use")
        assert treatment.conditions() == [ptsd]
        assert [block.block_type for block in treatment.body] == ["section", "benefits", "risks"]

    def test_condition_can_be_created_in_the_admin(self):
        self.assertCanCreate(
            self.conditions,
            ConditionPage,
            nested_form_data(
                {
                    "title": "OCD",
                    "slug": "ocd",
                    "summary": "Obsessions and compulsions.",
                    "common_symptoms": "Unwanted thoughts\nRepeated checking",
                    "body": streamfield([section("What OCD is")]),
                    "reviewed_by": "",
                    "last_reviewed": "",
                    "next_review_due": "",
                }
            ),
        )

    def benefits_only(self, slug, **action):
        return self.client.post(
            f"/admin/pages/add/treatments/treatmentpage/{self.treatments.pk}/",
            {
                **nested_form_data(
                    {
                        "title": "Only good news",
                        "slug": slug,
                        "summary": "x",
                        "treated_conditions": inline_formset([]),
                        "how_given": "Nasal spray",
                        "fda_status": "",
                        "fda_indication": rich_text(""),
                        "off_label_uses": rich_text(""),
                        "rems_requirements": rich_text(""),
                        "body": streamfield(
                            [
                                (
                                    "benefits",
                                    {
                                        "heading": "Benefits",
                                        "intro": rich_text(""),
                                        "items": streamfield([("item", {"title": "Fast relief", "detail": ""})]),
                                    },
                                ),
                                ("image", {"image": "", "alt_text": "", "decorative": "", "caption": "", "credit": ""}),
                            ]
                        ),
                    }
                ),
                **action,
            },
        )

    def test_benefits_without_risks_cannot_be_published(self):
        response = self.benefits_only("only-good-news", **{"action-publish": "action-publish"})
        assert response.status_code == 200
        assert not TreatmentPage.objects.filter(slug="only-good-news").exists()
        errors = str(response.context["form"].errors["body"].as_data()[0].as_json_data())
        # The page-wide rule and the errors inside blocks are reported together.
        assert "add a “Risks and side effects” section too" in errors
        assert "Choose an image." in errors

    def test_a_half_written_draft_can_be_saved(self):
        response = self.benefits_only("draft-in-progress")
        assert response.status_code == 302
        draft = TreatmentPage.objects.get(slug="draft-in-progress")
        assert not draft.live
        # The unfinished image block is skipped when the draft is previewed.
        assert self.client.get(f"/admin/pages/{draft.pk}/view_draft/").status_code == 200

    def test_review_dates_must_make_sense(self):
        page = TreatmentPageFactory.build(
            reviewed_by=self.reviewer,
            last_reviewed=datetime.date(2026, 10, 1),
            next_review_due=datetime.date(2026, 9, 1),
        )
        with pytest.raises(Exception, match="The next review must come after the last one"):
            page.clean()


@pytest.fixture
def treatment_and_condition(home_page):
    treatments = TreatmentIndexPageFactory(parent=home_page)
    conditions = ConditionIndexPageFactory(parent=home_page)
    reviewer = ClinicianFactory(name="Dr. Amara Okafor", credentials="MD")
    treatment = TreatmentPageFactory(parent=treatments, title="Spravato", slug="spravato", reviewed_by=reviewer)
    condition = ConditionPageFactory(parent=conditions, title="Treatment-resistant depression", slug="trd")
    link(treatment, condition)
    return treatment, condition


@pytest.mark.django_db
def test_one_relation_shows_on_both_pages(client, treatment_and_condition):
    treatment, condition = treatment_and_condition
    treatment_html = BeautifulSoup(client.get(treatment.url).content, "html.parser")
    glance = treatment_html.find("aside", class_="glance")
    assert glance.find("a", href=condition.url).get_text() == "Treatment-resistant depression"

    condition_html = BeautifulSoup(client.get(condition.url).content, "html.parser")
    related = condition_html.find("section", class_="related")
    assert related.find("a", href=treatment.url).get_text() == "Spravato"


@pytest.mark.django_db
def test_unpublished_pages_drop_out_of_the_relation(client, treatment_and_condition):
    treatment, condition = treatment_and_condition
    condition.unpublish()
    assert treatment.conditions() == []
    treatment.refresh_from_db()
    treatment.unpublish()
    assert list(condition.treatments()) == []


@pytest.mark.django_db
def test_medical_review_line(client, treatment_and_condition):
    treatment, _ = treatment_and_condition
    line = BeautifulSoup(client.get(treatment.url).content, "html.parser").find(class_="review-line")
    text = " ".join(line.get_text().split())
    assert "Medically reviewed by Dr. Amara Okafor, MD on October 1, 2026 · Next review due October 1, 2027" in text


@pytest.mark.django_db
def test_page_still_renders_when_its_reviewer_is_deleted(client, treatment_and_condition):
    treatment, _ = treatment_and_condition
    treatment.reviewed_by.delete()
    response = client.get(treatment.url)
    assert response.status_code == 200
    assert b"Medically reviewed by" not in response.content


def queries_to_render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.django_db
def test_index_query_count_does_not_grow_with_the_treatments(client, home_page):
    treatments = TreatmentIndexPageFactory(parent=home_page)
    for n in range(2):
        TreatmentPageFactory(parent=treatments, slug=f"t{n}", hero_image=ClinicImageFactory())
    client.get(treatments.url)  # first render makes the image renditions
    few, _ = queries_to_render(client, treatments.url)
    for n in range(2, 12):
        TreatmentPageFactory(parent=treatments, slug=f"t{n}", hero_image=ClinicImageFactory())
    client.get(treatments.url)
    many, response = queries_to_render(client, treatments.url)
    assert many == few
    assert len(BeautifulSoup(response.content, "html.parser").select(".card")) == 12
