import factory
import wagtail_factories

from forms.models import FormField, FormPage


class FormPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Request form {n}")
    intro = "<p>Tell us how to reach you.</p>"
    to_address = "intake@clinic.example"
    thank_you_text = "<p>Thank you, we will call you back within one working day.</p>"

    class Meta:
        model = FormPage


class FormFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(FormPageFactory)
    label = factory.Sequence(lambda n: f"Field {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = FormField


def call_back_form_page(parent, **kwargs):
    """A form page shaped like the demo's call-back form: name, phone, best time, voicemail, an optional message, consent."""
    page = FormPageFactory(parent=parent, title="Request a call-back", slug="request-a-call-back", **kwargs)
    FormFieldFactory(page=page, label="Your name", field_type="singleline", autocomplete="name", sort_order=0)
    FormFieldFactory(page=page, label="Phone number", field_type="tel", autocomplete="tel", sort_order=1)
    FormFieldFactory(
        page=page,
        label="Best time to call",
        field_type="dropdown",
        choices="Mornings\nAfternoons",
        sort_order=2,
    )
    FormFieldFactory(page=page, label="May we leave a voicemail?", field_type="radio", choices="Yes\nNo", sort_order=3)
    FormFieldFactory(page=page, label="Message", field_type="multiline", required=False, sort_order=4)
    return page


def appointment_form_page(parent, **kwargs):
    """A form page shaped like the demo's appointment form: the email is required only when Email is chosen."""
    page = FormPageFactory(parent=parent, title="Request an appointment", slug="request-an-appointment", **kwargs)
    fields = [
        {"label": "Your name", "autocomplete": "name"},
        {"label": "Phone number", "field_type": "tel", "autocomplete": "tel"},
        {
            "label": "Email address",
            "field_type": "email",
            "autocomplete": "email",
            "required": False,
            "help_text": "We use it only to reply to you.",
            "required_when": "Preferred contact method",
            "required_when_answer": "Email",
        },
        {
            "label": "Preferred contact method",
            "field_type": "radio",
            "choices": "Phone call\nText message\nEmail",
            "default_value": "Phone call",
        },
        {"label": "Message", "field_type": "multiline", "required": False},
    ]
    for sort_order, field in enumerate(fields):
        FormFieldFactory(page=page, sort_order=sort_order, **field)
    return page
