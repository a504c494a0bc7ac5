"""The Medical review workflow's task: a clinical reviewer's approval signs and publishes the page.

Approving a medical page (core.models.MedicalReview) in this task records the
review on it, in one transaction, before the workflow publishes it:

- "reviewed by": the clinician linked to the approving account (Clinician.user);
- "last reviewed": today, in the site's time zone;
- "next review due": today + settings.MEDICAL_REVIEW_INTERVAL_MONTHS, or an
  earlier date the reviewer picks on the approval form (never in the past,
  never more than MAX_MONTHS_AHEAD ahead).

The recorded values go into a new revision by the reviewer, made from the latest
revision (what was reviewed), and that revision is the one published; the page's
history logs "Medical review recorded" beside Wagtail's own "Approved".

An approval is refused, and nothing is recorded, when the reviewer's account has
no clinician, or when the reviewer edited the content under review (four eyes,
docs/editor-guide.md): a revision of theirs since the page was last published
that changes its content, or the submission itself. The one exception: a superuser may tick "Sole reviewer may
approve own edits" on the task, and it then applies only while the task's groups
have a single active member.
"""

import calendar
import datetime
import json
import re

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.widgets import AdminDateInput
from wagtail.forms import TaskStateCommentForm
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask

from .clinicians import Clinician

MAX_MONTHS_AHEAD = 24
RECORDED_ACTION = "clinic.medical_review.recorded"

NO_CLINICIAN = "no-clinician"
OWN_EDIT = "own-edit"
BAD_DATE = "bad-date"
REFUSALS = {
    NO_CLINICIAN: (
        "Not approved: your account is not linked to a clinician, so the page could not say who reviewed it. "
        "Ask an administrator to link your account (Clinicians → your profile → Admin account), then approve again."
    ),
    OWN_EDIT: (
        "Not approved: you edited this page since it was last published, and a review needs a second pair of eyes. "
        "Ask another clinical reviewer to approve it."
    ),
    BAD_DATE: (
        f"Not approved: the next review must fall after today and at most {MAX_MONTHS_AHEAD} months ahead. "
        "Approve again with a date in that range."
    ),
}


def add_months(date, months):
    """`date` moved on by whole months, to the month's last day where it is shorter (31 January + 1 → 28/29 February)."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return date.replace(year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1]))


def default_next_review(today=None):
    return add_months(today or timezone.localdate(), settings.MEDICAL_REVIEW_INTERVAL_MONTHS)


# Marks that the admin adds when it saves content the same as it was: not edits.
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
HOUSEKEEPING_KEYS = {"id", "pk", "sort_order"}  # block and inline item ids, inline order (kept by list order)
NOT_CONTENT = {"comment_notifications", "wagtail_admin_comments"}


def normalised(value):
    """A revision's stored value without the marks an unchanged save can alter (ids, rich text block keys)."""
    if isinstance(value, str):
        if value[:1] in "[{":
            try:
                return normalised(json.loads(value))  # StreamField data is stored as JSON text
            except ValueError:
                pass
        return BLOCK_KEY.sub("", value)
    if isinstance(value, list):
        return [normalised(item) for item in value]
    if isinstance(value, dict):
        if value.get("type") == "item" and set(value) <= {"type", "value", "id"}:
            return normalised(value["value"])  # a list block item, in the format with ids
        return {key: normalised(item) for key, item in value.items() if key not in HOUSEKEEPING_KEYS}
    return value


def editable_content(page_class, revision):
    """What an editor can change in the admin's form, as this revision holds it."""
    options = page_class.get_edit_handler().get_form_options()
    keys = [*options["fields"], *options.get("formsets", {})]
    return {key: normalised(revision.content.get(key)) for key in keys if key not in NOT_CONTENT}


def content_changed(page_class, before, after):
    """Whether revision `after` changes anything an editor edits in `before`. Saving the content unchanged (as
    approving from the page editor does) is not a change; the review fields are not in the editor's form."""
    return editable_content(page_class, before) != editable_content(page_class, after)


class ApproveReviewForm(TaskStateCommentForm):
    """The approval modal: a comment, and when the page should be reviewed next."""

    next_review_due = forms.DateField(
        required=False,
        widget=AdminDateInput,
        label="Next review due",
        help_text="Choose an earlier date if this content should be checked sooner, e.g. when a guideline is changing.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = default_next_review()
        self.fields["next_review_due"].initial = default
        self.fields["next_review_due"].help_text = (
            f"Left as it is: {date_format(default, 'j F Y')}, {settings.MEDICAL_REVIEW_INTERVAL_MONTHS} months from "
            "today. " + self.fields["next_review_due"].help_text
        )

    def clean_next_review_due(self):
        due = self.cleaned_data["next_review_due"] or default_next_review()
        today = timezone.localdate()
        if due <= today:
            raise forms.ValidationError("The next review must be after today.")
        if due > add_months(today, MAX_MONTHS_AHEAD):
            raise forms.ValidationError(f"The next review must be at most {MAX_MONTHS_AHEAD} months ahead.")
        return due


class MedicalReviewTask(AbstractGroupApprovalTask):
    """Group approval where approving records who reviewed the page and when (see the module docstring)."""

    sole_reviewer_may_approve_own_edits = models.BooleanField(
        default=False,
        verbose_name="Sole reviewer may approve own edits",
        help_text=(
            "Only for a clinic with one clinical reviewer: lets them approve a page they edited themselves. "
            "It stops applying as soon as a second reviewer joins."
        ),
    )

    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "sole_reviewer_may_approve_own_edits"]

    class Meta:
        verbose_name = "Medical review task"
        verbose_name_plural = "Medical review tasks"

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve medical content; approving records them as its reviewer."

    def get_actions(self, obj, user):
        # Both open the modal: an approval always goes through ApproveReviewForm.
        if user.is_superuser or self._user_in_groups(user):
            # The page editor's menu adds "and Publish" to the last task's approval itself.
            return [("reject", "Request changes", True), ("approve", "Approve", True)]
        return []

    def get_form_for_action(self, action):
        return ApproveReviewForm if action == "approve" else super().get_form_for_action(action)

    def get_template_for_action(self, action):
        return "home/admin/medical_review_approve_modal.html" if action == "approve" else ""

    def reviewer_count(self):
        return get_user_model().objects.filter(is_active=True, groups__in=self.groups.all()).distinct().count()

    def edited_by(self, task_state, user):
        """Whether `user` changed the content under review or submitted it: since the page was last published,
        a revision of theirs that Wagtail's revision comparison shows as a change, or the submission itself."""
        if task_state.workflow_state.requested_by_id == user.pk:
            return True
        page = task_state.workflow_state.content_object.specific
        revisions = list(page.revisions.order_by("pk"))
        live = next((i for i, revision in enumerate(revisions) if revision.pk == page.live_revision_id), None)
        if live is None and revisions and revisions[0].user_id == user.pk:
            return True  # never published: the first revision is all new content
        start = live or 0
        return any(
            revision.user_id == user.pk and content_changed(page.specific_class, before, revision)
            for before, revision in zip(revisions[start:], revisions[start + 1 :], strict=False)
        )

    def approval_refusal(self, task_state, user):
        """Why `user` may not approve this task state (a key of REFUSALS), or None."""
        if not hasattr(task_state.workflow_state.content_object.specific_class, "reviewed_by"):
            return None  # not a medical page: nothing to record
        if not Clinician.objects.filter(user=user).exists():
            return NO_CLINICIAN
        if self.edited_by(task_state, user) and not (
            self.sole_reviewer_may_approve_own_edits and self.reviewer_count() == 1
        ):
            return OWN_EDIT
        return None

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        # The modal's data, or (from the page editor) the same data sent back as JSON: checked again either way.
        form = ApproveReviewForm(
            {"comment": kwargs.get("comment") or "", "next_review_due": kwargs.get("next_review_due") or ""}
        )
        refusal = self.approval_refusal(task_state, user) or (None if form.is_valid() else BAD_DATE)
        if refusal:
            return reverse("medical_review_not_approved", args=(task_state.pk, refusal))
        with transaction.atomic():
            if hasattr(task_state.workflow_state.content_object.specific_class, "reviewed_by"):
                self.record_review(task_state, user, form.cleaned_data["next_review_due"])
            task_state.approve(user=user, comment=form.cleaned_data["comment"])
        return None

    def record_review(self, task_state, user, next_review_due):
        """A new revision of what was reviewed, signed by the reviewer's clinician: the one the workflow publishes."""
        page = task_state.workflow_state.content_object.specific
        reviewed = page.get_latest_revision_as_object()
        reviewed.reviewed_by = Clinician.objects.get(user=user)
        reviewed.last_reviewed = timezone.localdate()
        reviewed.next_review_due = next_review_due
        # The content passed the page's checks when it was saved; the review fields are right by construction.
        revision = reviewed.save_revision(user=user, clean=False)
        log(
            instance=reviewed,
            action=RECORDED_ACTION,
            user=user,
            revision=revision,
            data={
                "reviewed_by": str(reviewed.reviewed_by),
                "last_reviewed": reviewed.last_reviewed.isoformat(),
                "next_review_due": next_review_due.isoformat(),
            },
        )
        return revision


def recorded_review_message(data):
    """The page history's line for a recorded review (its log entry's data)."""
    try:
        due = date_format(datetime.date.fromisoformat(data["next_review_due"]), "j F Y")
        return f"Medical review recorded: reviewed by {data['reviewed_by']}; next review due {due}"
    except (KeyError, TypeError, ValueError):
        return "Medical review recorded"
