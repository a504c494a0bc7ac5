from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import TaskState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import Clinician, Location, MedicalReviewTask
from home.models.medical_review import BAD_DATE, RECORDED_ACTION, REFUSALS, recorded_review_message
from home.reviews import MedicalReviewReportView, ReviewsDuePanel, is_reviewer, may_see_reviews
from home.two_factor import factors
from home.two_factor import urls as two_factor_urls


class ClinicianViewSet(SnippetViewSet):
    model = Clinician
    icon = "user"
    menu_label = "Clinicians"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role"]
    search_fields = ["name", "role"]


register_snippet(ClinicianViewSet)


class LocationViewSet(SnippetViewSet):
    """The clinic's locations, in the order the footer and the contact page list them (drag to reorder)."""

    model = Location
    icon = "site"
    menu_label = "Locations"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "locality"]
    search_fields = ["name", "locality"]


register_snippet(LocationViewSet)


def medical_review_not_approved(request, task_state_id, reason):
    """Where a refused approval lands (MedicalReviewTask.on_action has no request): say why, back to the page."""
    if reason not in REFUSALS:
        raise Http404
    messages.error(request, REFUSALS[reason])
    task_state = TaskState.objects.filter(pk=task_state_id).select_related("workflow_state").first()
    if task_state is None:
        return redirect("wagtailadmin_home")
    return redirect("wagtailadmin_pages:edit", task_state.workflow_state.object_id)


@hooks.register("after_edit_page")
def after_an_approval_from_the_editor(request, page):
    """Approving from the page editor: the edit view ignores what on_action returns, so say here why it was
    refused; once approved, a reviewer (who may not browse the page tree) goes back to her dashboard."""
    if request.POST.get("workflow-action-name") != "approve":
        return None
    if not page.workflow_in_progress:
        if not page.permissions_for_user(request.user).can_edit():
            return redirect("wagtailadmin_home")
        return None
    task_state = page.current_workflow_task_state
    task = task_state.task.specific if task_state else None
    if isinstance(task, MedicalReviewTask):
        messages.error(request, REFUSALS[task.approval_refusal(task_state, request.user) or BAD_DATE])
        return redirect("wagtailadmin_pages:edit", page.pk)  # still hers to review: back to the page
    return None


@hooks.register("register_log_actions")
def register_medical_review_log_action(actions):
    @actions.register_action(RECORDED_ACTION)
    class RecordedReview(LogFormatter):
        label = "Medical review recorded"

        def format_message(self, log_entry):
            return recorded_review_message(log_entry.data)


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path(
            "medical-review/not-approved/<int:task_state_id>/<slug:reason>/",
            medical_review_not_approved,
            name="medical_review_not_approved",
        ),
        path("reports/medical-reviews/", MedicalReviewReportView.as_view(), name="medical_review_report"),
        path(
            "reports/medical-reviews/results/",
            MedicalReviewReportView.as_view(results_only=True),
            name="medical_review_report_results",
        ),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_reviews(request.user)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        "Medical pages by review date", reverse("medical_review_report"), icon_name="calendar-alt", order=150
    )


@hooks.register("construct_homepage_panels")
def add_reviews_due_panel(request, panels):
    if is_reviewer(request.user):
        panels.append(ReviewsDuePanel(request.user))


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("two-factor/", include(two_factor_urls))]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("two_factor_account"),
        "label": "Two-step verification",
        "help_text": "Your authenticator apps, passkeys and recovery codes.",
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if request_user.is_superuser and user.pk != request_user.pk:
        yield Button(
            "Reset two-step verification",
            reverse("two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(factors.ADDED, "Two-step verification: method added", "Two-step verification method added")
    actions.register_action(
        factors.REMOVED, "Two-step verification: method removed", "Two-step verification method removed"
    )
    actions.register_action(
        factors.RECOVERY_CODES, "Two-step verification: new recovery codes", "New recovery codes made"
    )
    actions.register_action(factors.RESET, "Two-step verification reset", "Two-step verification reset by a superuser")
    actions.register_action(factors.FAILED, "Two-step verification: code refused", "A second-factor code was refused")


@hooks.register("insert_global_admin_css")
def two_factor_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-two-factor.css"))
