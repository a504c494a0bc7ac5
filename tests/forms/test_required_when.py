"""“Required when”: a field the visitor must fill in only when another field has a given answer.

The demo's appointment form asks for an email only when the visitor chooses to
be contacted by email. The rule is kept when the form is sent (forms/builder.py),
explained beside the field before it is, and checked in the page editor
(forms/page_form.py) so an editor cannot save a rule that would never work.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from forms.builder import ClinicFormBuilder, RequiredWhenProblem, resolve_required_when
from forms.models import FormField, FormPage, FormSubmission
from tests.factories import FormFieldFactory, FormPageFactory, UserFactory
from tests.factories.forms import appointment_form_page

from .conftest import error_summary_texts, soup_of, started

pytestmark = pytest.mark.django_db

EMAIL_REQUIRED = "Fill in “Email address”: you chose “Email” for “Preferred contact method”."
EMAIL_HINT = "We use it only to reply to you. Required if you choose “Email” for “Preferred contact method” below."


@pytest.fixture
def appointment(home_page, clinic_settings):
    return appointment_form_page(home_page)


def appointment_data(**overrides):
    data = {
        "your_name": "Alex Rivera",
        "phone_number": "(555) 010-7788",
        "email_address": "",
        "preferred_contact_method": "Phone call",
        "message": "Evenings are best.",
        "_consent": "on",
        "_started": started(),
        "_website": "",
    }
    data.update(overrides)
    return data


def email_input(page, form_page):
    return page.find("input", id=f"form{form_page.pk}-email_address")


# --- The visitor ---------------------------------------------------------------------------------------


def test_choosing_email_without_an_email_brings_the_form_back_with_the_error_and_everything_typed(client, appointment):
    response = client.post(appointment.url, appointment_data(preferred_contact_method="Email"))

    assert response.status_code == 200
    assert FormSubmission.objects.count() == 0
    page = soup_of(response)
    assert error_summary_texts(response) == [EMAIL_REQUIRED]
    summary_link = page.find(attrs={"data-error-summary": True}).find("a")
    email = email_input(page, appointment)
    assert summary_link["href"] == f"#{email['id']}"
    # Next to the field, linked to its input with the hint, and the input marked invalid.
    error = page.find(id=f"{email['id']}_error")
    assert error.get_text(" ", strip=True) == f"Error: {EMAIL_REQUIRED}"
    assert error.find_parent(class_="form-field") is email.find_parent(class_="form-field")
    assert email["aria-describedby"].split() == [f"{email['id']}_helptext", f"{email['id']}_error"]
    assert email["aria-invalid"] == "true"
    # Everything typed is kept.
    assert page.find("input", attrs={"name": "your_name"})["value"] == "Alex Rivera"
    assert page.find("input", attrs={"name": "phone_number"})["value"] == "(555) 010-7788"
    assert page.find("input", attrs={"name": "preferred_contact_method", "value": "Email"}).has_attr("checked")
    assert not page.find("input", attrs={"name": "preferred_contact_method", "value": "Phone call"}).has_attr("checked")
    assert page.find("textarea", attrs={"name": "message"}).get_text().strip() == "Evenings are best."
    assert page.find("input", attrs={"name": "_consent"}).has_attr("checked")


def test_choosing_phone_needs_no_email(client, appointment):
    response = client.post(appointment.url, appointment_data(preferred_contact_method="Phone call"))

    assert response.status_code == 302
    assert response["Location"] == appointment.url + "thank-you/"
    submission = FormSubmission.objects.get()
    assert submission.form_data["email_address"] == ""
    assert submission.form_data["preferred_contact_method"] == "Phone call"


def test_choosing_email_with_an_email_is_sent(client, appointment):
    data = appointment_data(preferred_contact_method="Email", email_address="alex@example.com")
    response = client.post(appointment.url, data)

    assert response.status_code == 302
    assert FormSubmission.objects.get().form_data["email_address"] == "alex@example.com"


def test_a_wrong_email_gets_its_own_message_only(client, appointment):
    response = client.post(appointment.url, appointment_data(preferred_contact_method="Email", email_address="alex@"))

    assert response.status_code == 200
    assert error_summary_texts(response) == ["Enter an email address in “Email address”, like name@example.com."]


def test_the_field_says_when_it_is_required_before_the_visitor_sends(client, appointment):
    page = soup_of(client.get(appointment.url))

    email = email_input(page, appointment)
    hint = page.find(id=f"{email['id']}_helptext")
    assert hint.get_text(strip=True) == EMAIL_HINT
    assert email["aria-describedby"] == hint["id"]
    assert hint.find_parent(class_="form-field") is email.find_parent(class_="form-field")
    # Not marked required: the visitor may leave it empty unless they choose Email.
    assert not email.has_attr("required")
    label = page.find("label", attrs={"for": email["id"]})
    assert not label.find(class_="required-marker")


def test_a_field_without_help_text_gets_the_rule_as_its_hint(client, home_page, clinic_settings):
    page = FormPageFactory(parent=home_page, consent_text="")
    FormFieldFactory(page=page, label="Contact by", field_type="dropdown", choices="Phone\nEmail", sort_order=0)
    FormFieldFactory(
        page=page,
        label="Email",
        field_type="email",
        required=False,
        required_when="Contact by",
        required_when_answer="Email",
        sort_order=1,
    )

    html = soup_of(client.get(page.url))
    email = html.find("input", attrs={"name": "email"})
    assert html.find(id=email["aria-describedby"]).get_text(strip=True) == (
        "Required if you choose “Email” for “Contact by” above."
    )


# --- How the rule reads the other field's answer ---------------------------------------------------------


def form_class(*fields):
    """The visitor's form class for these fields (FormField objects, not saved), without a consent checkbox."""
    return ClinicFormBuilder(
        [FormField(sort_order=order, **field) for order, field in enumerate(fields)]
    ).get_form_class()


def errors_of(form_class, data):
    form = form_class(data)
    form.is_valid()
    return {name: list(errors) for name, errors in form.errors.items()}


def test_a_field_of_several_answers_requires_it_when_its_answers_include_the_one_named():
    form = form_class(
        {"label": "Ways to reach you", "field_type": "checkboxes", "choices": "Phone\nLetter", "required": False},
        {
            "label": "Postal address",
            "field_type": "multiline",
            "required": False,
            "required_when": "Ways to reach you",
            "required_when_answer": "Letter",
        },
    )

    assert errors_of(form, {"ways_to_reach_you": ["Phone", "Letter"]}) == {
        "postal_address": ["Fill in “Postal address”: you chose “Letter” for “Ways to reach you”."]
    }
    assert errors_of(form, {"ways_to_reach_you": ["Phone"]}) == {}
    assert errors_of(form, {}) == {}


def test_labels_match_as_wagtail_matches_them_and_answers_ignore_case():
    form = form_class(
        {"label": "Preferred contact method", "field_type": "radio", "choices": "Phone call\nEmail"},
        {
            "label": "Email address",
            "field_type": "email",
            "required": False,
            "required_when": "  preferred CONTACT method ",
            "required_when_answer": "email",
        },
    )

    assert errors_of(form, {"preferred_contact_method": "Email"}) == {"email_address": [EMAIL_REQUIRED]}
    assert errors_of(form, {"preferred_contact_method": "Phone call"}) == {}


def test_a_checkbox_makes_a_field_required_when_ticked():
    form = form_class(
        {"label": "Send me a letter", "field_type": "checkbox", "required": False},
        {
            "label": "Postal address",
            "field_type": "singleline",
            "required": False,
            "required_when": "Send me a letter",
            "required_when_answer": "Ticked",
        },
    )

    assert errors_of(form, {"send_me_a_letter": "on"}) == {
        "postal_address": ["Fill in “Postal address”: you ticked “Send me a letter”."]
    }
    assert errors_of(form, {}) == {}
    assert form().fields["postal_address"].help_text == "Required if you tick “Send me a letter” above."


def test_a_rule_that_cannot_work_is_left_out_of_the_visitors_form():
    # Saved without the page editor (demo data, a script): the form still works, without the rule.
    form = form_class(
        {"label": "Contact by", "field_type": "radio", "choices": "Phone\nEmail"},
        {
            "label": "Email",
            "field_type": "email",
            "required": False,
            "required_when": "Contact by",
            "required_when_answer": "Pigeon",
        },
    )

    assert errors_of(form, {"contact_by": "Email"}) == {}
    assert form().fields["email"].help_text == ""


def test_a_checkbox_rule_names_ticked_or_not_and_a_hidden_field_cannot_have_one():
    letter = FormField(label="Send me a letter", field_type="checkbox", required=False)
    address = FormField(
        label="Postal address",
        field_type="singleline",
        required=False,
        required_when="Send me a letter",
        required_when_answer="Sure",
    )
    with pytest.raises(RequiredWhenProblem) as caught:
        resolve_required_when(address, [letter, address])
    assert (caught.value.field, caught.value.message) == (
        "required_when_answer",
        "“Send me a letter” is a checkbox: write “Ticked” or “Not ticked”.",
    )
    address.field_type = "hidden"
    address.required_when_answer = "Ticked"
    with pytest.raises(RequiredWhenProblem, match="A hidden field cannot be required"):
        resolve_required_when(address, [letter, address])


# --- The editor ---------------------------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def edit_data(page, **changes):
    """The page editor's form data for `page`, its form fields as they are, with `changes` by label.

    changes: {field label: {attribute: value}}; {"DELETE": "on"} removes the field.
    """
    rows = []
    for field in page.form_fields.all():
        row = {
            "id": str(field.pk),
            "label": field.label,
            "help_text": field.help_text,
            "field_type": field.field_type,
            "autocomplete": field.autocomplete,
            "choices": field.choices,
            "default_value": field.default_value,
            "required_when": field.required_when,
            "required_when_answer": field.required_when_answer,
        }
        if field.required:
            row["required"] = "on"
        row.update(changes.get(field.label, {}))
        rows.append(row)
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text(page.intro),
            "form_fields": inline_formset(rows, initial=len(rows)),
            "consent_text": page.consent_text,
            "submit_label": page.submit_label,
            "thank_you_text": rich_text(page.thank_you_text),
            "to_address": page.to_address,
            "from_address": page.from_address,
            "subject": page.subject,
            "action-publish": "action-publish",
        }
    )


def edit(client, page, **changes):
    return client.post(f"/admin/pages/{page.pk}/edit/", edit_data(page, **changes))


def field_error(response, page, label, attribute):
    """The error the editor sees on one attribute of the form field with this label."""
    html = BeautifulSoup(response.content, "html.parser")
    row = [field.label for field in page.form_fields.all()].index(label)
    control = html.find(attrs={"name": f"form_fields-{row}-{attribute}"})
    wrapper = control.find_parent(attrs={"data-field-wrapper": True})
    error = wrapper.find(class_="error-message")
    return error.get_text(" ", strip=True) if error else ""


CHOICES_LISTED = "“Phone call”, “Text message”, “Email”"
OTHER_FIELDS = "“Your name”, “Phone number”, “Preferred contact method”, “Message”"


@pytest.mark.parametrize(
    ("rule", "attribute", "message"),
    [
        (
            {"required_when": "Contact preference", "required_when_answer": "Email"},
            "required_when",
            f"This form has no field labelled “Contact preference”: write the label of one of its other fields, "
            f"{OTHER_FIELDS}.",
        ),
        (
            {"required_when": "Preferred contact method", "required_when_answer": "Pigeon"},
            "required_when_answer",
            f"“Preferred contact method” has no answer “Pigeon”: write one of its answers, {CHOICES_LISTED}.",
        ),
        (
            {"required_when": "Preferred contact method", "required_when_answer": ""},
            "required_when_answer",
            "Write which answer to “Preferred contact method” makes this field required, "
            "or clear “required when the field”.",
        ),
        (
            {"required_when": "", "required_when_answer": "Email"},
            "required_when",
            "Write the label of the field whose answer makes this field required, or clear “has the answer”.",
        ),
        (
            {"required_when": "Email address", "required_when_answer": "Email"},
            "required_when",
            "A field cannot depend on its own answer: write the label of another field of this form.",
        ),
        (
            {"required_when": "Preferred contact method", "required_when_answer": "Email", "required": "on"},
            "required_when",
            "This field is always required (“Required” is ticked), so this rule would change nothing: "
            "untick “Required”, or clear the rule.",
        ),
    ],
    ids=["unknown label", "unknown answer", "no answer", "no label", "itself", "always required"],
)
def test_the_page_editor_refuses_a_rule_that_cannot_work(superuser_client, appointment, rule, attribute, message):
    response = edit(superuser_client, appointment, **{"Email address": rule})

    assert response.status_code == 200  # the editor again, with the error
    assert field_error(response, appointment, "Email address", attribute) == message
    assert FormField.objects.get(page=appointment, label="Email address").required_when_answer == "Email"


def test_the_page_editor_accepts_a_rule_that_works(superuser_client, appointment):
    response = edit(
        superuser_client,
        appointment,
        **{"Email address": {"required_when": "preferred contact method", "required_when_answer": "Text message"}},
    )

    assert response.status_code == 302
    email = FormPage.objects.get(pk=appointment.pk).form_fields.get(label="Email address")
    assert (email.required_when, email.required_when_answer) == ("preferred contact method", "Text message")
    assert edit(superuser_client, appointment).status_code == 302  # saved again unchanged


def test_a_field_being_deleted_is_no_field_to_depend_on(superuser_client, appointment):
    response = edit(superuser_client, appointment, **{"Preferred contact method": {"DELETE": "on"}})

    assert response.status_code == 200
    message = field_error(response, appointment, "Email address", "required_when")
    assert message.startswith("This form has no field labelled “Preferred contact method”")
    assert appointment.form_fields.filter(label="Preferred contact method").exists()


def test_a_field_being_deleted_may_keep_its_rule(superuser_client, appointment):
    response = edit(
        superuser_client,
        appointment,
        **{"Email address": {"DELETE": "on", "required_when_answer": "Pigeon"}},
    )

    assert response.status_code == 302
    assert not FormPage.objects.get(pk=appointment.pk).form_fields.filter(label="Email address").exists()


def test_a_new_field_can_depend_on_another_new_field(superuser_client, home_page):
    page = FormPageFactory(parent=home_page)
    data = edit_data(page)
    data.update(
        nested_form_data(
            {
                "form_fields": inline_formset(
                    [
                        {"label": "Contact by", "field_type": "radio", "choices": "Phone\nEmail", "required": "on"},
                        {
                            "label": "Email",
                            "field_type": "email",
                            "required_when": "Contact by",
                            "required_when_answer": "Email",
                        },
                    ]
                )
            }
        )
    )

    assert superuser_client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    email = FormPage.objects.get(pk=page.pk).form_fields.get(label="Email")
    assert (email.required_when, email.required_when_answer) == ("Contact by", "Email")
