"""A form page with submissions is deleted only by someone who may delete submissions, and the log says how many went.

Editors may delete pages but not submissions (home/migrations/0005_roles.py):
deleting the page, a page above it or a bulk delete must leave the page and its
submissions as they are, with a message saying why.
"""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from wagtail.models import GroupPagePermission, Page, PageLogEntry

from forms import audit
from forms.models import FormPage, FormSubmission, SubmissionLogEntry
from tests.factories import FormPageFactory, HomePageFactory, UserFactory

from .conftest import submit, user_with_role

pytestmark = pytest.mark.django_db

REFUSED = "Deleting a page deletes the form submissions it holds"


@pytest.fixture
def three_submissions(form_page):
    return [submit(form_page, your_name=f"Patient{n} Name") for n in range(3)]


def page_manager(**fields):
    """Someone with every page permission, bulk delete included, and no permission on submissions."""
    group, _ = Group.objects.get_or_create(name="Page managers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page", "bulk_delete_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=Page.get_first_root_node(), permission=Permission.objects.get(codename=codename)
        )
    user = UserFactory(**fields)
    user.groups.add(group)
    return user


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def delete_url(page):
    return f"/admin/pages/{page.pk}/delete/"


def bulk_delete_url(*pages):
    return "/admin/bulk/wagtailcore/page/delete/?" + "&".join(f"id={page.pk}" for page in pages)


def still_there(page, submissions):
    return Page.objects.filter(pk=page.pk).exists() and FormSubmission.objects.filter(
        pk__in=[submission.pk for submission in submissions]
    ).count() == len(submissions)


# --- Refused -------------------------------------------------------------------------


def test_an_editor_is_told_why_when_opening_delete_and_nothing_is_deleted(client, form_page, three_submissions):
    client.force_login(user_with_role("editor"))
    response = client.get(delete_url(form_page))
    assert response.status_code == 302
    assert response.url == f"/admin/pages/{form_page.pk}/edit/"
    (message,) = messages_of(response)
    assert "“Request a call-back” was not deleted: it holds 3 form submissions." in message
    assert REFUSED in message
    assert still_there(form_page, three_submissions)


def test_a_direct_post_by_an_editor_answers_with_the_message_and_deletes_nothing(client, form_page, three_submissions):
    client.force_login(user_with_role("editor"))
    response = client.post(delete_url(form_page), {"next": "/admin/pages/"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0] == ("/admin/pages/", 302)
    assert "was not deleted: it holds 3 form submissions" in response.content.decode()
    assert still_there(form_page, three_submissions)
    assert not PageLogEntry.objects.filter(action="wagtail.delete").exists()
    assert not SubmissionLogEntry.objects.exists()


def test_a_next_url_elsewhere_is_not_followed(client, form_page, three_submissions):
    client.force_login(user_with_role("editor"))
    response = client.post(delete_url(form_page), {"next": "https://evil.example/"})
    assert response.url == f"/admin/pages/{form_page.pk}/edit/"
    assert still_there(form_page, three_submissions)


def test_one_submission_is_enough_to_refuse(client, form_page):
    submission = submit(form_page)
    client.force_login(user_with_role("editor"))
    response = client.post(delete_url(form_page))
    assert "it holds 1 form submission." in messages_of(response)[0]
    assert still_there(form_page, [submission])


def test_a_page_above_a_form_with_submissions_is_not_deleted_either(client):
    section = HomePageFactory(parent=Page.get_first_root_node(), title="Old site")
    form = FormPageFactory(parent=section, title="Old appointment form")
    submissions = [submit(form), submit(form)]
    client.force_login(page_manager())
    response = client.post(delete_url(section))
    (message,) = messages_of(response)
    assert "“Old site” was not deleted: “Old appointment form” holds 2 form submissions." in message
    assert still_there(section, submissions) and still_there(form, submissions)


def test_a_bulk_delete_by_an_editor_is_refused_and_deletes_nothing(client, home_page, form_page, three_submissions):
    empty_form = FormPageFactory(parent=home_page, title="Unused form")
    client.force_login(user_with_role("editor"))
    url = bulk_delete_url(form_page, empty_form)
    assert client.get(url).status_code == 200  # the confirmation page
    response = client.post(url + "&next=/admin/pages/")
    assert (response.status_code, response.url) == (302, "/admin/pages/")
    (message,) = messages_of(response)
    assert "“Request a call-back”, “Unused form” were not deleted: “Request a call-back” holds 3" in message
    assert still_there(form_page, three_submissions)
    assert Page.objects.filter(pk=empty_form.pk).exists()  # all or nothing


def test_a_bulk_delete_of_a_page_above_the_form_is_refused(client):
    section = HomePageFactory(parent=Page.get_first_root_node(), title="Old site")
    form = FormPageFactory(parent=section, title="Old appointment form")
    submissions = [submit(form)]
    client.force_login(page_manager())
    response = client.post(bulk_delete_url(section), {"include_descendants": "on"})
    assert response.status_code == 302
    assert "“Old appointment form” holds 1 form submission" in messages_of(response)[0]
    assert still_there(form, submissions)


# --- Allowed -------------------------------------------------------------------------


def test_an_editor_may_still_delete_a_form_page_without_submissions(client, home_page):
    page = FormPageFactory(parent=home_page, title="Draft form")
    client.force_login(user_with_role("editor"))
    response = client.post(delete_url(page))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()
    assert not SubmissionLogEntry.objects.exists()  # nothing went with it


def test_a_superuser_may_delete_it_and_the_log_counts_what_went_with_it(client, form_page, three_submissions):
    superuser = user_with_role("superuser")
    client.force_login(superuser)
    response = client.post(delete_url(form_page))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=form_page.pk).exists()
    assert not FormSubmission.objects.exists()
    (entry,) = SubmissionLogEntry.objects.filter(action=audit.DELETED_WITH_PAGE)
    assert (entry.page_id, entry.user, entry.label, entry.deleted) == (
        form_page.pk,
        superuser,
        "Request a call-back",
        True,
    )
    assert entry.data == {"count": 3, "submission_ids": sorted(submission.pk for submission in three_submissions)}
    assert entry.message == "Deleted the form page with its 3 form submissions"
    # One user action: the same uuid as Wagtail's own entry for the page.
    assert entry.uuid == PageLogEntry.objects.get(page_id=form_page.pk, action="wagtail.delete").uuid
    assert "Patient" not in json.dumps([entry.label, entry.data, entry.message])


def test_someone_who_may_edit_pages_and_delete_submissions_may_delete_it(client, form_page, three_submissions):
    user = UserFactory()
    user.groups.add(*Group.objects.filter(name__in=["Editors", "Intake staff"]))
    client.force_login(user)
    client.post(delete_url(form_page))
    assert not FormPage.objects.filter(pk=form_page.pk).exists()
    assert SubmissionLogEntry.objects.get(action=audit.DELETED_WITH_PAGE).user == user


def test_deleting_the_page_above_records_each_form_page_that_went(client):
    section = HomePageFactory(parent=Page.get_first_root_node(), title="Old site")
    first = FormPageFactory(parent=section, title="Old appointment form")
    second = FormPageFactory(parent=section, title="Old call-back form")
    FormPageFactory(parent=section, title="Never used")
    for page in (first, first, second):
        submit(page)
    client.force_login(user_with_role("superuser"))
    client.post(bulk_delete_url(section), {"include_descendants": "on"})
    assert not Page.objects.filter(pk=section.pk).exists()
    counts = {entry.label: entry.data["count"] for entry in SubmissionLogEntry.objects.all()}
    assert counts == {"Old appointment form": 2, "Old call-back form": 1}


def test_a_form_page_deleted_in_code_is_recorded_too(form_page, three_submissions):
    form_page.delete()
    entry = SubmissionLogEntry.objects.get(action=audit.DELETED_WITH_PAGE)
    assert (entry.user, entry.data["count"]) == (None, 3)
