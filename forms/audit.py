"""Every look at form submissions, recorded in Wagtail's audit log against the form page.

Viewing a listing, viewing one submission, exporting, deleting, the scheduled
purge, deleting a form page that held submissions and every triage change
(status, assignee, urgent flag, archive, a note added, a refused change) each
write one log entry with the user (none for the purge), the time, counts and
the submissions' ids. Entries hold numbers, formats, ids, statuses and staff
names only, never a submitted value or the text of a note.

They are kept in their own log model, forms.models.SubmissionLogEntry, not in
the page's history: Wagtail shows a page's entries to everyone who may edit the
page, and these are for intake staff and superusers only (its manager's
`viewable_by_user`). Reports → Site history lists them for those users. Every
entry about submissions, whatever comes next (triage, notes), goes through
`record()` so that it lands there too.
"""

from django.apps import apps
from wagtail.log_actions import LogFormatter, get_active_log_context

VIEWED = "forms.view_submissions"
VIEWED_ONE = "forms.view_submission"
EXPORTED = "forms.export_submissions"
DELETED = "forms.delete_submissions"
PURGED = "forms.purge_submissions"
DELETED_WITH_PAGE = "forms.delete_page_with_submissions"
# Triage (forms/triage.py): one entry per change, naming the submission; never a note's text.
STATUS_CHANGED = "forms.triage.status"
ASSIGNED = "forms.triage.assign"
URGENCY_CHANGED = "forms.triage.urgent"
ARCHIVED = "forms.triage.archive"
NOTE_ADDED = "forms.triage.note"
TRIAGE_DENIED = "forms.triage.denied"


def rows(count):
    return "1 row" if count == 1 else f"{count} rows"


def form_submissions(count):
    return "1 form submission" if count == 1 else f"{count} form submissions"


# action: (label in Site history's filter, the entry's message from its data)
MESSAGES = {
    VIEWED: (
        "View form submissions",
        lambda data: f"Viewed form submissions ({data.get('shown', 0)} of {rows(data.get('total', 0))})",
    ),
    VIEWED_ONE: (
        "View a form submission",
        lambda data: f"Viewed form submission {data.get('submission_id', '')}",
    ),
    EXPORTED: (
        "Export form submissions",
        lambda data: f"Exported form submissions ({data.get('format', '').upper()}, {rows(data.get('rows', 0))})",
    ),
    DELETED: (
        "Delete form submissions",
        lambda data: f"Deleted form submissions ({data.get('count', 0)})",
    ),
    PURGED: (
        "Purge old form submissions",
        lambda data: (
            f"Purged old form submissions ({data.get('count', 0)}, older than {data.get('retention_days')} days)"
        ),
    ),
    DELETED_WITH_PAGE: (
        "Delete a form page with its submissions",
        lambda data: f"Deleted the form page with its {form_submissions(data.get('count', 0))}",
    ),
    STATUS_CHANGED: (
        "Change a request's status",
        lambda data: (
            f"Changed the status of form submission {data.get('submission_id', '')} "
            f"from {data.get('from', '')} to {data.get('to', '')}"
        ),
    ),
    ASSIGNED: (
        "Assign a request",
        lambda data: (
            f"Assigned form submission {data.get('submission_id', '')} to {data['assignee']}"
            if data.get("assignee")
            else f"Unassigned form submission {data.get('submission_id', '')}"
        ),
    ),
    URGENCY_CHANGED: (
        "Flag a request urgent or clear the flag",
        lambda data: (
            f"Flagged form submission {data.get('submission_id', '')} urgent"
            if data.get("urgent")
            else f"Cleared the urgent flag of form submission {data.get('submission_id', '')}"
        ),
    ),
    ARCHIVED: (
        "Archive or restore a request",
        lambda data: (
            f"Archived form submission {data.get('submission_id', '')}"
            if data.get("archived")
            else f"Restored form submission {data.get('submission_id', '')} to the inbox"
        ),
    ),
    NOTE_ADDED: (
        "Add a note to a request",
        lambda data: f"Added note {data.get('note_id', '')} to form submission {data.get('submission_id', '')}",
    ),
    TRIAGE_DENIED: (
        "Triage refused (no permission)",
        lambda data: (
            f"Refused a triage change on form submission {data['submission_id']}: no permission"
            if "submission_id" in data
            else f"Refused a triage change on form submissions {', '.join(map(str, data.get('submission_ids', [])))}"
            ": no permission"
        ),
    ),
}


def register_log_actions(actions):
    """For the register_log_actions hook: one formatter per action, its message made from the entry's data."""
    for action, (label, message) in MESSAGES.items():
        formatter = type(
            "FormSubmissionsLogFormatter",
            (LogFormatter,),
            {"label": label, "format_message": lambda self, log_entry, message=message: message(log_entry.data)},
        )
        actions.register_action(action)(formatter)


def record(page, action, *, data, user=None, **kwargs):
    """The one way an entry about submissions is written: to SubmissionLogEntry, never the page's history.

    Without a user, the admin request's user (Wagtail's log context) is recorded,
    and the entry shares that request's uuid with Wagtail's own entries.
    """
    log_model = apps.get_model("forms", "SubmissionLogEntry")  # by name: forms.models builds on this module
    context = get_active_log_context()
    return log_model.objects.log_action(page, action, user=user or context.user, uuid=context.uuid, data=data, **kwargs)


def viewed(request, page, *, submission_ids, total):
    record(
        page,
        VIEWED,
        user=request.user,
        data={"shown": len(submission_ids), "total": total, "submission_ids": list(submission_ids)},
    )


def viewed_one(request, page, submission):
    record(page, VIEWED_ONE, user=request.user, data={"submission_id": submission.pk})


def exported(request, page, *, export_format, submission_ids):
    record(
        page,
        EXPORTED,
        user=request.user,
        data={"format": export_format, "rows": len(submission_ids), "submission_ids": list(submission_ids)},
    )


def deleted(request, page, submission_ids):
    record(page, DELETED, user=request.user, data={"count": len(submission_ids), "submission_ids": submission_ids})


def deleted_with_page(page, submission_ids):
    """A form page deleted with its submissions (forms/page_deletion.py); the user comes from the log context."""
    record(
        page,
        DELETED_WITH_PAGE,
        data={"count": len(submission_ids), "submission_ids": submission_ids},
        deleted=True,
    )


def triage_changed(user, submission, action, **data):
    """A triage change (forms/triage.py): the submission's id and what changed, never a submitted value or note text."""
    record(submission.page, action, user=user, data={"submission_id": submission.pk, **data})


MAX_IDS_IN_A_REFUSAL = 100


def triage_denied(user, page, submission_ids):
    """One entry per refused request and form page, naming the submissions (at most MAX_IDS_IN_A_REFUSAL)."""
    submission_ids = sorted(submission_ids)
    if len(submission_ids) == 1:
        data = {"submission_id": submission_ids[0]}
    else:
        data = {"submission_ids": submission_ids[:MAX_IDS_IN_A_REFUSAL], "count": len(submission_ids)}
    record(page, TRIAGE_DENIED, user=user, data=data)


def purged(page, *, count, retention_days, cutoff):
    record(page, PURGED, data={"count": count, "retention_days": retention_days, "cutoff": cutoff.isoformat()})
