"""Every field type an editor can add renders the right input and is validated on the server."""

import pytest

from forms.models import FIELD_TYPE_CHOICES, FormSubmission
from tests.factories import FormFieldFactory, FormPageFactory

from .conftest import error_summary_texts, soup_of, started

pytestmark = pytest.mark.django_db

# field_type: (label, options, valid POST value, stored value, invalid POST value, error message part)
FIELDS = {
    "singleline": ("Your name", {"autocomplete": "name"}, "Alex", "Alex", "A" * 256, "at most 255 characters"),
    "multiline": ("Message", {}, "Line one\nLine two", "Line one\nLine two", "x" * 4001, "at most 4000 characters"),
    "email": ("Email address", {"autocomplete": "email"}, "alex@example.com", "alex@example.com", "alex@", "email"),
    "tel": ("Phone", {"autocomplete": "tel"}, "+1 555-010-2040 x12", "+1 555-010-2040 x12", "12", "phone number"),
    "number": ("Years of symptoms", {}, "12.5", "12.5", "twelve", "Enter a number"),
    "url": ("Website", {"required": False}, "https://example.com/a", "https://example.com/a", "not a url", "web"),
    "checkbox": ("I have a referral", {}, "on", True, "", "Tick “I have a referral”"),
    "checkboxes": ("Days", {"choices": "Mon\nTue\nWed"}, ["Mon", "Wed"], ["Mon", "Wed"], ["Sun"], "Choose one of"),
    "dropdown": ("Treatment", {"choices": "TMS\nKetamine"}, "TMS", "TMS", "Surgery", "Choose one of"),
    "multiselect": ("Symptoms", {"choices": "Low mood, Anxiety"}, ["Anxiety"], ["Anxiety"], ["Fever"], "Choose one"),
    "radio": ("Contact by", {"choices": "Phone\nEmail"}, "Email", "Email", "Pigeon", "Choose one of"),
    "date": ("Date of birth", {"autocomplete": "bday"}, "1990-02-28", "1990-02-28", "1990-02-30", "real date"),
    "datetime": ("Preferred time", {}, "2030-05-06T14:30", "2030-05-06T14:30:00", "2030-13-06T14:30", "real date"),
    "hidden": ("Source", {"default_value": "website"}, "website", "website", "x" * 256, "at most 255 characters"),
}


@pytest.fixture
def every_field_page(home_page, clinic_settings):
    page = FormPageFactory(parent=home_page, title="Every field", slug="every-field", consent_text="")
    for order, (field_type, (label, options, *_rest)) in enumerate(FIELDS.items()):
        FormFieldFactory(page=page, label=label, field_type=field_type, sort_order=order, **options)
    return page


def clean_name(field_type):
    from wagtail.contrib.forms.utils import get_field_clean_name

    return get_field_clean_name(FIELDS[field_type][0])


def valid_data(**overrides):
    data = {clean_name(field_type): valid for field_type, (_l, _o, valid, *_r) in FIELDS.items()}
    data.update({"_started": started(), "_website": ""})
    data.update(overrides)
    return data


def test_every_built_in_type_and_the_phone_type_is_covered():
    assert set(FIELDS) == {value for value, _label in FIELD_TYPE_CHOICES}


def test_every_field_type_renders_its_input(client, every_field_page):
    page = soup_of(client.get(every_field_page.url))

    def by_name(field_type):
        return page.find_all(attrs={"name": clean_name(field_type)})

    expected_input_types = {
        "singleline": "text",
        "email": "email",
        "tel": "tel",
        "number": "number",
        "url": "url",
        "checkbox": "checkbox",
        "date": "date",
        "datetime": "datetime-local",
        "hidden": "hidden",
    }
    for field_type, input_type in expected_input_types.items():
        [element] = by_name(field_type)
        assert element["type"] == input_type, field_type
    assert by_name("singleline")[0]["maxlength"] == "255"
    assert by_name("singleline")[0]["autocomplete"] == "name"
    assert by_name("email")[0]["autocomplete"] == "email"
    assert by_name("tel")[0]["autocomplete"] == "tel"
    assert by_name("date")[0]["autocomplete"] == "bday"
    assert by_name("hidden")[0]["value"] == "website"
    [textarea] = by_name("multiline")
    assert textarea.name == "textarea" and textarea["maxlength"] == "4000"
    [dropdown] = by_name("dropdown")
    assert [option["value"] for option in dropdown.find_all("option")] == ["", "TMS", "Ketamine"]
    [multiselect] = by_name("multiselect")
    assert multiselect.has_attr("multiple")
    assert [option["value"] for option in multiselect.find_all("option")] == ["Low mood", "Anxiety"]
    for field_type, count in (("radio", 2), ("checkboxes", 3)):
        options = by_name(field_type)
        assert len(options) == count
        fieldset = options[0].find_parent("fieldset")
        assert fieldset.find("legend").get_text(strip=True).startswith(FIELDS[field_type][0])
        for option in options:  # every option has its own label
            assert page.find("label", attrs={"for": option["id"]})


def test_every_visible_field_has_a_label(client, every_field_page):
    page = soup_of(client.get(every_field_page.url))
    form = page.find("form", class_="clinic-form")
    elements = [e for e in form.find_all(["input", "select", "textarea"]) if e.get("type") != "hidden"]
    assert len(elements) > len(FIELDS)
    for element in elements:
        assert form.find("label", attrs={"for": element["id"]}), element


def test_every_field_type_accepts_a_valid_value(client, every_field_page):
    response = client.post(every_field_page.url, valid_data())
    assert response.status_code == 302, error_summary_texts(response)
    data = FormSubmission.objects.get().form_data
    for field_type, (_label, _options, _valid, stored, *_rest) in FIELDS.items():
        value = data[clean_name(field_type)]
        if field_type == "datetime":
            assert value.startswith(stored), value  # stored with the clinic's time zone offset
        else:
            assert value == stored, field_type


@pytest.mark.parametrize("field_type", list(FIELDS))
def test_every_field_type_refuses_an_invalid_value_and_keeps_the_rest(client, every_field_page, field_type):
    _label, _options, _valid, _stored, invalid, message = FIELDS[field_type]
    data = valid_data(**{clean_name(field_type): invalid})
    response = client.post(every_field_page.url, data)
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 0
    [error] = error_summary_texts(response)
    assert message in error
    page = soup_of(response)
    # What was typed into the other fields is still there.
    assert page.find(attrs={"name": clean_name("singleline")})["value"] == (
        "Alex" if field_type != "singleline" else invalid
    )
    assert page.find(attrs={"name": clean_name("email")})["value"] == (
        "alex@example.com" if field_type != "email" else invalid
    )
    selected = page.find(attrs={"name": clean_name("dropdown")}).find("option", selected=True)
    assert (selected["value"] if selected else "") == ("TMS" if field_type != "dropdown" else "")
    checked_days = [
        box["value"] for box in page.find_all(attrs={"name": clean_name("checkboxes")}) if box.has_attr("checked")
    ]
    assert checked_days == (["Mon", "Wed"] if field_type != "checkboxes" else [])


@pytest.mark.parametrize("field_type", [t for t in FIELDS if t not in {"url", "hidden"}])
def test_every_required_field_type_must_be_filled_in(client, every_field_page, field_type):
    data = valid_data()
    del data[clean_name(field_type)]
    response = client.post(every_field_page.url, data)
    assert FormSubmission.objects.count() == 0
    [error] = error_summary_texts(response)
    assert FIELDS[field_type][0] in error


def test_defaults_are_shown(client, home_page, clinic_settings):
    page = FormPageFactory(parent=home_page, consent_text="")
    FormFieldFactory(page=page, label="Name", field_type="singleline", default_value="Your name here")
    FormFieldFactory(page=page, label="Days", field_type="checkboxes", choices="Mon,Tue,Wed", default_value="Mon,Wed")
    FormFieldFactory(page=page, label="When", field_type="dropdown", choices="AM\nPM", default_value="PM")
    FormFieldFactory(page=page, label="Reminders", field_type="checkbox", default_value="yes", required=False)
    FormFieldFactory(page=page, label="Texts", field_type="checkbox", default_value="false", required=False)
    html = soup_of(client.get(page.url))
    assert html.find(attrs={"name": "name"})["value"] == "Your name here"
    assert [b["value"] for b in html.find_all(attrs={"name": "days"}) if b.has_attr("checked")] == ["Mon", "Wed"]
    assert html.find(attrs={"name": "when"}).find("option", selected=True)["value"] == "PM"
    assert html.find(attrs={"name": "reminders"}).has_attr("checked")
    assert not html.find(attrs={"name": "texts"}).has_attr("checked")


def test_required_fields_are_marked_and_explained(client, home_page, clinic_settings):
    page = FormPageFactory(parent=home_page, consent_text="")
    FormFieldFactory(page=page, label="Name", field_type="singleline", required=True)
    FormFieldFactory(page=page, label="Note", field_type="multiline", required=False)
    html = soup_of(client.get(page.url))
    assert html.find(class_="form-required-note").get_text(strip=True) == "* indicates required fields"
    name_label = html.find("label", attrs={"for": html.find(attrs={"name": "name"})["id"]})
    assert name_label.find(class_="required-marker")
    assert html.find(attrs={"name": "name"}).has_attr("required")
    note_label = html.find("label", attrs={"for": html.find(attrs={"name": "note"})["id"]})
    assert not note_label.find(class_="required-marker")


def test_no_required_note_when_nothing_is_required(client, home_page, clinic_settings):
    page = FormPageFactory(parent=home_page, consent_text="")
    FormFieldFactory(page=page, label="Note", field_type="multiline", required=False)
    assert not soup_of(client.get(page.url)).find(class_="form-required-note")


def test_help_text_is_linked_to_its_input(client, home_page, clinic_settings):
    page = FormPageFactory(parent=home_page, consent_text="")
    FormFieldFactory(page=page, label="Phone", field_type="tel", help_text="Include the area code.")
    html = soup_of(client.get(page.url))
    phone = html.find(attrs={"name": "phone"})
    assert html.find(id=phone["aria-describedby"]).get_text() == "Include the area code."


def test_help_text_is_escaped(client, home_page, clinic_settings):
    page = FormPageFactory(parent=home_page, consent_text="")
    FormFieldFactory(page=page, label="Phone", field_type="tel", help_text="<b>bold</b>")
    assert b"&lt;b&gt;bold&lt;/b&gt;" in client.get(page.url).content
