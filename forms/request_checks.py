"""Reading a form POST safely: what a browser would never send gets a clear 400 or 413.

Field-level problems (too long, not a date, a choice not offered) are the form's
job and come back as the form with errors; this module deals with the request
as a whole, before any field is looked at.
"""

import re
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from wagtail.models import Page

from .spam import SERVICE_FIELDS

# An embedded form posts the id of the page it is on (FormPage.form_context), so the
# submission can record where the visitor came from and the thank-you page can link back.
# Like the spam fields, its name starts with an underscore: no editor's field can have it.
SOURCE_PAGE_FIELD = "_source_page"
_PAGE_ID = re.compile(r"[1-9][0-9]{0,9}")
_LARGEST_PAGE_ID = 2**31 - 1  # an integer primary key on every database


class UnreadableSubmission(Exception):
    """The request cannot be read as a form: answered with an error page, nothing is stored."""

    def __init__(self, status, reason):
        super().__init__(reason)
        self.status = status
        self.reason = reason


# What Django raises when a POST's body cannot be read: too much of it (413), or not a form (400).
_TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)
_UNREADABLE = (BadRequest, SuspiciousOperation, MultiPartParserError, UnreadablePostError, ValueError, LookupError)


def _problem_reading(error):
    if isinstance(error, _TOO_LARGE):
        return UnreadableSubmission(413, "too_large")
    return UnreadableSubmission(400, "unreadable")


def read_body_once(request):
    """Parse a POST's fields before anything else asks for them (clinicsite.middleware does this).

    Django raises again each time the fields of a body it cannot read are asked for, and its
    400 handler asks again (its CSRF check), which turns a bad request into a server error.
    Here a body that cannot be read becomes no fields at all, and what was wrong with it is
    kept on the request for read_submitted_data: a form page answers it with its 400 or 413 page.
    """
    if request.method != "POST":
        return
    try:
        request.POST  # noqa: B018 - reading it is the point
    except (*_TOO_LARGE, *_UNREADABLE) as error:
        request._mark_post_parse_error()  # Django's own way of saying "no fields": request.POST is empty
        request.unreadable_submission = _problem_reading(error)


def read_submitted_data(request):
    """The POSTed fields, or UnreadableSubmission when the body is too large, has too many fields or is not UTF-8."""
    try:
        declared_length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise UnreadableSubmission(400, "bad_content_length") from None
    if declared_length > settings.FORMS_MAX_BODY_BYTES:
        raise UnreadableSubmission(413, "too_large")
    problem = getattr(request, "unreadable_submission", None)
    if problem is not None:
        raise problem
    try:
        data = request.POST
    except (*_TOO_LARGE, *_UNREADABLE) as error:
        raise _problem_reading(error) from None
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
    return sorted(set(data.keys()) - set(form.fields) - SERVICE_FIELDS - {SOURCE_PAGE_FIELD})


def source_page_from(data, form_page):
    """The live page an embedded form was sent from, or None: anything else sent as its id is ignored, never an error."""
    value = data.get(SOURCE_PAGE_FIELD, "") if data is not None else ""
    if not isinstance(value, str) or not _PAGE_ID.fullmatch(value):
        return None
    return live_source_page(int(value), form_page)


def live_source_page(page_id, form_page):
    """The page with this id if it is live, public, has a URL and could hold the embedded form, else None.

    Public only: the thank-you page names it, and a posted id must not reveal the
    title of a page behind a login or password.
    """
    if not page_id or not 0 < page_id <= _LARGEST_PAGE_ID:
        return None
    # Not the tree's root (depth 1, no URL), and not the form page itself: the form is not embedded there.
    page = Page.objects.live().public().filter(pk=page_id, depth__gt=1).exclude(pk=form_page.pk).first()
    if page is None or page.get_url() is None:
        return None
    return page
