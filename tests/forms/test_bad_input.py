"""Every kind of bad input gets a clear answer, never a server error, and never loses what was typed."""

from urllib.parse import urlencode

import pytest
from django.test import Client

from forms.builder import MULTI_LINE_MAX_LENGTH, SINGLE_LINE_MAX_LENGTH
from forms.models import CHANGED_FORM_MESSAGE, FormSubmission

from .conftest import error_summary_texts, soup_of, valid_call_back_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    # Errors are raised, not turned into a 500 page, so a server error fails the test loudly.
    return Client(raise_request_exception=True)


def field_value(response, name):
    element = soup_of(response).find(attrs={"name": name})
    if element.name == "textarea":
        return element.get_text().lstrip("\n")
    if element.name == "select":
        selected = element.find("option", selected=True)
        return selected["value"] if selected else ""
    return element.get("value", "")


def assert_form_with_error(response, field, message_part, kept):
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 0
    assert any(message_part in text for text in error_summary_texts(response)), error_summary_texts(response)
    page = soup_of(response)
    if field:
        input_element = page.find(attrs={"name": field})
        assert input_element["aria-invalid"] == "true"
        error_id = input_element["aria-describedby"].split()[-1]
        assert error_id.endswith("_error"), input_element
        assert message_part in page.find(id=error_id).get_text()
    for name, value in kept.items():
        assert field_value(response, name) == value, name


def test_body_over_100_kb_gets_the_413_page(client, form_page):
    data = valid_call_back_data(message="x" * (101 * 1024))
    response = client.post(form_page.url, data)
    assert response.status_code == 413
    assert soup_of(response).find("h1").get_text() == "Your request was too long"
    assert soup_of(response).find("aside", attrs={"aria-label": "Crisis support"})
    assert "(555) 010-2040" in response.content.decode()  # the clinic's phone, from the settings
    assert FormSubmission.objects.count() == 0


def test_body_over_djangos_own_limit_still_gets_a_clear_answer(client, form_page, settings):
    settings.FORMS_MAX_BODY_BYTES = 10 * 1024 * 1024
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024
    response = client.post(form_page.url, valid_call_back_data(message="x" * (60 * 1024)))
    assert response.status_code == 413
    assert FormSubmission.objects.count() == 0


def test_single_line_over_its_length(client, form_page):
    data = valid_call_back_data(your_name="A" * (SINGLE_LINE_MAX_LENGTH + 1))
    response = client.post(form_page.url, data)
    assert_form_with_error(
        response,
        "your_name",
        f"“Your name” can be at most {SINGLE_LINE_MAX_LENGTH} characters long",
        {"phone_number": data["phone_number"], "message": data["message"], "best_time_to_call": "Mornings"},
    )


def test_multi_line_over_its_length(client, form_page):
    data = valid_call_back_data(message="word " * (MULTI_LINE_MAX_LENGTH // 5 + 1))
    response = client.post(form_page.url, data)
    assert_form_with_error(
        response,
        "message",
        f"“Message” can be at most {MULTI_LINE_MAX_LENGTH} characters long",
        {"your_name": data["your_name"], "phone_number": data["phone_number"]},
    )


def test_choice_that_is_not_offered(client, form_page):
    data = valid_call_back_data(best_time_to_call="Midnight, please")
    response = client.post(form_page.url, data)
    assert_form_with_error(
        response,
        "best_time_to_call",
        "Choose one of the answers offered for “Best time to call”",
        {"your_name": data["your_name"], "phone_number": data["phone_number"], "message": data["message"]},
    )


def test_phone_number_that_is_not_one(client, form_page):
    data = valid_call_back_data(phone_number="call me maybe")
    response = client.post(form_page.url, data)
    assert_form_with_error(
        response,
        "phone_number",
        "Enter a phone number in “Phone number”",
        {"your_name": data["your_name"], "phone_number": "call me maybe"},
    )


def test_unknown_field_names(client, form_page):
    data = valid_call_back_data(favourite_colour="blue", **{"<script>": "x"})
    response = client.post(form_page.url, data)
    assert_form_with_error(
        response, None, CHANGED_FORM_MESSAGE, {"your_name": data["your_name"], "message": data["message"]}
    )
    assert "favourite_colour" not in response.content.decode()


def test_invalid_utf8_gets_the_400_page(client, form_page):
    body = urlencode(valid_call_back_data()).encode() + b"&your_name=Alex%FF%FE"
    response = client.post(form_page.url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert soup_of(response).find("h1").get_text() == "We could not read your request"
    assert FormSubmission.objects.count() == 0


def test_raw_invalid_utf8_bytes_get_the_400_page(client, form_page):
    body = urlencode(valid_call_back_data()).encode() + b"&message=caf\xe9"
    response = client.post(form_page.url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert FormSubmission.objects.count() == 0


def test_invalid_utf8_in_a_multipart_body_gets_the_400_page(client, form_page):
    boundary = "BoUnDaRy"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value.encode() + b"\r\n"
        for name, value in valid_call_back_data().items()
    ]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n'.encode() + b"caf\xe9\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    response = client.post(form_page.url, body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 400
    assert FormSubmission.objects.count() == 0


def test_utf8_text_in_every_script_is_kept(client, form_page):
    name = "Zoë Łukasiewicz-Nguyễn 王秀英 🙂"
    response = client.post(form_page.url, valid_call_back_data(your_name=name))
    assert response.status_code == 302
    assert FormSubmission.objects.get().form_data["your_name"] == name


def test_missing_timestamp_gets_the_form_back_with_everything_kept(client, form_page):
    data = valid_call_back_data(_started=None)
    response = client.post(form_page.url, data)
    assert response.status_code == 400
    assert error_summary_texts(response)
    for name in ("your_name", "phone_number", "message", "best_time_to_call"):
        assert field_value(response, name) == data[name]
    assert FormSubmission.objects.count() == 0


def test_malformed_declared_length_gets_the_400_page(client, form_page):
    response = client.generic(
        "POST",
        form_page.url,
        urlencode(valid_call_back_data()),
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="lots",
    )
    assert response.status_code == 400
    assert FormSubmission.objects.count() == 0


def test_get_with_junk_query_parameters_renders_the_form(client, form_page):
    response = client.get(form_page.url, {"your_name": "x" * 5000, "_started": "junk"})
    assert response.status_code == 200
    assert not error_summary_texts(response)
