"""The forms inbox in the admin: its URLs (all guarded), who sees which forms, permissions, audit log actions.

The URLs below are the same as Wagtail's own forms inbox (admin/forms/...), and
are registered first, so they are the ones that answer: each view is Wagtail's
(or a subclass, forms/inbox.py), wrapped in the permission check there.
"""

from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.forms.views import get_submissions_list_view
from wagtail.models import Page
from wagtail.permissions import policy_registry

from . import audit, page_deletion
from .inbox import (
    DeleteSubmissionsView,
    FormPagesIndexView,
    can_read_submissions,
    form_pages_for_reader,
    submissions_delete_view,
    submissions_view,
)
from .intake import (
    ChangeStatusBulkAction,
    IntakeInboxView,
    IntakePanel,
    SubmissionDetailView,
    audit_refused_triage,
)
from .models import FormSubmission, SubmissionLogEntry


@hooks.register("register_admin_urls", order=-100)
def register_submissions_urls():
    read, delete = submissions_view, submissions_delete_view
    return [
        path("intake/", read(IntakeInboxView.as_view()), name="intake_inbox"),
        path("intake/results/", read(IntakeInboxView.as_view(results_only=True)), name="intake_inbox_results"),
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
            read(SubmissionDetailView.as_view(), on_refusal=audit_refused_triage),
            name="forms_submission_detail",
        ),
    ]


hooks.register("filter_form_submissions_for_user", form_pages_for_reader)
hooks.register("register_log_actions", audit.register_log_actions)


@hooks.register("register_log_actions")
def register_submission_log(actions):
    # Entries about submissions have their own log model, shown only to those who may read them.
    actions.register_model(FormSubmission, SubmissionLogEntry)


# A page holding submissions is deleted only by someone who may delete them (forms/page_deletion.py).
hooks.register("before_delete_page", page_deletion.before_delete_page)
hooks.register("before_bulk_action", page_deletion.before_bulk_action)


@hooks.register("register_permissions")
def submission_permissions():
    # Shown in Settings → Groups, so an administrator can give them to a group.
    return Permission.objects.filter(
        content_type__app_label="forms", codename__in=["view_formsubmission", "delete_formsubmission"]
    )


class SubmissionsHistoryMenuItem(MenuItem):
    """Reports → Site history for intake staff, to whom Wagtail does not show it: they may edit no page.

    What they see there is the audit log of submissions (forms.models.SubmissionLogEntry)
    and nothing of the pages' own history.
    """

    def is_shown(self, request):
        user = request.user
        page_history_shown = policy_registry.get_by_type(Page).explorable_root_instance(user) is not None
        return can_read_submissions(user) and not page_history_shown


@hooks.register("register_reports_menu_item")
def register_submissions_history_menu_item():
    return SubmissionsHistoryMenuItem(
        "Site history",
        reverse("wagtailadmin_reports:site_history"),
        name="submissions-site-history",
        icon_name="history",
        order=1000,
    )


hooks.register("register_bulk_action", ChangeStatusBulkAction)


class IntakeInboxMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_submissions(request.user)


@hooks.register("register_admin_menu_item")
def register_intake_inbox_menu_item():
    # Above Wagtail's Forms item (order 700): the inbox is where intake staff start.
    return IntakeInboxMenuItem(
        "Intake inbox", reverse("intake_inbox"), name="intake-inbox", icon_name="mail", order=690
    )


@hooks.register("construct_homepage_panels")
def add_intake_panel(request, panels):
    if can_read_submissions(request.user):
        panels.insert(0, IntakePanel(request.user))


@hooks.register("insert_global_admin_css")
def intake_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-intake.css"))
