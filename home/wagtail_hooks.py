from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import Clinician
from home.reviews import MedicalReviewReportView, ReviewsDuePanel, is_reviewer, may_see_reviews


class ClinicianViewSet(SnippetViewSet):
    model = Clinician
    icon = "user"
    menu_label = "Clinicians"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role"]
    search_fields = ["name", "role"]


register_snippet(ClinicianViewSet)


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
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
