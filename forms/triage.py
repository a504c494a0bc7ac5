"""Triage: what intake staff do about a request — its status, who follows it up, urgency, archive, notes.

Every change goes through a function here, each in one transaction with its
audit log entry (forms/audit.py): who, when, which submission and what changed
(statuses, the assignee's name), never a submitted value or a note's text.
The views (forms/intake.py) decide who may call them: those who may read the
form's submissions.

Status runs New → Contacted → Scheduled, or Not a fit → Closed; any status may
be chosen at any time, since calls do not always go to plan. "Open" requests
are those not closed and not archived: the intake inbox lists them, urgent
first, then newest. Archiving takes a request out of the inbox for day-to-day
use without deleting it; the retention purge deletes it in time.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import audit
from .inbox import READ_PERMISSION
from .models import FormSubmission, SubmissionNote

Status = FormSubmission.Status


def open_requests(queryset=None):
    """Requests still to be followed up: not closed, not archived."""
    queryset = FormSubmission.objects.all() if queryset is None else queryset
    return queryset.filter(archived_at__isnull=True).exclude(status=Status.CLOSED)


def inbox_order(queryset):
    """Urgent first, then newest."""
    return queryset.order_by("-urgent", "-submit_time", "-pk")


def intake_staff():
    """Who a request can be assigned to: active users who may read submissions (the Intake staff group, superusers)."""
    User = get_user_model()
    # The model backend by name: with_perm refuses to guess when other backends (the sign-in lockout) are set.
    readers = User.objects.with_perm(
        READ_PERMISSION, include_superusers=True, backend="django.contrib.auth.backends.ModelBackend"
    )
    return readers.filter(is_active=True).order_by("first_name", "last_name", "username")


def staff_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@transaction.atomic
def set_status(user, submission, status):
    if status == submission.status:
        return False
    before = submission.get_status_display()
    submission.status = status
    submission.save(update_fields=["status"])
    audit.triage_changed(user, submission, audit.STATUS_CHANGED, to=submission.get_status_display(), **{"from": before})
    return True


@transaction.atomic
def assign(user, submission, assignee):
    if assignee == submission.assignee:
        return False
    submission.assignee = assignee
    submission.save(update_fields=["assignee"])
    audit.triage_changed(
        user,
        submission,
        audit.ASSIGNED,
        assignee_id=assignee.pk if assignee else None,
        assignee=staff_name(assignee),
    )
    return True


@transaction.atomic
def set_urgent(user, submission, urgent):
    """Staff flag a request urgent, or clear the flag (the crisis-phrase check sets it on arrival)."""
    if urgent == submission.urgent:
        return False
    submission.urgent = urgent
    submission.urgent_source = FormSubmission.UrgentSource.STAFF if urgent else FormSubmission.UrgentSource.NONE
    submission.save(update_fields=["urgent", "urgent_source"])
    audit.triage_changed(user, submission, audit.URGENCY_CHANGED, urgent=urgent)
    return True


@transaction.atomic
def set_archived(user, submission, archived):
    if archived == (submission.archived_at is not None):
        return False
    submission.archived_at = timezone.now() if archived else None
    submission.save(update_fields=["archived_at"])
    audit.triage_changed(user, submission, audit.ARCHIVED, archived=archived)
    return True


@transaction.atomic
def add_note(user, submission, text):
    note = SubmissionNote.objects.create(submission=submission, author=user, text=text)
    audit.triage_changed(user, submission, audit.NOTE_ADDED, note_id=note.pk)
    return note


# --- The forms staff fill in -----------------------------------------------------------


class AssigneeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return staff_name(obj)


class TriageForm(forms.Form):
    """Status, assignee and urgency of one request, as the one-submission page edits them."""

    status = forms.ChoiceField(choices=Status.choices)
    assignee = AssigneeChoiceField(queryset=None, required=False, empty_label="Nobody yet", label="Assigned to")
    urgent = forms.BooleanField(required=False, label="Urgent", help_text="Urgent requests are listed first.")

    def __init__(self, *args, submission, **kwargs):
        kwargs.setdefault(
            "initial", {"status": submission.status, "assignee": submission.assignee, "urgent": submission.urgent}
        )
        super().__init__(*args, **kwargs)
        self.submission = submission
        # A former assignee who has since left the team still shows, so saving does not quietly unassign.
        staff = intake_staff()
        if submission.assignee_id:
            staff = get_user_model().objects.filter(Q(pk__in=staff.values("pk")) | Q(pk=submission.assignee_id))
            staff = staff.order_by("first_name", "last_name", "username")
        self.fields["assignee"].queryset = staff

    def save(self, user):
        """Apply each change, each audited; returns the names of what changed."""
        changed = []
        data = self.cleaned_data
        if set_status(user, self.submission, data["status"]):
            changed.append("status")
        if assign(user, self.submission, data["assignee"]):
            changed.append("assignee")
        if set_urgent(user, self.submission, data["urgent"]):
            changed.append("urgency")
        return changed


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note",
        max_length=SubmissionNote.MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"For the intake team only, stored encrypted. At most {SubmissionNote.MAX_LENGTH} characters.",
        error_messages={
            "required": "Write the note before adding it.",
            "max_length": "A note can be at most %(limit_value)d characters long (this one has %(show_value)d).",
        },
    )


class StatusChangeForm(forms.Form):
    """The bulk action's one question."""

    status = forms.ChoiceField(choices=Status.choices, label="New status", widget=forms.RadioSelect)
