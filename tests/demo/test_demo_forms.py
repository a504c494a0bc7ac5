"""The demo's appointment and call-back forms: reachable from where a visitor needs them, and built to be easy to fill in."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from forms.models import FormPage
from home.models import ClinicSettings, StandardPage

from .conftest import load

pytestmark = pytest.mark.django_db


def form_page(home, slug):
    return FormPage.objects.get(url_path=f"{home.url_path}{slug}/")


@pytest.mark.parametrize("slug", ["request-an-appointment", "request-a-call-back"])
def test_each_demo_form_asks_for_a_name_and_a_phone_number_and_for_consent(client, demo, slug):
    page = form_page(demo, slug)
    assert page.live and page.to_address and page.consent_text and page.thank_you_text
    fields = list(page.form_fields.all())
    by_autocomplete = {field.autocomplete: field for field in fields if field.autocomplete}
    assert by_autocomplete["name"].required and by_autocomplete["tel"].field_type == "tel"
    assert by_autocomplete["tel"].required
    assert all(field.label for field in fields)
    assert len({field.clean_name for field in fields}) == len(fields)
    for field in fields:
        if field.field_type in {"dropdown", "radio", "checkboxes"}:
            assert len(field.choices.splitlines()) >= 2, field.label
    form = BeautifulSoup(client.get(page.url).content, "html.parser").find("form", class_="clinic-form")
    for field in fields:
        control = form.find(attrs={"name": field.clean_name})
        assert control is not None, field.label
        if control.get("id"):
            assert form.find("label", attrs={"for": control["id"]}), field.label


def test_the_appointment_form_is_the_home_pages_button_and_the_sites_appointment_page(demo):
    appointment = form_page(demo, "request-an-appointment")
    assert demo.cta_page.specific == appointment and demo.cta_label
    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    assert clinic.appointment_page.specific == appointment


def test_the_call_back_form_is_embedded_in_the_about_page(client, demo):
    call_back = form_page(demo, "request-a-call-back")
    about = StandardPage.objects.get(url_path=f"{demo.url_path}about/")
    assert about.body[-1].block_type == "form"
    assert about.body[-1].value["form_page"].specific == call_back
    form = BeautifulSoup(client.get(about.url).content, "html.parser").find("form", class_="clinic-form")
    assert form["action"] == call_back.url


def test_loading_again_keeps_an_editors_changes_to_forms_and_where_they_are_embedded(demo):
    about = StandardPage.objects.get(url_path=f"{demo.url_path}about/")
    about.body = about.body.raw_data[:1]  # the editor removes the form
    about.save_revision().publish()
    page = form_page(demo, "request-a-call-back")
    page.title = "Ask us to call you"
    page.save_revision().publish()
    page.form_fields.filter(clean_name="may_we_text_you").delete()
    fields = page.form_fields.count()
    load()
    assert FormPage.objects.count() == 2
    page = form_page(demo, "request-a-call-back")
    assert page.title == "Ask us to call you" and page.form_fields.count() == fields
    assert "form" not in [block.block_type for block in StandardPage.objects.get(pk=about.pk).body]
