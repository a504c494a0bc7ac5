"""The forms inbox in the admin: its URLs (all guarded), who sees which forms, permissions, audit log actions.

The URLs below are the same as Wagtail's own forms inbox (admin/forms/...), and
are registered first, so they are the ones that answer: each view is Wagtail's
(or a subclass, forms/inbox.py), wrapped in the permission check there.
"""

from django.contrib.auth.models import Permission
from django.urls import path
from wagtail import hooks
from wagtail.contrib.forms.views import get_submissions_list_view

from . import audit
from .inbox import (
    DeleteSubmissionsView,
    FormPagesIndexView,
    SubmissionDetailView,
    form_pages_for_reader,
    submissions_delete_view,
    submissions_view,
)


@hooks.register("register_admin_urls", order=-100)
def register_submissions_urls():
    read, delete = submissions_view, submissions_delete_view
    return [
        path("forms/", read(FormPagesIndexView.as_view()), name="forms_index"),
        path("forms/results/", read(FormPagesIndexView.as_view(results_only=True)), name="forms_index_results"),
        path("forms/submissions/<int:page_id>/", read(get_submissions_list_view), name="forms_list_submissions"),
        path(
            "forms/submissions/<int:page_id>/results/",
            read(get_submissions_list_view),
            {"results_only": True},
            name="forms_list_submissions_results",
        ),
        path(
            "forms/submissions/<int:page_id>/delete/",
            delete(DeleteSubmissionsView.as_view()),
            name="forms_delete_submissions",
        ),
        path(
            "forms/submissions/<int:page_id>/<int:submission_id>/",
            read(SubmissionDetailView.as_view()),
            name="forms_submission_detail",
        ),
    ]


hooks.register("filter_form_submissions_for_user", form_pages_for_reader)
hooks.register("register_log_actions", audit.register_log_actions)


@hooks.register("register_permissions")
def submission_permissions():
    # Shown in Settings → Groups, so an administrator can give them to a group.
    return Permission.objects.filter(
        content_type__app_label="forms", codename__in=["view_formsubmission", "delete_formsubmission"]
    )
