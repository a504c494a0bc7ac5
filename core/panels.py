"""The "Writing checks" panel of the page editor: reading grade and safe messaging (core/writing_checks.py).

It shows the checks for the page as last saved when the editor opens, and
static/js/admin-writing-checks.js refreshes them from the form as the editor types
(core/writing_checks_views.py), the same way Wagtail's preview reads the unsaved form.
"""

from django.urls import reverse
from wagtail.admin.panels import Panel

from .writing_checks import check_page


def writing_checks_url(page, parent_page=None):
    """Where the editor's form is posted to recheck it: the page's own address, or, for a new page, its parent's."""
    if page.pk:
        return reverse("writing_checks_on_edit", args=[page.pk])
    if parent_page is None:
        return ""
    meta = page._meta
    return reverse("writing_checks_on_create", args=[meta.app_label, meta.model_name, parent_page.pk])


class WritingChecksPanel(Panel):
    """Advice on the page's text, shown in the editor; it never stops a save or a publish."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Writing checks")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "writing_checks"

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/writing_checks_panel.html"

        class Media:
            js = ["js/admin-writing-checks.js"]
            css = {"all": ["css/admin-writing-checks.css"]}

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["report"] = check_page(self.instance)
            context["checks_url"] = writing_checks_url(self.instance, getattr(self.form, "parent_page", None))
            return context
