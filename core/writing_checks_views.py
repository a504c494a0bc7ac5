"""The admin view the "Writing checks" panel refreshes itself from (core/panels.py).

It reads the editor's unsaved form as Wagtail's preview does (same permission checks,
same form), and answers with the checks for the page as the form has it. Nothing is saved.
"""

from django.template.response import TemplateResponse
from wagtail.admin.views.pages.preview import PreviewOnCreateView, PreviewOnEditView

from .writing_checks import check_page


class WritingChecksMixin:
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not self.validate_form(form):
            return TemplateResponse(request, "core/admin/writing_checks_unavailable.html", status=422)
        form.save(commit=False)
        return TemplateResponse(request, "core/admin/writing_checks.html", {"report": check_page(self.object)})


class WritingChecksOnEdit(WritingChecksMixin, PreviewOnEditView):
    pass


class WritingChecksOnCreate(WritingChecksMixin, PreviewOnCreateView):
    pass
