"""How an editor's form fields become a Django form that a visitor fills in.

Wagtail's FormBuilder does the work; this adds what a clinic's forms need:
a telephone type, an autocomplete token on every field (WCAG 1.3.5), a length
limit on every text field, native date pickers, an empty first option on drop
downs, error messages that name the field so the error summary reads well,
fields required only when another field has a given answer ("required when"),
and the page's consent checkbox after the editor's fields.
"""

import re
from dataclasses import dataclass

import django.forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.utils import get_field_clean_name

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
UNCHECKED_WORDS = {"0", "off", "no", "false", "unchecked", "unticked", "not checked", "not ticked"}

CHOICE_TYPES = {"dropdown", "radio", "checkboxes", "multiselect"}
# The answers a "required when" rule on a checkbox names.
TICKED = "Ticked"
NOT_TICKED = "Not ticked"

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

    # Set by ClinicFormBuilder.get_form_class: the editor's "required when" rules that can work.
    required_when_rules = ()

    def clean(self):
        cleaned_data = super().clean()
        for rule in self.required_when_rules:
            if rule.field_name not in cleaned_data or rule.other_name not in cleaned_data:
                continue  # the field or the one it depends on has an error of its own already
            if rule.applies(cleaned_data[rule.other_name]) and is_empty(cleaned_data[rule.field_name]):
                self.add_error(rule.field_name, ValidationError(rule.message, code="required_when"))
        return cleaned_data


def is_empty(value):
    return value is False or value in django.forms.Field.empty_values


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
        super().__init__(list(fields))
        self.consent_text = consent_text
        self.required_when = required_when_rules(self.fields)

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
        rule = self.required_when.get(clean_name_of(field))
        if rule:
            # Part of the hint, so the input's aria-describedby reads it too.
            help_text = options["help_text"]
            options["help_text"] = format_html("{} {}", help_text, rule.hint) if help_text else rule.hint
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
        fields["required_when_rules"] = tuple(self.required_when.values())
        return type("ClinicWagtailForm", (ClinicForm,), fields)


def fill_in(field):
    """What the visitor must do about an empty field, as the start of a sentence."""
    if field.field_type == "checkbox":
        return f"Tick “{field.label}”"
    return required_message_for(field).removesuffix(".")


def required_message_for(field):
    label = field.label
    if field.field_type == "checkbox":
        return f"Tick “{label}” to continue."
    if field.field_type in CHOICE_TYPES:
        return f"Choose an answer for “{label}”."
    return f"Fill in “{label}”."


def error_messages_for(field):
    """Messages that make sense on their own, in the summary at the top of the form."""
    label = field.label
    messages = {
        "required": required_message_for(field),
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


# --- "Required when": a field required only when another field has a given answer ----------------


class RequiredWhenProblem(Exception):
    """An editor's rule that cannot work; `field` is the form field's attribute the message belongs to."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class RequiredWhen:
    """Field `field_name` must be filled in when field `other_name` has `answer` (one of its answers, for many)."""

    field_name: str
    other_name: str
    answer: str  # spelled as the other field spells it; for a checkbox TICKED or NOT_TICKED
    many: bool  # the other field takes several answers (checkboxes, multi-select)
    message: str
    hint: str

    def applies(self, value):
        if isinstance(value, bool):  # the other field is a checkbox
            return value == (self.answer == TICKED)
        answers = value if self.many else [value]
        return any(same_answer(str(given), self.answer) for given in answers or ())


def clean_name_of(field):
    # A field not saved yet (a preview, the page editor) has no clean_name: Wagtail derives it from the label.
    return field.clean_name or field.get_field_clean_name()


def same_answer(given, answer):
    return given.strip().casefold() == answer.strip().casefold()


def field_choices(field):
    return [value for value, _ in FormBuilder(()).get_formatted_field_choices(field) if value]


def find_field(fields, label):
    """The field with this label, as Wagtail matches labels: trimmed and ignoring case, or by its clean name."""
    label = label.strip()
    for field in fields:
        if same_answer(field.label, label):
            return field
    wanted = get_field_clean_name(label)
    return next((field for field in fields if clean_name_of(field) == wanted), None)


def quoted(values):
    return ", ".join(f"“{value}”" for value in values)


def resolve_required_when(field, fields):
    """(the other field, the answer as it spells it) of `field`'s rule; None without one.

    Raises RequiredWhenProblem, with a message for the editor, for a rule that
    cannot work. The page editor shows it (forms/page_form.py); a visitor's form
    leaves such a rule out.
    """
    label = field.required_when.strip()
    answer = field.required_when_answer.strip()
    if not label and not answer:
        return None
    if not label:
        raise RequiredWhenProblem(
            "required_when",
            "Write the label of the field whose answer makes this field required, or clear “has the answer”.",
        )
    if not answer:
        raise RequiredWhenProblem(
            "required_when_answer",
            f"Write which answer to “{label}” makes this field required, or clear “required when the field”.",
        )
    if field.required:
        raise RequiredWhenProblem(
            "required_when",
            "This field is always required (“Required” is ticked), so this rule would change nothing: "
            "untick “Required”, or clear the rule.",
        )
    if field.field_type == "hidden":
        raise RequiredWhenProblem("required_when", "A hidden field cannot be required: visitors cannot fill it in.")
    other = find_field(fields, label)
    if other is field:
        raise RequiredWhenProblem(
            "required_when", "A field cannot depend on its own answer: write the label of another field of this form."
        )
    if other is None:
        others = [candidate.label for candidate in fields if candidate is not field and candidate.label]
        which = f": write the label of one of its other fields, {quoted(others)}" if others else ""
        raise RequiredWhenProblem("required_when", f"This form has no field labelled “{label}”{which}.")
    if other.field_type == "checkbox":
        words = answer.casefold()
        if words not in CHECKED_WORDS | UNCHECKED_WORDS:
            raise RequiredWhenProblem(
                "required_when_answer", f"“{other.label}” is a checkbox: write “{TICKED}” or “{NOT_TICKED}”."
            )
        return other, TICKED if words in CHECKED_WORDS else NOT_TICKED
    if other.field_type in CHOICE_TYPES:
        choices = field_choices(other)
        spelled = next((choice for choice in choices if same_answer(choice, answer)), None)
        if spelled is None:
            raise RequiredWhenProblem(
                "required_when_answer",
                f"“{other.label}” has no answer “{answer}”: write one of its answers, {quoted(choices)}.",
            )
        return other, spelled
    return other, answer


def required_when_rules(fields):
    """{clean name: RequiredWhen} for every field whose rule can work, in the order of the fields."""
    fields = list(fields)
    rules = {}
    for position, field in enumerate(fields):
        try:
            resolved = resolve_required_when(field, fields)
        except RequiredWhenProblem:
            continue  # refused in the page editor; a page saved otherwise (demo data, the API) must still work
        if resolved is None:
            continue
        other, answer = resolved
        where = "above" if next(index for index, each in enumerate(fields) if each is other) < position else "below"
        if other.field_type == "checkbox":
            ticked = answer == TICKED
            condition = f"tick “{other.label}” {where}" if ticked else f"leave “{other.label}” {where} unticked"
            reason = f"you ticked “{other.label}”" if ticked else f"you left “{other.label}” unticked"
        elif other.field_type in CHOICE_TYPES:
            condition = f"choose “{answer}” for “{other.label}” {where}"
            reason = f"you chose “{answer}” for “{other.label}”"
        else:
            condition = f"answer “{answer}” to “{other.label}” {where}"
            reason = f"you answered “{answer}” to “{other.label}”"
        rules[clean_name_of(field)] = RequiredWhen(
            field_name=clean_name_of(field),
            other_name=clean_name_of(other),
            answer=answer,
            many=other.field_type in {"checkboxes", "multiselect"},
            message=f"{fill_in(field)}: {reason}.",
            hint=f"Required if you {condition}.",
        )
    return rules
