"""`manage.py ensure_demo_users`: one demo user per role, and a few fictional requests in an empty inbox."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import CommandError, call_command

from demo.users import DEMO_PASSWORD, DEMO_USERS
from forms.models import FormPage, FormSubmission
from home.roles import CLINICAL_REVIEWERS, EDITORS, INTAKE_STAFF
from tests.factories import FormPageFactory

from .conftest import CONTENT, read, site_data

pytestmark = pytest.mark.django_db

ROLES = (EDITORS, CLINICAL_REVIEWERS, INTAKE_STAFF)


def ensure_demo_users():
    output = io.StringIO()
    call_command("ensure_demo_users", stdout=output)
    return output.getvalue()


def test_one_demo_user_per_role_a_reviewer_per_clinician_and_one_administrator_made_once(demo):
    ensure_demo_users()
    output = ensure_demo_users()
    users = list(get_user_model().objects.all())
    assert len([user for user in users if user.is_superuser]) == 1
    for role in ROLES:
        members = [user for user in users if role in {group.name for group in user.groups.all()}]
        expected = len(site_data()["clinicians"]) if role == CLINICAL_REVIEWERS else 1
        assert len(members) == expected, role
        assert all(not member.is_superuser and member.groups.count() == 1 for member in members)
    assert len(users) == len(DEMO_USERS)
    # Every demo clinician signs their reviews through their own reviewer account.
    reviewers = {user.clinician.name for user in users if hasattr(user, "clinician")}
    assert reviewers == {clinician["name"] for clinician in site_data()["clinicians"]}
    for user in users:
        assert user.check_password(DEMO_PASSWORD)
        assert f"{user.username} / {DEMO_PASSWORD}" in output  # the login is printed for whoever runs the demo


def test_a_changed_password_is_kept(demo):
    ensure_demo_users()
    editor = get_user_model().objects.get(groups__name=EDITORS)
    editor.set_password("a better password")
    editor.save()
    ensure_demo_users()
    editor.refresh_from_db()
    assert editor.check_password("a better password")


def test_a_missing_role_is_reported_in_one_line(demo):
    Group.objects.filter(name=INTAKE_STAFF).delete()
    with pytest.raises(CommandError, match=f"The group “{INTAKE_STAFF}” is missing"):
        ensure_demo_users()


def as_posted(values):
    return {name: "on" if value is True else value for name, value in values.items()}


def test_the_fictional_requests_go_once_into_the_demo_forms_and_are_valid_requests(demo):
    requests = read(CONTENT / "requests.yaml")
    ensure_demo_users()
    ensure_demo_users()
    submissions = list(FormSubmission.objects.select_related("page"))
    assert len(submissions) == len(requests)
    assert {submission.page.slug for submission in submissions} == {request["form"] for request in requests}
    for submission in submissions:
        page = FormPage.objects.get(pk=submission.page_id)
        assert submission.is_readable  # stored encrypted, like a real one, and readable in the inbox
        data = submission.form_data
        # What a visitor could have sent through that form, and plainly marked as made up.
        form = page.get_form(as_posted(data), page=page, user=AnonymousUser())
        assert form.is_valid(), (page.slug, form.errors)
        assert data["your_name"].startswith("Demo Patient")


def test_requests_only_go_into_an_empty_inbox(demo):
    real = FormSubmission.objects.create(page=FormPage.objects.first(), form_data={"your_name": "A real visitor"})
    ensure_demo_users()
    assert list(FormSubmission.objects.all()) == [real]


def test_without_the_demo_forms_no_request_is_made(home_page):
    FormPageFactory(parent=home_page, slug="some-other-form")
    ensure_demo_users()
    assert not FormSubmission.objects.exists()
    assert get_user_model().objects.count() == len(DEMO_USERS)


def test_the_demo_inbox_shows_triage_an_urgent_request_sent_from_an_article(demo):
    ensure_demo_users()
    by_name = {submission.form_data["your_name"]: submission for submission in FormSubmission.objects.all()}
    drew = by_name["Demo Patient Drew"]
    assert (drew.urgent, drew.urgent_source) == (True, FormSubmission.UrgentSource.CRISIS_PHRASE)
    assert drew.source_page.slug == "making-a-safety-plan"
    assert by_name["Demo Patient Emery"].status == FormSubmission.Status.CONTACTED
    assert not by_name["Demo Patient Avery"].urgent
