"""The demo site's appointment and call-back forms."""

import io

import pytest
from django.core.management import call_command

from forms.models import FormPage
from home.models import HomePage, StandardPage

from .conftest import soup_of

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo_site", stdout=io.StringIO())


def fields_of(page):
    return [(field.label, field.field_type, field.required, field.autocomplete) for field in page.form_fields.all()]


def test_demo_has_an_appointment_form():
    load()
    page = FormPage.objects.get(slug="request-an-appointment")
    assert page.live and page.to_address and page.consent_text
    assert fields_of(page) == [
        ("Your name", "singleline", True, "name"),
        ("Phone number", "tel", True, "tel"),
        ("Email address", "email", False, "email"),
        ("Preferred contact method", "radio", True, ""),
        ("Best time to reach you", "dropdown", True, ""),
        ("Treatment of interest", "dropdown", True, ""),
        ("Message", "multiline", False, ""),
    ]
    home = HomePage.objects.get()
    assert home.cta_page.specific == page and home.cta_label == "Request an appointment"


def test_demo_has_a_call_back_form_embedded_in_the_about_page(client):
    load()
    page = FormPage.objects.get(slug="request-a-call-back")
    assert [label for label, *_ in fields_of(page)] == [
        "Your name",
        "Phone number",
        "Best time to call",
        "May we leave a voicemail?",
        "May we text you?",
    ]
    assert page.consent_text
    about = StandardPage.objects.get(slug="about")
    assert [block.block_type for block in about.body][-1] == "form"
    assert about.body[-1].value["form_page"].specific == page
    form = soup_of(client.get(about.url)).find("form", class_="clinic-form")
    assert form["action"] == page.url


def test_loading_again_keeps_an_editors_changes():
    load()
    about = StandardPage.objects.get(slug="about")
    about.body = about.body.raw_data[:1]  # the editor removes the form
    about.save_revision().publish()
    page = FormPage.objects.get(slug="request-a-call-back")
    page.title = "Ask us to call you"
    page.save_revision().publish()
    load()
    assert FormPage.objects.count() == 2
    assert FormPage.objects.get(slug="request-a-call-back").title == "Ask us to call you"
    assert "form" not in [block.block_type for block in StandardPage.objects.get(slug="about").body]
