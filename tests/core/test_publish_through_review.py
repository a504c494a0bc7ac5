"""Medical pages go live only through the Medical review workflow (core/permissions.py).

An editor cannot publish, schedule or re-publish a treatment, condition or
article by any admin URL: the edit and create views, revisions, bulk publish,
copy and the admin API. They submit to Medical review; a clinical reviewer's
approval publishes. Standard, home and form pages keep the plain Publish.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, Revision, Workflow, WorkflowPage, WorkflowTask
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.permissions import reviews_everything
from home.roles import CLINICAL_REVIEWERS, EDITORS, MEDICAL_REVIEW_WORKFLOW
from tests.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    FormFieldFactory,
    FormPageFactory,
    HomePageFactory,
    StandardPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    UserFactory,
    clinical_reviewer,
    member_of,
)

pytestmark = pytest.mark.django_db

REFUSED = "a medical page goes live only when a reviewer approves it in “Medical review”"
KINDS = ("treatment", "condition", "article")


def published(page):
    """The page live from a real revision, as the admin leaves it."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def section(heading):
    return ("section", {"heading": heading, "text": rich_text(f"<p>About {heading.lower()}.</p>")})


def review(page):
    return {
        "reviewed_by": page.reviewed_by_id or "",
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else "",
        "next_review_due": page.next_review_due.isoformat() if page.next_review_due else "",
    }


def treatment_data(title, slug, page=None):
    return {
        "title": title,
        "slug": slug,
        "summary": "Low-dose ketamine, given in the clinic.",
        "treated_conditions": inline_formset([]),
        "how_given": "IV infusion",
        "session_length": "40 minutes",
        "course_length": "",
        "insurance_note": "",
        "fda_status": "",
        "fda_indication": rich_text(""),
        "off_label_uses": rich_text(""),
        "rems_requirements": rich_text(""),
        "body": streamfield([section("What it is")]),
        **(review(page) if page else {}),
    }


def condition_data(title, slug, page=None):
    return {
        "title": title,
        "slug": slug,
        "summary": "Obsessions and compulsions.",
        "common_symptoms": "Unwanted thoughts",
        "body": streamfield([section("What it is")]),
        **(review(page) if page else {}),
    }


def article_data(title, slug, page=None):
    return {
        "title": title,
        "slug": slug,
        "summary": "What to know about a treatment.",
        "author": page.author_id if page else "",
        "date_published": "2026-11-01",
        "body": streamfield([section("What to know")]),
        "tags": "",
        **(review(page) if page else {}),
    }


FORM_DATA = {"treatment": treatment_data, "condition": condition_data, "article": article_data}
MODEL_NAMES = {
    "treatment": "treatments/treatmentpage",
    "condition": "treatments/conditionpage",
    "article": "blog/blogpage",
}


def admin_form(kind, title, slug, page=None, **extra):
    """The admin's edit or create form as posted, with `extra` (an action button, a go-live date) added."""
    return {**nested_form_data(FORM_DATA[kind](title, slug, page)), **extra}


PUBLISH = {"action-publish": "action-publish"}
SUBMIT = {"action-submit": "action-submit"}


@pytest.fixture
def site(home_page):
    """The demo's shape: three indexes going through Medical review, a live page in each, and the three roles."""
    workflow = Workflow.objects.get(name=MEDICAL_REVIEW_WORKFLOW)
    sections = {
        "treatment": TreatmentIndexPageFactory(parent=home_page),
        "condition": ConditionIndexPageFactory(parent=home_page),
        "article": BlogIndexPageFactory(parent=home_page),
    }
    for index in sections.values():
        WorkflowPage.objects.create(page=index, workflow=workflow)
    pages = {
        "treatment": published(TreatmentPageFactory(parent=sections["treatment"], title="Ketamine", slug="ketamine")),
        "condition": published(ConditionPageFactory(parent=sections["condition"], title="OCD", slug="ocd")),
        "article": published(BlogPageFactory(parent=sections["article"], title="About TMS", slug="about-tms")),
    }
    return {
        "home": home_page,
        "sections": sections,
        "pages": pages,
        "editor": member_of(EDITORS),
        "reviewer": clinical_reviewer(),
        "superuser": UserFactory(is_superuser=True),
    }


def live_state(page):
    """What visitors see of a page: whether it is live, which revision and which title."""
    page = Page.objects.get(pk=page.pk)
    return page.live, page.live_revision_id, page.title


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def create_url(kind, parent):
    return f"/admin/pages/add/{MODEL_NAMES[kind]}/{parent.pk}/"


def assert_answered_not_published(response):
    """The edit form again with the reason, no error page."""
    assert response.status_code == 200
    assert REFUSED in response.content.decode()


# The edit view


@pytest.mark.parametrize("kind", KINDS)
def test_an_editor_sees_submit_to_medical_review_and_no_publish(client, site, kind):
    client.force_login(site["editor"])
    html = client.get(edit_url(site["pages"][kind])).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html and "Submit to Medical review" in html
    assert reverse("wagtailadmin_pages:unpublish", args=(site["pages"][kind].pk,)) in html  # kept as Wagtail has it


@pytest.mark.parametrize("kind", KINDS)
def test_an_editors_publish_request_changes_nothing_live_and_says_why(client, site, kind):
    page = site["pages"][kind]
    before, latest = live_state(page), page.latest_revision_id
    client.force_login(site["editor"])
    response = client.post(edit_url(page), admin_form(kind, "Rewritten by hand", page.slug, page, **PUBLISH))
    assert_answered_not_published(response)
    assert live_state(page) == before
    assert Page.objects.get(pk=page.pk).latest_revision_id == latest  # refused, not saved in its place


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_request_from_a_superuser_publishes(client, site, kind):
    """The form data above is valid: only who sends it differs."""
    page = site["pages"][kind]
    client.force_login(site["superuser"])
    response = client.post(
        edit_url(page), admin_form(kind, "Rewritten by an administrator", page.slug, page, **PUBLISH)
    )
    assert response.status_code == 302
    live, revision_id, title = live_state(page)
    assert live and revision_id != page.live_revision_id and title == "Rewritten by an administrator"


@pytest.mark.parametrize("kind", KINDS)
def test_an_editors_change_to_a_live_page_waits_for_the_reviewers_approval(client, site, kind):
    page = site["pages"][kind]
    before = live_state(page)
    client.force_login(site["editor"])
    response = client.post(edit_url(page), admin_form(kind, "Revised", page.slug, page, **SUBMIT))
    assert response.status_code == 302
    assert live_state(page) == before  # the reviewed version stays live meanwhile
    page = Page.objects.get(pk=page.pk).specific
    task_state = page.current_workflow_task_state
    assert task_state.task.name == "Clinical review"
    html = client.get(edit_url(page)).content.decode()
    assert 'name="action-publish"' not in html  # nor can the editor publish it while it waits

    client.force_login(site["reviewer"])
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    assert client.post(url, {"comment": "Checked."}).status_code == 302
    live, revision_id, title = live_state(page)
    # What the editor submitted goes live, in the revision the approval signed (home/models/medical_review.py).
    assert live and title == "Revised" and revision_id == Page.objects.get(pk=page.pk).latest_revision_id
    assert Page.objects.get(pk=page.pk).specific.reviewed_by == site["reviewer"].clinician


@pytest.mark.parametrize("kind", KINDS)
def test_a_publish_with_a_go_live_date_schedules_nothing(client, site, kind):
    page = site["pages"][kind]
    before = live_state(page)
    go_live_at = (timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    client.force_login(site["editor"])
    form = admin_form(kind, "Scheduled by hand", page.slug, page, go_live_at=go_live_at, **PUBLISH)
    assert_answered_not_published(client.post(edit_url(page), form))
    # What `publish_scheduled` would publish later: nothing.
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()
    assert live_state(page) == before and Page.objects.get(pk=page.pk).go_live_at is None


def test_an_unpublished_medical_page_is_not_republished_by_an_editor(client, site):
    page = site["pages"]["treatment"]
    page.unpublish()
    client.force_login(site["editor"])
    assert_answered_not_published(
        client.post(edit_url(page), admin_form("treatment", page.title, page.slug, page, **PUBLISH))
    )
    assert not Page.objects.get(pk=page.pk).live


def test_an_editor_may_still_unpublish_a_medical_page(client, site):
    """Taking a page down (a wrong dose found) must never wait for a review: Wagtail's unpublish is kept."""
    page = site["pages"]["treatment"]
    client.force_login(site["editor"])
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    assert response.status_code == 302
    assert not Page.objects.get(pk=page.pk).live


# Revisions


def test_reverting_to_an_old_revision_and_publishing_it_is_refused(client, site):
    page = site["pages"]["treatment"]
    old_revision = page.live_revision
    page.title = "Second version"
    published(page)
    before = live_state(page)
    client.force_login(site["editor"])
    url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, old_revision.pk))
    html = client.get(url).content.decode()
    assert 'name="action-publish"' not in html
    assert_answered_not_published(client.post(url, admin_form("treatment", "Ketamine", page.slug, page, **PUBLISH)))
    assert live_state(page) == before


# The create view


@pytest.mark.parametrize("kind", KINDS)
def test_a_new_medical_page_offers_an_editor_submit_and_no_publish(client, site, kind):
    client.force_login(site["editor"])
    html = client.get(create_url(kind, site["sections"][kind])).content.decode()
    assert 'name="action-publish"' not in html
    assert "Submit to Medical review" in html


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("go_live_at", ["", "2030-01-01 09:00"], ids=["now", "scheduled"])
def test_an_editors_new_medical_page_does_not_go_live(client, site, kind, go_live_at):
    client.force_login(site["editor"])
    form = admin_form(kind, "Brand new", "brand-new", go_live_at=go_live_at, **PUBLISH)
    assert_answered_not_published(client.post(create_url(kind, site["sections"][kind]), form))
    # Wagtail's create view would add the page live before its own check refused the publish: nothing is added.
    assert not Page.objects.filter(slug="brand-new").exists()
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


def test_an_editors_new_medical_page_goes_to_review(client, site):
    client.force_login(site["editor"])
    response = client.post(
        create_url("treatment", site["sections"]["treatment"]),
        admin_form("treatment", "Brand new", "brand-new", **SUBMIT),
    )
    assert response.status_code == 302
    page = Page.objects.get(slug="brand-new")
    assert not page.live and page.current_workflow_task_state.task.name == "Clinical review"


def test_a_superuser_may_create_and_publish_a_medical_page(client, site):
    client.force_login(site["superuser"])
    response = client.post(
        create_url("treatment", site["sections"]["treatment"]),
        admin_form("treatment", "Brand new", "brand-new", **PUBLISH),
    )
    assert response.status_code == 302
    assert Page.objects.get(slug="brand-new").live


# Bulk publish


def test_bulk_publish_does_not_publish_an_editors_draft(client, site):
    page = site["pages"]["condition"]
    page.title = "A draft nobody reviewed"
    page.save_revision()
    draft = ConditionPageFactory(parent=site["sections"]["condition"], title="New draft", slug="new-draft", live=False)
    draft.save_revision()
    before = live_state(page)
    client.force_login(site["editor"])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}&id={draft.pk}"
    confirmation = client.get(url).content.decode()
    assert "have permission to publish these pages" in confirmation
    assert "Yes, publish" not in confirmation
    response = client.post(url, {"include_descendants": ""})
    assert response.status_code == 302
    assert [str(message).strip() for message in get_messages(response.wsgi_request)] == ["0 pages have been published"]
    assert live_state(page) == before
    assert not Page.objects.get(pk=draft.pk).live


def test_bulk_publishing_an_index_with_its_drafts_leaves_the_medical_drafts(client, site):
    treatments = site["sections"]["treatment"]
    draft = TreatmentPageFactory(parent=treatments, title="Unreviewed", slug="unreviewed", live=False)
    draft.save_revision()
    client.force_login(site["editor"])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.post(f"{url}?id={treatments.pk}", {"include_descendants": "on"})
    assert response.status_code == 302  # the index itself is not medical: the editor publishes it
    assert not Page.objects.get(pk=draft.pk).live


# Copies


def copy_form(parent, slug, **extra):
    return {"new_title": "A copy", "new_slug": slug, "new_parent_page": parent.pk, **extra}


def test_the_copy_form_does_not_offer_an_editor_to_publish_the_copy(client, site):
    client.force_login(site["editor"])
    html = client.get(reverse("wagtailadmin_pages:copy", args=(site["pages"]["treatment"].pk,))).content.decode()
    assert 'name="new_slug"' in html
    assert 'name="publish_copies"' not in html and 'name="alias"' not in html


@pytest.mark.parametrize("option", ["publish_copies", "alias"])
def test_a_live_copy_or_alias_of_a_medical_page_is_refused(client, site, option):
    page, treatments = site["pages"]["treatment"], site["sections"]["treatment"]
    client.force_login(site["editor"])
    url = reverse("wagtailadmin_pages:copy", args=(page.pk,))
    response = client.post(url, copy_form(treatments, "a-copy", **{option: "on"}), follow=True)
    assert response.status_code == 200
    assert "copies of medical pages cannot be published or aliased directly" in response.content.decode()
    assert not Page.objects.filter(slug="a-copy", live=True).exists()


@pytest.fixture
def other_home(site):
    """A second home page, with no workflow: where a whole section could be copied to."""
    return HomePageFactory(parent=Page.get_first_root_node(), title="Second site", slug="second-site")


def test_a_live_copy_of_an_index_with_its_medical_pages_is_refused(client, site, other_home):
    treatments = site["sections"]["treatment"]
    client.force_login(site["editor"])
    url = reverse("wagtailadmin_pages:copy", args=(treatments.pk,))
    form = copy_form(other_home, "treatments", copy_subpages="on", publish_copies="on")
    response = client.post(url, form, follow=True)
    assert "copies of medical pages cannot be published or aliased directly" in response.content.decode()
    assert not other_home.get_descendants().exists()


def test_an_editor_may_copy_a_medical_page_as_a_draft(client, site):
    page, treatments = site["pages"]["treatment"], site["sections"]["treatment"]
    client.force_login(site["editor"])
    response = client.post(reverse("wagtailadmin_pages:copy", args=(page.pk,)), copy_form(treatments, "a-copy"))
    assert response.status_code == 302
    assert not Page.objects.get(slug="a-copy").live


# The admin API


def api_action(client, page, action, data=None):
    url = f"/admin/api/main/pages/{page.pk}/action/{action}/"
    return client.post(url, data or {}, content_type="application/json")


def test_the_admin_apis_publish_copy_and_alias_are_refused(client, site, other_home):
    page, treatments = site["pages"]["article"], site["sections"]["article"]
    page.title = "A draft nobody reviewed"
    page.save_revision()
    before, pages = live_state(page), Page.objects.count()
    client.force_login(site["editor"])
    assert api_action(client, page, "publish").status_code == 403
    assert api_action(client, page, "copy", {"slug": "a-copy"}).status_code == 403  # live by default
    assert api_action(client, page, "create_alias", {"update_slug": "an-alias"}).status_code == 403
    response = api_action(client, treatments, "copy", {"recursive": True, "destination_page_id": other_home.pk})
    assert response.status_code == 403
    assert "copies of medical pages cannot be published" in response.json()["detail"]
    assert live_state(page) == before and Page.objects.count() == pages
    assert api_action(client, page, "copy", {"slug": "a-draft-copy", "keep_live": False}).status_code == 201
    assert not Page.objects.get(slug="a-draft-copy").live


# Pages that are not medical keep the plain Publish


@pytest.fixture
def plain_pages(site):
    form_page = FormPageFactory(parent=site["home"], title="Call-back", slug="call-back")
    FormFieldFactory(page=form_page, label="Your name")
    return {
        "standard": published(StandardPageFactory(parent=site["home"], title="About us", slug="about")),
        "home": site["home"],
        "form": published(form_page),
    }


def plain_form(kind, page, title):
    if kind == "standard":
        return nested_form_data({"title": title, "slug": page.slug, "intro": "", "body": streamfield([section("Us")])})
    if kind == "home":
        return nested_form_data(
            {
                "title": title,
                "slug": page.slug,
                "hero_heading": page.hero_heading,
                "hero_text": rich_text(""),
                "cta_label": "",
                "body": streamfield([]),
            }
        )
    return nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "intro": rich_text(""),
            "form_fields": inline_formset(
                [
                    {"id": field.pk, "label": field.label, "field_type": field.field_type, "required": "on"}
                    for field in page.form_fields.all()
                ],
                initial=page.form_fields.count(),
            ),
            "consent_text": "",
            "submit_label": "Send",
            "thank_you_text": rich_text("<p>Thank you.</p>"),
            "to_address": "",
            "from_address": "",
            "subject": "",
        }
    )


@pytest.mark.parametrize("kind", ["standard", "home", "form"])
def test_an_editor_still_publishes_standard_home_and_form_pages(client, site, plain_pages, kind):
    page = plain_pages[kind]
    client.force_login(site["editor"])
    assert 'name="action-publish"' in client.get(edit_url(page)).content.decode()
    response = client.post(edit_url(page), {**plain_form(kind, page, "Published by an editor"), **PUBLISH})
    assert response.status_code == 302
    live, _, title = live_state(page)
    assert live and title == "Published by an editor"


# Who may publish a medical page directly


def test_a_reviewer_who_is_also_an_editor_may_publish_directly(site):
    page = site["pages"]["treatment"]
    assert page.permissions_for_user(member_of(EDITORS, CLINICAL_REVIEWERS)).can_publish()
    assert not page.permissions_for_user(site["editor"]).can_publish()
    assert not page.permissions_for_user(site["reviewer"]).can_publish()  # she publishes by approving
    assert page.permissions_for_user(site["superuser"]).can_publish()


def test_without_a_workflow_only_superusers_may_publish_a_medical_page(site):
    WorkflowPage.objects.all().delete()  # Medical review on the index, and Wagtail's own on the root
    page = Page.objects.get(pk=site["pages"]["treatment"].pk)
    assert page.get_workflow() is None
    assert not page.permissions_for_user(member_of(EDITORS, CLINICAL_REVIEWERS)).can_publish()
    assert page.permissions_for_user(site["superuser"]).can_publish()


def test_with_two_review_tasks_a_direct_publisher_must_be_able_to_approve_both(site):
    workflow = Workflow.objects.get(name=MEDICAL_REVIEW_WORKFLOW)
    legal = Group.objects.create(name="Legal")
    task = GroupApprovalTask.objects.create(name="Legal review")
    task.groups.add(legal)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=1)
    clinical_editor = member_of(EDITORS, CLINICAL_REVIEWERS)
    assert not reviews_everything(clinical_editor, workflow)
    clinical_editor.groups.add(legal)
    assert reviews_everything(clinical_editor, workflow)
