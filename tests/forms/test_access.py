"""Only intake staff (and superusers) read form submissions: every role against every submissions view and export."""

import pytest
from django.urls import reverse

from forms.models import FormSubmission
from tests.factories import UserFactory

from .conftest import submit, user_with_role

pytestmark = pytest.mark.django_db

READERS = ["intake", "superuser"]
REFUSED = ["editor", "reviewer", "moderator"]


@pytest.fixture
def submission(form_page):
    return submit(form_page, your_name="Jordan Privatename")


def submissions_views(page, submission):
    """(name, method, url, status for a reader): every URL that shows, exports or deletes submissions."""
    listing = f"/admin/forms/submissions/{page.pk}/"
    delete = f"{listing}delete/?selected-submissions={submission.pk}"
    return [
        ("forms index", "get", "/admin/forms/", 200),
        ("forms index results", "get", "/admin/forms/results/", 200),
        ("listing", "get", listing, 200),
        ("listing results", "get", f"{listing}results/", 200),
        ("listing filtered by date", "get", f"{listing}?date_from=2020-01-01", 200),
        ("CSV export", "get", f"{listing}?export=csv", 200),
        ("XLSX export", "get", f"{listing}?export=xlsx", 200),
        ("one submission", "get", f"{listing}{submission.pk}/", 200),
        ("delete confirmation", "get", delete, 200),
        ("delete", "post", delete, 302),
    ]


def content_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("role", READERS)
def test_readers_may_use_every_submissions_view(client, form_page, submission, role):
    client.force_login(user_with_role(role))
    for name, method, url, status in submissions_views(form_page, submission):
        response = getattr(client, method)(url)
        assert response.status_code == status, name
    assert not FormSubmission.objects.exists()  # the last view deleted it


@pytest.mark.parametrize("role", REFUSED)
def test_everyone_else_gets_403_at_every_submissions_view(client, form_page, submission, role):
    client.force_login(user_with_role(role))
    for name, method, url, _status in submissions_views(form_page, submission):
        response = getattr(client, method)(url)
        assert response.status_code == 403, name
        assert b"Jordan Privatename" not in content_of(response), name
        assert b"permission to read form submissions" in response.content, name
    assert FormSubmission.objects.filter(pk=submission.pk).exists()  # the delete did nothing


def test_editors_may_edit_the_form_page_but_not_read_its_submissions(client, form_page, submission):
    client.force_login(user_with_role("editor"))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(form_page.pk,)))
    assert edit.status_code == 200
    assert b"Form page submissions" not in edit.content  # Wagtail's count-and-link panel is hidden
    assert client.get(f"/admin/forms/submissions/{form_page.pk}/").status_code == 403


def test_readers_see_the_submissions_panel_on_the_form_page(admin_client, form_page, submission):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(form_page.pk,)))
    assert b"Form page submissions" in edit.content


def test_reading_without_the_delete_permission_cannot_delete(client, form_page, submission):
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(content_type__app_label="forms", codename="view_formsubmission"),
    )
    client.force_login(user)
    listing = f"/admin/forms/submissions/{form_page.pk}/"
    assert client.get(listing).status_code == 200
    assert client.post(f"{listing}delete/?selected-submissions={submission.pk}").status_code == 403
    assert FormSubmission.objects.filter(pk=submission.pk).exists()


def test_signed_out_visitors_are_sent_to_the_login_page(client, form_page, submission):
    for name, method, url, _status in submissions_views(form_page, submission):
        response = getattr(client, method)(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/admin/login/"), name


@pytest.mark.parametrize(
    ("role", "shown"), [("intake", True), ("superuser", True), ("editor", False), ("reviewer", False)]
)
def test_the_forms_menu_is_shown_only_to_readers(client, form_page, role, shown):
    client.force_login(user_with_role(role))
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert ('"/admin/forms/"' in dashboard.content.decode()) is shown


def test_readers_see_every_form_in_the_forms_index(client, form_page, home_page):
    from tests.factories import FormPageFactory

    other = FormPageFactory(parent=home_page, title="Request an appointment")
    client.force_login(user_with_role("intake"))
    content = client.get("/admin/forms/").content.decode()
    assert form_page.title in content and other.title in content


def test_intake_staff_cannot_edit_pages(client, form_page):
    client.force_login(user_with_role("intake"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=(form_page.pk,)))
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's own refusal
