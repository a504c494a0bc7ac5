"""Every look at form submissions, recorded in Wagtail's audit log against the form page.

Viewing a listing, viewing one submission, exporting, deleting and the scheduled
purge each write one log entry with the user (none for the purge), the time and
counts. They show in the page's history and in Reports → Site history. Entries
hold numbers, formats and ids only, never a submitted value.
"""

from wagtail.log_actions import LogFormatter, log

VIEWED = "forms.view_submissions"
VIEWED_ONE = "forms.view_submission"
EXPORTED = "forms.export_submissions"
DELETED = "forms.delete_submissions"
PURGED = "forms.purge_submissions"


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


def viewed(request, page, *, shown, total):
    log(page, VIEWED, user=request.user, data={"shown": shown, "total": total})


def viewed_one(request, page, submission):
    log(page, VIEWED_ONE, user=request.user, data={"submission_id": submission.pk})


def exported(request, page, *, export_format, row_count):
    log(page, EXPORTED, user=request.user, data={"format": export_format, "rows": row_count})


def deleted(request, page, submission_ids):
    log(page, DELETED, user=request.user, data={"count": len(submission_ids), "submission_ids": submission_ids})


def purged(page, *, count, retention_days, cutoff):
    log(page, PURGED, data={"count": count, "retention_days": retention_days, "cutoff": cutoff.isoformat()})
