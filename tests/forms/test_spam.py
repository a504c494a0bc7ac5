"""Honeypot, timing and rate limit: a blocked submission is not stored and gets a short, polite message."""

import time

import pytest
from django.test import RequestFactory

from forms import spam
from forms.models import FormSubmission

from .conftest import error_summary_texts, soup_of, started, valid_call_back_data

pytestmark = pytest.mark.django_db


def assert_blocked_politely(response, status, message, typed):
    """Not stored, the message at the top of the form, and everything typed still there."""
    assert response.status_code == status
    assert FormSubmission.objects.count() == 0
    assert error_summary_texts(response) == [message]
    form = soup_of(response).find("form", class_="clinic-form")
    assert form.find("input", attrs={"name": "your_name"})["value"] == typed["your_name"]
    assert form.find("input", attrs={"name": "phone_number"})["value"] == typed["phone_number"]
    assert form.find("textarea", attrs={"name": "message"}).get_text().strip() == typed["message"]


def test_a_person_at_normal_speed_is_never_blocked(client, form_page):
    response = client.post(form_page.url, valid_call_back_data(_started=started(seconds_ago=20)))
    assert response.status_code == 302
    assert FormSubmission.objects.count() == 1


def test_honeypot_filled_in_is_blocked(client, form_page):
    data = valid_call_back_data(_website="http://spam.example")
    response = client.post(form_page.url, data)
    assert_blocked_politely(response, 400, spam.NOT_SENT_MESSAGE, data)
    # The honeypot is shown empty again, so a person whose browser filled it can send.
    assert soup_of(response).find("input", attrs={"name": "_website"})["value"] == ""


def test_sent_too_soon_after_the_form_was_shown_is_blocked(client, form_page, settings):
    settings.FORMS_MIN_SECONDS = 3
    data = valid_call_back_data(_started=started(seconds_ago=1))
    response = client.post(form_page.url, data)
    assert_blocked_politely(response, 400, spam.NOT_SENT_MESSAGE, data)
    # The original timestamp is kept: the time already spent on the form counts.
    assert soup_of(response).find("input", attrs={"name": "_started"})["value"] == data["_started"]


@pytest.mark.parametrize("token", ["", "1700000000", "1700000000:forged-signature", "not a token at all"])
def test_missing_or_forged_timestamp_is_blocked(client, form_page, token):
    data = valid_call_back_data(_started=token)
    response = client.post(form_page.url, data)
    assert_blocked_politely(response, 400, spam.NOT_SENT_MESSAGE, data)


def test_stale_timestamp_is_blocked_with_an_explanation(client, form_page, settings):
    data = valid_call_back_data(_started=started(seconds_ago=settings.FORMS_MAX_AGE_SECONDS + 60))
    response = client.post(form_page.url, data)
    assert_blocked_politely(response, 400, spam.STALE_MESSAGE, data)


def test_after_a_blocked_timestamp_the_form_can_be_sent_again_at_once(client, form_page, settings):
    """The fresh token on a form shown again counts as already old enough."""
    data = valid_call_back_data(_started=started(seconds_ago=settings.FORMS_MAX_AGE_SECONDS + 60))
    first = client.post(form_page.url, data)
    new_token = soup_of(first).find("input", attrs={"name": "_started"})["value"]
    assert new_token != data["_started"]
    second = client.post(form_page.url, {**data, "_started": new_token})
    assert second.status_code == 302
    assert FormSubmission.objects.count() == 1


def test_rate_limit_per_address(client, form_page, settings):
    settings.FORMS_RATE_LIMIT = 3
    for _ in range(3):
        assert client.post(form_page.url, valid_call_back_data()).status_code == 302
    data = valid_call_back_data()
    response = client.post(form_page.url, data)
    assert response.status_code == 429
    assert error_summary_texts(response) == [spam.RATE_LIMITED_MESSAGE]
    assert FormSubmission.objects.count() == 3
    # Another address is not affected.
    other = client.post(form_page.url, data, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302
    assert FormSubmission.objects.count() == 4


def test_rate_limit_counts_only_submissions_that_would_be_stored(client, form_page, settings):
    settings.FORMS_RATE_LIMIT = 1
    for _ in range(3):  # a person correcting mistakes
        assert client.post(form_page.url, valid_call_back_data(phone_number="")).status_code == 200
    assert client.post(form_page.url, valid_call_back_data()).status_code == 302


def test_rate_limit_zero_turns_it_off(client, form_page, settings):
    settings.FORMS_RATE_LIMIT = 0
    for _ in range(12):
        assert client.post(form_page.url, valid_call_back_data()).status_code == 302


def test_rate_limit_window_is_configurable(form_page, settings, monkeypatch):
    settings.FORMS_RATE_LIMIT = 1
    settings.FORMS_RATE_LIMIT_WINDOW_SECONDS = 60
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    now = 1_800_000_000.0
    monkeypatch.setattr(time, "time", lambda: now)
    assert spam.check_rate_limit(request) is None
    assert spam.check_rate_limit(request).reason == "rate_limited"
    now += 60  # the next window
    assert spam.check_rate_limit(request) is None


def test_client_address_comes_from_the_configured_proxy_header(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.5")
    assert spam.client_address(request) == "10.0.0.1"
    settings.FORMS_CLIENT_IP_HEADER = "X-Real-IP"
    assert spam.client_address(request) == "203.0.113.5"
    settings.FORMS_CLIENT_IP_HEADER = "X-Forwarded-For"
    forwarded = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.8")
    assert spam.client_address(forwarded) == "203.0.113.8"


def test_blocked_submissions_are_logged_without_values_or_address(client, form_page, caplog):
    data = valid_call_back_data(_website="x", your_name="Quentin Zebediah")
    with caplog.at_level("INFO", logger="forms.spam"):
        client.post(form_page.url, data)
    [record] = [r for r in caplog.records if r.name == "forms.spam"]
    assert record.getMessage() == f"Blocked a submission to form page {form_page.pk}: honeypot"


def test_timestamp_tokens_are_signed(settings):
    token = spam.issue_started_token(1_800_000_000)
    assert spam.read_started_token(token) == 1_800_000_000
    issued, signature = token.split(":", 1)
    assert spam.read_started_token(f"{int(issued) + 100}:{signature}") is None
    settings.SECRET_KEY = "another-key"
    assert spam.read_started_token(token) is None


def test_the_form_carries_a_fresh_timestamp_and_an_empty_honeypot(client, form_page):
    before = time.time()
    form = soup_of(client.get(form_page.url)).find("form", class_="clinic-form")
    issued = spam.read_started_token(form.find("input", attrs={"name": "_started"})["value"])
    assert before - 1 <= issued <= time.time()
    honeypot = form.find("input", attrs={"name": "_website"})
    assert honeypot["value"] == "" and honeypot["tabindex"] == "-1" and honeypot["autocomplete"] == "off"
    assert honeypot.find_parent(class_="form-honeypot")["aria-hidden"] == "true"
