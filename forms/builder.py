"""How an editor's form fields become a Django form that a visitor fills in.

Wagtail's FormBuilder does the work; this adds what a clinic's forms need:
a telephone type, an autocomplete token on every field (WCAG 1.3.5), a length
limit on every text field, native date pickers, an empty first option on drop
downs, error messages that name the field so the error summary reads well, and
the page's consent checkbox after the editor's fields.
"""

import re

import django.forms
from django.core.exceptions import ValidationError
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

# Longest value accepted for each kind of text field.
SINGLE_LINE_MAX_LENGTH = 255
MULTI_LINE_MAX_LENGTH = 4000
EMAIL_MAX_LENGTH = 254
TEL_MAX_LENGTH = 30
URL_MAX_LENGTH = 2000
HIDDEN_MAX_LENGTH = 255

# Digits, spaces, brackets, dots, dashes and a leading +, optionally an extension ("x 12", "ext. 12").
TEL_PATTERN = re.compile(r"^\+?[\d\s().\-]+(?:\s*(?:x|ext\.?)\s*\d{1,6})?$", re.IGNORECASE)
TEL_MIN_DIGITS = 7
TEL_MAX_DIGITS = 20

CHECKED_WORDS = {"1", "on", "yes", "true", "checked", "ticked"}

# The consent checkbox is not one of the editor's fields: its wording is FormPage.consent_text.
CONSENT_FIELD = "_consent"
CONSENT_LABEL = "Agreed to be contacted"  # the column heading in the inbox and exports
DEFAULT_CONSENT_TEXT = (
    "I agree to be contacted about my request by phone, text message or email, using the details I gave."
)
CONSENT_REQUIRED_MESSAGE = "Tick the box to agree that we may contact you about your request."


class TelInput(django.forms.TextInput):
    input_type = "tel"


def validate_phone_number(value):
    digits = sum(character.isdigit() for character in value)
    if not TEL_PATTERN.match(value) or not TEL_MIN_DIGITS <= digits <= TEL_MAX_DIGITS:
        raise ValidationError(
            "Enter a phone number using digits, for example (555) 010-2040.", code="invalid_phone_number"
        )


class ClinicForm(BaseForm):
    """The base of every form a visitor fills in."""

    # Django gives inputs aria-describedby for their help text and errors; the
    # templates render those elements with the matching ids.

    def error_summary(self):
        """Every error, in the order of the fields, with the id of the input to jump to."""
        items = [{"text": error, "target": ""} for error in self.non_field_errors()]
        for bound_field in self:
            for error in bound_field.errors:
                items.append({"text": error, "target": field_target_id(bound_field)})
        return items

    @property
    def has_required_fields(self):
        return any(field.required for field in self.fields.values() if not field.widget.is_hidden)


def field_target_id(bound_field):
    """The id of the input a link to this field should land on: the first option of a group."""
    if bound_field.is_hidden:
        return ""  # nothing to land on; the message in the summary says what is wrong
    if bound_field.use_fieldset:
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label


class ClinicFormBuilder(FormBuilder):
    """The editor's fields, then the consent checkbox when the page has consent wording."""

    def __init__(self, fields, consent_text=""):
        super().__init__(fields)
        self.consent_text = consent_text

    def create_singleline_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX_LENGTH
        return django.forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTI_LINE_MAX_LENGTH
        options["widget"] = django.forms.Textarea(attrs={"rows": 5})
        return django.forms.CharField(**options)

    def create_email_field(self, field, options):
        options["max_length"] = EMAIL_MAX_LENGTH
        return django.forms.EmailField(**options)

    def create_tel_field(self, field, options):
        options["max_length"] = TEL_MAX_LENGTH
        options["widget"] = TelInput
        return django.forms.CharField(validators=[validate_phone_number], **options)

    def create_url_field(self, field, options):
        options["max_length"] = URL_MAX_LENGTH
        return super().create_url_field(field, options)

    def create_number_field(self, field, options):
        options.update(max_digits=15, decimal_places=4)
        return django.forms.DecimalField(**options)

    def create_date_field(self, field, options):
        options["widget"] = django.forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        return django.forms.DateField(**options)

    def create_datetime_field(self, field, options):
        options["widget"] = django.forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        return django.forms.DateTimeField(**options)

    def create_dropdown_field(self, field, options):
        # Without an empty first option the browser would quietly send the first choice.
        options["choices"] = [("", "Choose one"), *self.get_formatted_field_choices(field)]
        return django.forms.ChoiceField(**options)

    def create_checkbox_field(self, field, options):
        options["initial"] = field.default_value.strip().lower() in CHECKED_WORDS
        return django.forms.BooleanField(**options)

    def create_hidden_field(self, field, options):
        options["max_length"] = HIDDEN_MAX_LENGTH
        options["widget"] = django.forms.HiddenInput
        return django.forms.CharField(**options)

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["error_messages"] = error_messages_for(field)
        return options

    @property
    def formfields(self):
        formfields = super().formfields
        for form_field, field in zip(self.fields, formfields.values(), strict=True):
            if form_field.autocomplete and not field.widget.is_hidden:
                field.widget.attrs["autocomplete"] = form_field.autocomplete
        return formfields

    def get_form_class(self):
        fields = self.formfields
        if self.consent_text:
            fields[CONSENT_FIELD] = django.forms.BooleanField(
                label=self.consent_text, required=True, error_messages={"required": CONSENT_REQUIRED_MESSAGE}
            )
        return type("ClinicWagtailForm", (ClinicForm,), fields)


def error_messages_for(field):
    """Messages that make sense on their own, in the summary at the top of the form."""
    label = field.label
    if field.field_type in {"checkbox"}:
        required = f"Tick “{label}” to continue."
    elif field.field_type in {"dropdown", "radio", "checkboxes", "multiselect"}:
        required = f"Choose an answer for “{label}”."
    else:
        required = f"Fill in “{label}”."
    messages = {
        "required": required,
        "invalid_choice": f"Choose one of the answers offered for “{label}”.",
        "max_length": f"“{label}” can be at most %(limit_value)d characters long (it has %(show_value)d).",
        "invalid_phone_number": f"Enter a phone number in “{label}” using digits, for example (555) 010-2040.",
    }
    invalid = {
        "email": f"Enter an email address in “{label}”, like name@example.com.",
        "number": f"Enter a number in “{label}”.",
        "url": f"Enter a web address in “{label}”, like https://example.com.",
        "date": f"Enter a real date in “{label}”.",
        "datetime": f"Enter a real date and time in “{label}”.",
    }.get(field.field_type)
    if invalid:
        messages["invalid"] = invalid
    return messages
