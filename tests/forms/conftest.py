import time

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from forms import spam
from tests.factories.forms import call_back_form_page


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limit lives in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def form_page(home_page, clinic_settings):
    return call_back_form_page(home_page)


def started(seconds_ago=60):
    """A timestamp token for a form shown `seconds_ago`: old enough to pass the timing check."""
    return spam.issue_started_token(time.time() - seconds_ago)


def valid_call_back_data(**overrides):
    data = {
        "your_name": "Alex Rivera",
        "phone_number": "(555) 010-7788",
        "best_time_to_call": "Mornings",
        "may_we_leave_a_voicemail": "No",
        "message": "Please call after 10.",
        "_consent": "on",
        spam.STARTED_FIELD: started(),
        spam.HONEYPOT_FIELD: "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def error_summary_texts(response):
    summary = soup_of(response).find(attrs={"data-error-summary": True})
    return [item.get_text(" ", strip=True) for item in summary.find_all("li")] if summary else []


ROLE_GROUPS = {
    "editor": "Editors",
    "reviewer": "Clinical reviewers",
    "intake": "Intake staff",
    "moderator": "Moderators",  # Wagtail's own group: may edit and publish every page
}


def user_with_role(role):
    """A user as the clinic would set one up: in the role's group (made by the roles migration), or a superuser."""
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    if role == "superuser":
        return UserFactory(username="superuser", is_superuser=True, is_staff=True)
    user = UserFactory(username=role)
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    return user


def submit(form_page, when=None, **form_data):
    """A stored call-back request, as FormPage.process_form_submission stores it."""
    from forms.models import FormSubmission

    data = {
        "your_name": "Alex Rivera",
        "phone_number": "555 010 7788",
        "best_time_to_call": "Mornings",
        "may_we_leave_a_voicemail": "No",
        "message": "",
        "_consent": True,
        **form_data,
    }
    submission = FormSubmission.objects.create(page=form_page, form_data=data)
    if when:
        FormSubmission.objects.filter(pk=submission.pk).update(submit_time=when)
        submission.refresh_from_db()
    return submission
