"""The form page's editor form: Wagtail's checks of its form fields, and the clinic's "required when" rules.

A rule that cannot work (a label that is no other field of the form, an answer
that field does not offer, half a rule, a field pointing at itself) is an error
on that form field when the page is saved, with a message saying what to write;
forms/builder.py resolves rules the same way for the visitor's form.
"""

from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

from .builder import RequiredWhenProblem, resolve_required_when

FORM_FIELDS = "form_fields"  # FormField.page's related_name: the "Form fields" inline panel


class FormPageForm(WagtailAdminFormPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get(FORM_FIELDS)
        if formset is not None:
            check_required_when_rules(formset)
        return cleaned_data


def check_required_when_rules(formset):
    """Add an error to each form field whose rule cannot work; rows being deleted are not fields."""
    rows = []
    for form in formset.forms:
        form.is_valid()  # done by Wagtail's clean() already: sets cleaned_data, and the instance to what was typed
        if not form.cleaned_data.get("DELETE", False):
            rows.append(form)
    fields = [form.instance for form in rows]
    for form, field in zip(rows, fields, strict=True):
        try:
            resolve_required_when(field, fields)
        except RequiredWhenProblem as problem:
            form.add_error(problem.field, problem.message)
