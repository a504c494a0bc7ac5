"""The embedded-form block, the crisis notice on every form, and errors people can find and fix."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.views.debug import SafeExceptionReporterFilter

from forms.blocks import EmbeddedFormBlock
from forms.models import FormSubmission
from tests.factories import FormFieldFactory, FormPageFactory, StandardPageFactory

from .conftest import error_summary_texts, soup_of, valid_call_back_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_with_form(home_page, form_page):
    return StandardPageFactory(
        parent=home_page,
        title="Ketamine therapy",
        body=[
            {"type": "section", "value": {"heading": "How it works", "text": "<p>Text.</p>"}},
            {"type": "form", "value": {"form_page": form_page.pk, "heading": "", "text": "Leave your number."}},
        ],
    )


def test_block_renders_the_form_posting_to_the_form_page(client, page_with_form, form_page):
    page = soup_of(client.get(page_with_form.url))
    section = page.find("section", class_="embedded-form")
    title = section.find("h2")
    assert title.get_text() == "Request a call-back"  # the form page's title when no heading is given
    assert section["aria-labelledby"] == title["id"]
    form = section.find("form")
    assert form["action"] == form_page.url and form["method"] == "post"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.find("input", attrs={"name": "_started"})["value"]
    assert form.find("input", attrs={"name": "your_name"})
    assert section.find(string="Leave your number.")
    assert page.find("script", src="/static/js/forms.js")


def test_posting_the_embedded_form_with_errors_shows_the_form_page_with_everything_typed(
    client, page_with_form, form_page
):
    data = valid_call_back_data(phone_number="")
    response = client.post(form_page.url, data, HTTP_REFERER=f"http://testserver{page_with_form.url}")
    assert response.status_code == 200
    page = soup_of(response)
    assert page.find("h1").get_text() == "Request a call-back"
    assert error_summary_texts(response) == ["Fill in “Phone number”."]
    assert page.find(attrs={"name": "your_name"})["value"] == "Alex Rivera"
    assert page.find(attrs={"name": "message"}).get_text().strip() == "Please call after 10."
    assert page.find(attrs={"name": "_consent"}).has_attr("checked")
    assert page.find(attrs={"name": "may_we_leave_a_voicemail", "value": "No"}).has_attr("checked")
    assert FormSubmission.objects.count() == 0


def test_block_shows_nothing_for_an_unpublished_form(client, page_with_form, form_page):
    form_page.unpublish()
    response = client.get(page_with_form.url)
    assert response.status_code == 200
    assert not soup_of(response).find("form", class_="clinic-form")


def test_block_has_editor_facing_meta_and_a_preview_value(form_page):
    block = EmbeddedFormBlock()
    assert block.meta.icon == "form" and block.meta.label and block.meta.template and block.meta.description
    preview = block.get_preview_value()
    assert preview["form_page"].specific == form_page
    html = block.render(preview, context={"request": None})
    assert 'class="clinic-form"' in html


def queries_to_render(client, url):
    client.get(url)  # warm up the caches (site root, settings)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_an_embedded_form_adds_a_fixed_number_of_queries(client, home_page, page_with_form):
    without_form = StandardPageFactory(parent=home_page, body=page_with_form.body.raw_data[:1])
    # The form page and its fields: two queries, however many fields the form has.
    assert queries_to_render(client, page_with_form.url) - queries_to_render(client, without_form.url) <= 2


def test_every_form_says_it_is_not_watched_around_the_clock_with_the_crisis_numbers(
    client, form_page, page_with_form, clinic_settings
):
    clinic_settings.crisis_notice = '<p>Call <a href="tel:988">988</a> or <a href="tel:911">911</a>. Edited.</p>'
    clinic_settings.save()
    for url in (form_page.url, page_with_form.url):
        notice = soup_of(client.get(url)).find(class_="form-notice")
        assert "not watched around the clock" in notice.get_text()
        assert "Edited." in notice.get_text()  # from the site settings
        assert notice.find("a", href="tel:988") and notice.find("a", href="tel:911")


def test_consent_checkbox_uses_the_editors_wording_and_must_be_ticked(client, form_page):
    form_page.consent_text = "You may call me about my request."
    form_page.save()
    page = soup_of(client.get(form_page.url))
    consent = page.find(attrs={"name": "_consent"})
    assert page.find("label", attrs={"for": consent["id"]}).get_text(strip=True).startswith("You may call me")
    response = client.post(form_page.url, valid_call_back_data(_consent=None))
    assert error_summary_texts(response) == ["Tick the box to agree that we may contact you about your request."]
    assert FormSubmission.objects.count() == 0


def test_no_consent_checkbox_when_the_wording_is_empty(client, form_page):
    form_page.consent_text = ""
    form_page.save()
    assert not soup_of(client.get(form_page.url)).find(attrs={"name": "_consent"})
    assert client.post(form_page.url, valid_call_back_data(_consent=None)).status_code == 302
    assert "_consent" not in FormSubmission.objects.get().form_data


def test_errors_are_summarised_with_links_to_their_fields_and_described_next_to_them(client, form_page):
    data = valid_call_back_data(your_name="", may_we_leave_a_voicemail=None)
    response = client.post(form_page.url, data)
    page = soup_of(response)
    assert page.find("title").get_text().startswith("Error: Request a call-back")
    summary = page.find(attrs={"data-error-summary": True})
    assert summary["tabindex"] == "-1"
    alert = summary.find(attrs={"role": "alert"})
    assert alert.find("h2").get_text() == "There is a problem with your request"
    links = summary.find_all("a")
    assert [link.get_text() for link in links] == [
        "Fill in “Your name”.",
        "Choose an answer for “May we leave a voicemail?”.",
    ]
    # Each link lands on an input; each input is described by its error, which sits next to it.
    name_input = page.find(id=links[0]["href"][1:])
    assert name_input["name"] == "your_name"
    assert name_input["aria-invalid"] == "true"
    error = page.find(id=name_input["aria-describedby"].split()[-1])
    assert error.get_text(" ", strip=True) == "Error: Fill in “Your name”."
    assert error.find_parent(class_="form-field") is name_input.find_parent(class_="form-field")
    first_radio = page.find(id=links[1]["href"][1:])
    assert first_radio["type"] == "radio"
    fieldset = first_radio.find_parent("fieldset")
    described = [page.find(id=i) for i in fieldset["aria-describedby"].split()]
    assert "Choose an answer" in described[-1].get_text()


def test_no_error_summary_on_a_fresh_form(client, form_page):
    page = soup_of(client.get(form_page.url))
    assert page.find("title").get_text().startswith("Request a call-back")
    assert not page.find(attrs={"data-error-summary": True})
    assert not page.select("[aria-invalid]")


def test_form_pages_have_no_inline_script_or_style(client, form_page, page_with_form):
    urls = [form_page.url, page_with_form.url, f"{form_page.url}thank-you/"]
    responses = [client.get(url) for url in urls] + [client.post(form_page.url, valid_call_back_data(your_name=""))]
    for response in responses:
        page = soup_of(response)
        # Structured data (application/ld+json, the breadcrumb trail's) is data, not script: no CSP runs it.
        inline = [s for s in page.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]
        assert not inline
        assert not page.select("[style]")


def test_submitted_values_are_kept_out_of_error_reports(client, form_page):
    response = client.post(form_page.url, valid_call_back_data(your_name="Quentin Zebediah"))
    parameters = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert parameters["your_name"] != "Quentin Zebediah"
    assert set(parameters.values()) == {SafeExceptionReporterFilter.cleansed_substitute}


def test_a_hidden_field_error_is_summarised_without_a_link(client, home_page, clinic_settings):
    page = FormPageFactory(parent=home_page, consent_text="")
    FormFieldFactory(page=page, label="Source", field_type="hidden", required=True)
    response = client.post(page.url, {"source": "", "_started": valid_call_back_data()["_started"]})
    summary = soup_of(response).find(attrs={"data-error-summary": True})
    assert summary.find("li").get_text(strip=True) == "Fill in “Source”."
    assert not summary.find("li").find("a")
