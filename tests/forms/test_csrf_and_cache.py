"""CSRF with pages served from a cache: nothing typed is lost, nothing is stored without a good token."""

import pytest
from django.test import Client

from forms import spam
from forms.models import CSRF_FAILED_MESSAGE, FormSubmission

from .conftest import error_summary_texts, soup_of, started, valid_call_back_data

pytestmark = pytest.mark.django_db


def csrf_token_in(response):
    return soup_of(response).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def test_a_visitor_with_a_fresh_page_sends_the_form(browser, form_page):
    token = csrf_token_in(browser.get(form_page.url))
    response = browser.post(form_page.url, valid_call_back_data(csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert FormSubmission.objects.count() == 1


def test_a_cached_copy_without_javascript_shows_the_form_again_with_everything_kept(browser, form_page):
    # The page came from a cache: it carries someone else's token and this visitor has no cookie.
    cached_token = csrf_token_in(Client().get(form_page.url))
    data = valid_call_back_data(csrfmiddlewaretoken=cached_token, message="Please call after 10.")
    response = browser.post(form_page.url, data)

    assert response.status_code == 403
    assert FormSubmission.objects.count() == 0
    assert CSRF_FAILED_MESSAGE in error_summary_texts(response)
    form = soup_of(response).find("form", class_="clinic-form")
    assert form.find("input", attrs={"name": "your_name"})["value"] == "Alex Rivera"
    assert form.find("textarea", attrs={"name": "message"}).get_text().strip() == "Please call after 10."
    assert "csrftoken" in response.cookies  # a fresh token, in the cookie and in the form

    # Pressing the button again sends it.
    again = browser.post(form_page.url, {**data, "csrfmiddlewaretoken": csrf_token_in(response)})
    assert again.status_code == 302
    assert FormSubmission.objects.count() == 1


def test_javascript_gets_a_fresh_token_and_timestamp_that_are_never_cached(browser, form_page):
    cached_page = Client().get(form_page.url)
    response = browser.get(f"{form_page.url}token/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    tokens = response.json()
    assert spam.read_started_token(tokens["started"]) is not None
    data = valid_call_back_data(csrfmiddlewaretoken=tokens["csrfToken"], _started=started())
    assert csrf_token_in(cached_page) != tokens["csrfToken"]
    assert browser.post(form_page.url, data).status_code == 302


def test_the_form_tells_javascript_where_to_get_fresh_tokens(client, form_page):
    form = soup_of(client.get(form_page.url)).find("form", class_="clinic-form")
    assert form["data-token-url"] == f"{form_page.url}token/"
    assert form.find("input", attrs={"name": "_started"}).has_attr("data-started-token")


def test_csrf_failure_elsewhere_gets_djangos_page(browser, home_page, clinic_settings):
    response = browser.post("/", {"anything": "x"})
    assert response.status_code == 403
    assert b"CSRF" in response.content


def test_a_body_larger_than_django_accepts_gets_a_page_in_the_sites_look(browser, form_page):
    token = csrf_token_in(browser.get(form_page.url))
    response = browser.post(
        form_page.url, valid_call_back_data(csrfmiddlewaretoken=token, message="x" * (3 * 1024 * 1024))
    )
    # Over Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) the body is refused before the CSRF check
    # (clinicsite.middleware.ReadableRequestMiddleware), and the form page answers with its 413 page.
    assert response.status_code == 413
    page = soup_of(response)
    assert page.find("h1").get_text() == "Your request was too long"
    assert page.find("aside", attrs={"aria-label": "Crisis support"})
    assert FormSubmission.objects.count() == 0
