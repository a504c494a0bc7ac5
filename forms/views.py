"""Views outside the form page itself: the forms inbox in the admin, and CSRF failures on form pages.

The inbox is Wagtail's (wagtail.contrib.forms.views), served from our own URLs
(forms/wagtail_hooks.py) so that every one of them is guarded by forms/access.py
and recorded by forms/audit.py. The submissions listing and its exports are in
forms/export.py.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.forms.models import FormMixin
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import DeleteSubmissionsView as WagtailDeleteSubmissionsView
from wagtail.contrib.forms.views import FormPagesListView
from wagtail.models import Page

from . import audit


def display_value(value):
    """A stored value as intake staff should read it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "DATETIME_FORMAT")
    return str(value)


class FormPagesIndexView(FormPagesListView):
    """Wagtail's list of forms, for those who may read submissions rather than those who edit pages.

    Which forms it lists comes from get_forms_for_user and so from
    forms.access.form_pages_for_reader.
    """

    any_permission_required = None  # Wagtail's asks for page-editing permissions


class DeleteSubmissionsView(WagtailDeleteSubmissionsView):
    """Wagtail's confirm-and-delete view, recording how many were deleted (both or neither)."""

    @transaction.atomic
    def handle_delete(self, submissions):
        submission_ids = sorted(submissions.values_list("pk", flat=True))
        super().handle_delete(submissions)
        audit.deleted(self.request, self.page, submission_ids)


class SubmissionDetailView(WagtailAdminTemplateMixin, TemplateView):
    """One submission with every value: where the notification email links to.

    Reading a submission is allowed exactly to those who may read the form's
    submissions listing (forms/access.py, and Wagtail's get_forms_for_user with
    its filter_form_submissions_for_user hook). Each look is recorded.
    """

    template_name = "forms/admin/submission_detail.html"
    page_title = gettext_lazy("Form submission")
    header_icon = "form"

    def dispatch(self, request, page_id, submission_id):
        if not get_forms_for_user(request.user).filter(pk=page_id).exists():
            raise PermissionDenied
        self.form_page = get_object_or_404(Page, pk=page_id).specific
        if not isinstance(self.form_page, FormMixin):
            raise Http404
        self.submission = get_object_or_404(self.form_page.get_submissions(), pk=submission_id)
        return super().dispatch(request)

    def get_page_subtitle(self):
        return self.form_page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailforms:index"), "label": "Forms"},
            {
                "url": reverse("wagtailforms:list_submissions", args=(self.form_page.pk,)),
                "label": self.form_page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.submission.get_data()
        context.update(
            form_page=self.form_page,
            submission=self.submission,
            rows=[(label, display_value(data.get(name))) for name, label in self.form_page.get_data_fields()],
            listing_url=reverse("wagtailforms:list_submissions", args=(self.form_page.pk,)),
        )
        audit.viewed_one(self.request, self.form_page, self.submission)
        return context


def csrf_failure(request, reason=""):
    """A form page's POST that failed the CSRF check: show the form again, with what was typed.

    This happens when a page came from a cache without JavaScript to refresh its
    token (docs/forms.md). Nothing is stored; the visitor presses the button
    again with a fresh token. Every other CSRF failure gets Django's own page.
    """
    resolver_match = getattr(request, "resolver_match", None)
    if resolver_match is not None and resolver_match.url_name == "wagtail_serve":
        from .models import FormPage

        route = Page.route_for_request(request, resolver_match.args[0] if resolver_match.args else "")
        routable_match = getattr(request, "routable_resolver_match", None)
        if (
            route is not None
            and isinstance(route[0], FormPage)
            and routable_match is not None
            and routable_match.url_name == "form_view"
        ):
            page, args, kwargs = route
            # Page privacy and other checks Wagtail runs before serving a page still apply.
            for hook in hooks.get_hooks("before_serve_page"):
                result = hook(page, request, args, kwargs)
                if isinstance(result, HttpResponse):
                    return result
            return page.handle_submission(request, csrf_failed=True)
    return django_csrf_failure(request, reason=reason)
