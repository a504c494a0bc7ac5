from django.urls import path
from wagtail import hooks

from .views import SubmissionDetailView


@hooks.register("register_admin_urls")
def register_submission_detail_url():
    # Beside Wagtail's own forms inbox (admin/forms/), which lists and exports submissions.
    return [
        path(
            "forms/submissions/<int:page_id>/<int:submission_id>/",
            SubmissionDetailView.as_view(),
            name="forms_submission_detail",
        ),
    ]
