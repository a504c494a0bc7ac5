"""Reading a form POST safely: what a browser would never send gets a clear 400 or 413.

Field-level problems (too long, not a date, a choice not offered) are the form's
job and come back as the form with errors; this module deals with the request
as a whole, before any field is looked at.
"""

from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import UnreadablePostError

from .spam import SERVICE_FIELDS


class UnreadableSubmission(Exception):
    """The request cannot be read as a form: answered with an error page, nothing is stored."""

    def __init__(self, status, reason):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def read_submitted_data(request):
    """The POSTed fields, or UnreadableSubmission when the body is too large or not UTF-8."""
    try:
        declared_length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise UnreadableSubmission(400, "bad_content_length") from None
    if declared_length > settings.FORMS_MAX_BODY_BYTES:
        raise UnreadableSubmission(413, "too_large")
    try:
        data = request.POST
    except (RequestDataTooBig, TooManyFieldsSent):
        raise UnreadableSubmission(413, "too_large") from None
    except (SuspiciousOperation, UnreadablePostError, ValueError):
        raise UnreadableSubmission(400, "unreadable") from None
    if not _is_utf8(request, data):
        raise UnreadableSubmission(400, "not_utf8")
    return data


def _is_utf8(request, data):
    if request.content_type == "application/x-www-form-urlencoded":
        # Django replaces bytes it cannot decode; check the raw body strictly instead.
        try:
            parse_qsl(request.body.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            return False
        return True
    # Other encodings (multipart) are decoded with replacement characters.
    return not any("\ufffd" in key or any("\ufffd" in value for value in data.getlist(key)) for key in data)


def unknown_field_names(data, form):
    """Names sent that this form does not have (for example, a field removed since the page was loaded)."""
    return sorted(set(data.keys()) - set(form.fields) - SERVICE_FIELDS)
