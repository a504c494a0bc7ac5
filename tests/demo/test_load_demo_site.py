"""`manage.py load_demo_site`: the demo clinic, built from demo/content/, checked for its structure, not its wording."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site, WorkflowPage

from blog.models import BlogIndexPage, BlogPage
from core.blocks import HomeBodyBlock
from demo.pagedata import References, child_relations, to_data
from forms.models import FormPage
from home.models import Clinician, ClinicSettings
from home.roles import MEDICAL_REVIEW_WORKFLOW
from treatments.models import ConditionIndexPage, ConditionPage, TreatmentIndexPage, TreatmentPage

from .conftest import blocks_of, bodies, demo_pages, load, page_files, read, site_data

pytestmark = pytest.mark.django_db

MEDICAL_PAGES = (TreatmentPage, ConditionPage, BlogPage)
DOI = re.compile(r"10\.\d{4,9}/\S+")


def test_builds_the_clinic_with_its_home_page_as_the_site_root(demo):
    data = site_data()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == demo
    assert site.site_name == data["site_name"]
    assert demo.hero_image is not None and demo.hero_image.description  # its alt text
    assert demo.cta_page is not None and demo.cta_page.live
    # Wagtail's "Welcome to your new Wagtail site!" placeholder is gone: the home page is the only top page.
    assert list(Page.objects.filter(depth=2)) == [demo.page_ptr]
    assert Site.objects.count() == 1


def test_every_page_file_is_a_live_page_and_every_demo_url_answers(client, demo):
    pages = {page.url: page for page in demo_pages(demo)}
    assert set(pages) == set(page_files()), "each page has its file under demo/content/pages/, and no more"
    for url, page in pages.items():
        assert page.live, url
        assert client.get(url).status_code == 200, url


def test_the_clinic_settings_clinicians_and_images_are_filled_in(demo):
    data = site_data()
    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    for name in data["clinic_settings"]:
        assert getattr(clinic, name), f"clinic setting {name} is empty"
    assert clinic.appointment_page.specific_class is FormPage and clinic.privacy_page.live
    assert "988" in clinic.crisis_notice and "911" in clinic.crisis_notice  # the crisis lines, on every page
    assert set(Clinician.objects.values_list("name", flat=True)) == {person["name"] for person in data["clinicians"]}
    images = get_image_model().objects.all()
    assert {(image.title, image.description) for image in images} == {
        (image["title"], image["description"]) for image in data["images"]
    }


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (Page, Revision, ClinicSettings, Clinician, get_image_model(), WorkflowPage, Site)
    }


def test_loading_again_adds_nothing_and_keeps_what_editors_changed(client, demo):
    treatment = TreatmentPage.objects.first()
    treatment.summary = "Edited by the clinic."
    treatment.save_revision().publish()
    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    clinic.phone = "(555) 019-9999"
    clinic.save()
    clinician = Clinician.objects.first()
    Clinician.objects.filter(pk=clinician.pk).update(bio="Edited bio.")
    blog = BlogIndexPage.objects.get()
    blog.slug = "articles"  # an editor renames a section: it is still the one articles section
    blog.save_revision().publish()
    WorkflowPage.objects.filter(page__slug="conditions").delete()  # an administrator chose no review there
    before = snapshot()

    load()

    assert snapshot() == before
    assert TreatmentPage.objects.get(pk=treatment.pk).summary == "Edited by the clinic."
    assert ClinicSettings.for_site(Site.objects.get(is_default_site=True)).phone == "(555) 019-9999"
    assert Clinician.objects.get(pk=clinician.pk).bio == "Edited bio."
    assert [page.slug for page in BlogIndexPage.objects.all()] == ["articles"]
    assert not WorkflowPage.objects.filter(page__slug="conditions").exists()
    assert client.get("/articles/").status_code == 200


def test_every_treatment_page_has_risks_and_every_page_with_benefits_has_risks_too(demo):
    treatments = [page for page in demo_pages(demo) if isinstance(page, TreatmentPage)]
    assert treatments
    for page in treatments:
        risks = blocks_of(page.body, "risks")
        assert risks and all(block["items"] for block in risks), page.url
    for page, body in bodies(demo):
        if blocks_of(body, "benefits"):
            assert blocks_of(body, "risks"), f"{page.url} lists benefits without risks"


def test_every_reference_can_be_found_by_its_doi_or_web_address(demo):
    # ReferenceBlock holds a DOI and a web address; the demo's sources are journal articles with DOIs.
    references = [
        (page.url, item)
        for page, body in bodies(demo)
        for block in blocks_of(body, "references")
        for item in block["items"]
    ]
    assert references
    for url, item in references:
        assert item["doi"] or item["url"], url
        assert not item["doi"] or DOI.fullmatch(item["doi"]), (url, item["doi"])
        assert not item["url"] or item["url"].startswith("https://"), (url, item["url"])
        assert item["title"] and item["source"] and item["year"], url
    for page in demo_pages(demo):
        if isinstance(page, TreatmentPage):
            assert blocks_of(page.body, "references"), f"{page.url} cites no source"


def test_the_demo_uses_every_block_kind_and_every_body_passes_the_editors_checks(demo):
    used = set()
    for page, body in bodies(demo):
        body.stream_block.clean(body)  # what publishing in the admin checks
        page.full_clean()
        used |= {child.block_type for child in body}
    every_kind = set(HomeBodyBlock().child_blocks)
    assert used >= every_kind, f"block kinds no demo page shows: {every_kind - used}"


def test_medical_pages_go_through_the_medical_review_workflow_and_are_reviewed(demo):
    sections = (TreatmentIndexPage, ConditionIndexPage, BlogIndexPage)
    indexes = {page.pk for page in demo_pages(demo) if isinstance(page, sections)}
    medical_review = WorkflowPage.objects.filter(workflow__name=MEDICAL_REVIEW_WORKFLOW)
    assert set(medical_review.values_list("page_id", flat=True)) == indexes  # chosen once, on each section
    due_soon = 0
    for page in demo_pages(demo):
        workflow = page.get_workflow()
        if isinstance(page, MEDICAL_PAGES):
            assert workflow is not None and workflow.name == MEDICAL_REVIEW_WORKFLOW, page.url
            # Approved in the workflow by the reviewer account linked to its clinician, today.
            recorded = PageLogEntry.objects.get(page=page, action="clinic.medical_review.recorded")
            assert page.reviewed_by is not None and recorded.user == page.reviewed_by.user, page.url
            assert page.last_reviewed == timezone.localdate() and page.next_review_due > page.last_reviewed, page.url
            assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").exists(), page.url
            assert page.live_revision_id == page.latest_revision_id and not page.workflow_in_progress, page.url
            due_soon += page.next_review_due <= timezone.localdate() + datetime.timedelta(days=30)
        elif not isinstance(page, sections):
            assert workflow is None or workflow.name != MEDICAL_REVIEW_WORKFLOW, page.url
    assert due_soon == 1  # so the review report and the reviewers' panel have something to show
    load()
    assert medical_review.count() == len(indexes)


def test_the_call_back_form_ends_every_treatment_page_and_article(client, demo):
    call_back = FormPage.objects.get(url_path=f"{demo.url_path}request-a-call-back/")
    pages = [page for page in demo_pages(demo) if isinstance(page, TreatmentPage | BlogPage)]
    assert pages
    for page in pages:
        last = page.body[-1]
        assert last.block_type == "form" and last.value["form_page"].specific == call_back, page.url
        forms = BeautifulSoup(client.get(page.url).content, "html.parser").select("main form.clinic-form")
        assert forms and forms[-1]["action"] == call_back.url, page.url


def test_treatments_conditions_and_articles_are_linked_to_each_other(settings, demo):
    for page in demo_pages(demo):
        if isinstance(page, TreatmentPage):
            assert page.conditions(), f"{page.url} treats no condition"
        if isinstance(page, ConditionPage):
            assert page.treatments().exists(), f"no treatment is offered for {page.url}"
    articles = [page for page in demo_pages(demo) if isinstance(page, BlogPage)]
    assert len(articles) > settings.BLOG_ARTICLES_PER_PAGE  # so the demo shows the pagination
    for article in articles:
        assert article.author is not None and article.tags.exists(), article.url
        assert article.related_treatments.exists() or article.related_conditions.exists(), article.url
        assert article.date_published <= datetime.date.today(), article.url
    assert len({article.date_published for article in articles}) == len(articles)  # one newest-first order


def test_inline_rows_are_numbered_in_their_files_order(demo):
    # Unnumbered rows come back in whatever order the database likes (PostgreSQL's changes as rows are rewritten).
    files, refs = page_files(), References(demo)
    numbered = 0
    for page in demo_pages(demo):
        written = read(files[page.url])
        for relation in child_relations(type(page)):
            name = relation.get_accessor_name()
            rows = list(getattr(page, name).all())
            assert [row.sort_order for row in rows] == list(range(len(rows))), (page.url, name)
            assert [to_data(row, refs) for row in rows] == written.get(name, []), (page.url, name)
            numbered += len(rows)
    assert numbered > 10  # the form fields and the treatments' conditions


def test_the_home_page_features_the_treatments_and_the_newest_articles(demo):
    featured = {block["section"].specific_class for block in blocks_of(demo.body, "featured_pages") if block["section"]}
    assert featured == {TreatmentIndexPage, BlogIndexPage}
