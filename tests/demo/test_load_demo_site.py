import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site, WorkflowPage

from blog.models import BlogPage
from core.blocks import BodyBlock
from forms.models import FormSubmission
from home.models import Clinician, ClinicSettings, HomePage, StandardPage
from treatments.models import ConditionPage, TreatmentPage

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo_site", stdout=io.StringIO())


def test_builds_the_clinic_site():
    load()
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.hero_image is not None and home.hero_image.description
    assert {page.slug for page in StandardPage.objects.live()} >= {"about", "contact", "privacy"}
    clinic = ClinicSettings.for_site(site)
    assert clinic.phone and clinic.email and clinic.address and clinic.opening_hours
    assert "988" in clinic.crisis_notice and "911" in clinic.crisis_notice
    # Wagtail's own "Welcome" placeholder is gone.
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()


def test_running_again_changes_nothing_and_keeps_edits(client):
    load()
    about = StandardPage.objects.get(slug="about")
    about.intro = "Edited by the clinic."
    about.save_revision().publish()
    counts = (Page.objects.count(), ClinicSettings.objects.count())

    load()
    assert (Page.objects.count(), ClinicSettings.objects.count()) == counts
    assert StandardPage.objects.get(slug="about").intro == "Edited by the clinic."
    assert client.get("/about/").status_code == 200


def test_every_demo_page_renders(client):
    load()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_demo_users_are_made_once_one_per_role_with_the_published_password():
    load()
    call_command("ensure_demo_users", stdout=io.StringIO())
    output = io.StringIO()
    call_command("ensure_demo_users", stdout=output)
    users = {user.username: user for user in get_user_model().objects.all()}
    assert set(users) == {"admin", "editor", "reviewer", "intake"}
    assert all(user.check_password("changeme") for user in users.values())
    assert users["admin"].is_superuser
    assert [group.name for group in users["editor"].groups.all()] == ["Editors"]
    assert [group.name for group in users["reviewer"].groups.all()] == ["Clinical reviewers"]
    assert [group.name for group in users["intake"].groups.all()] == ["Intake staff"]
    assert not any(users[name].is_superuser for name in ("editor", "reviewer", "intake"))
    for username in users:
        assert f"{username} / changeme" in output.getvalue()


def test_demo_users_fill_an_empty_inbox_with_fictional_requests_once():
    load()
    call_command("ensure_demo_users", stdout=io.StringIO())
    call_command("ensure_demo_users", stdout=io.StringIO())
    submissions = list(FormSubmission.objects.all())
    assert len(submissions) == 3
    assert all(submission.form_data["your_name"].startswith("Demo Patient") for submission in submissions)


def test_demo_users_are_refused_outside_development(settings):
    settings.DEMO_USERS_ALLOWED = False
    with pytest.raises(CommandError, match="development settings"):
        call_command("ensure_demo_users")
    assert not get_user_model().objects.exists()


def test_medical_pages_go_through_clinical_review():
    load()
    for slug in ("treatments", "conditions", "blog"):
        page = Page.objects.get(slug=slug, depth=3)
        assert WorkflowPage.objects.get(page=page).workflow.name == "Medical review"
    load()
    assert WorkflowPage.objects.filter(workflow__name="Medical review").count() == 3


def test_demo_has_the_treatments_and_conditions_with_every_block_kind(client):
    load()
    treatments = {
        page.slug for page in TreatmentPage.objects.live().child_of(Page.objects.get(url_path="/home/treatments/"))
    }
    conditions = {
        page.slug for page in ConditionPage.objects.live().child_of(Page.objects.get(url_path="/home/conditions/"))
    }
    assert len(treatments) == 3
    assert conditions == {"ptsd", "treatment-resistant-depression", "ocd", "depression-with-suicidal-thoughts"}
    assert Clinician.objects.count() >= 2

    used = set()
    for page in [
        *TreatmentPage.objects.all(),
        *ConditionPage.objects.all(),
        *StandardPage.objects.all(),
        *HomePage.objects.all(),
    ]:
        page.body.stream_block.clean(page.body)  # every demo body passes the editors' validation
        page.full_clean()
        used |= {child.block_type for child in page.body}
        assert page.specific.conditions() if isinstance(page, TreatmentPage) else True
    assert used >= set(BodyBlock().child_blocks), f"unused block kinds: {set(BodyBlock().child_blocks) - used}"

    for treatment in TreatmentPage.objects.all():
        assert treatment.body[-1].block_type == "form", "each demo treatment page ends with the call-back form"
    spravato = TreatmentPage.objects.get(title__startswith="Spravato")
    assert "two hours" in spravato.rems_requirements.lower() or "2 hours" in spravato.rems_requirements
    assert client.get("/treatments/").status_code == 200
    assert client.get("/conditions/").status_code == 200


def test_demo_blog_has_the_two_reference_shaped_articles_and_enough_for_pagination(client, settings):
    load()
    articles = BlogPage.objects.live()
    assert articles.count() > settings.BLOG_ARTICLES_PER_PAGE  # so the demo shows pagination
    ptsd = articles.get(slug="ketamine-for-ptsd")
    kinds = [child.block_type for child in ptsd.body]
    for kind in ("benefits", "risks", "testimonial", "steps", "faq"):
        assert kind in kinds
    assert kinds[-1] == "form"  # every demo article ends with the call-back form
    assert len(next(child for child in ptsd.body if child.block_type == "steps").value["steps"]) == 8
    alternatives = articles.get(slug="ptsd-medication-alternatives")
    assert alternatives.key_takeaways
    references = next(child for child in alternatives.body if child.block_type == "references").value["items"]
    assert any(ref["doi"] == "10.1001/jamapsychiatry.2014.62" for ref in references)
    for article in articles:
        article.body.stream_block.clean(article.body)
        article.full_clean()
        assert article.tags.exists() and (article.related_treatments.exists() or article.related_conditions.exists())
    assert client.get("/blog/feed/").status_code == 200
