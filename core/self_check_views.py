"""The self-check questionnaires without JavaScript: the result worked out on the server, stored and logged nowhere.

With JavaScript, static/js/self-check.js scores in the browser and nothing is sent at all.
Without it, the questionnaire (the self-check block, core/blocks/self_check.py) posts here.
This view reads the answers, works out the same result from core/self_checks.py, and
renders it. It writes no row, sets no cookie and logs nothing: no logger is called here,
and Django's own request logging names only the path, which holds no answer (answers never
go in a URL: this view answers GET with 405).

"Send my answers with a call-back request" on that result posts the answers here again (with
SEND_FIELD): the view checks them once more and shows the clinic's call-back form (the form
page with "Offer to send a self-check result", forms/self_check_handoff.py), with a box naming
what would be sent. Still nothing is stored: the answers go into the form page's request only
if the visitor ticks that box and sends the form, and the form page checks them again.
"""

from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters

from forms.models import call_back_page
from forms.request_checks import UnreadableSubmission, read_submitted_data
from forms.responses import bad_request_response
from forms.self_check_handoff import Offer

from . import self_checks

# No CSRF check, on purpose. The POST has no side effect: it stores nothing, needs no session
# and returns a never-cached page only to the browser that sent it. The questionnaire sits on
# cached pages that set no CSRF cookie (only pages with a form that stores something do), so a
# token check would turn away every visitor without JavaScript. The worst a forged POST can do
# is show someone a result for answers they did not give, which any other site could show them.


@csrf_exempt
@sensitive_post_parameters()  # the answers never go into an error report
def self_check(request, instrument):
    questionnaire = self_checks.INSTRUMENTS.get(instrument)
    if questionnaire is None:
        raise Http404
    if request.method != "POST":
        return _never_cached(HttpResponseNotAllowed(["POST"]))
    try:
        data = read_submitted_data(request)
    except UnreadableSubmission as problem:
        return _never_cached(bad_request_response(request, problem))
    checked = self_checks.check(questionnaire, data)
    change = self_checks.CHANGE_FIELD in data
    form_page = call_back_page(request)
    if checked.result is not None and self_checks.SEND_FIELD in data and form_page is not None:
        response = _call_back_form(request, form_page, checked.result)
    elif checked.result is not None and not change:
        context = {"instrument": questionnaire, "result": checked.result, "call_back_page": form_page}
        response = TemplateResponse(request, "core/self_check/result_page.html", context)
    else:
        context = {
            "instrument": questionnaire,
            "rows": self_checks.form_rows(questionnaire, checked),
            "difficulty": self_checks.difficulty_row(questionnaire, checked),
            "errors": self_checks.error_summary(questionnaire, checked) if checked.errors else [],
        }
        response = TemplateResponse(request, "core/self_check/questionnaire_page.html", context)
    return _never_cached(response)


def _call_back_form(request, form_page, result):
    """The call-back form page's own page, with the self-check box filled in and not ticked."""
    offer = Offer(record=self_checks.sent_record(result), checked=False)
    form = form_page.get_form(page=form_page, user=request.user)
    return form_page.render_form(request, form, self_check=offer)


def _never_cached(response):
    add_never_cache_headers(response)
    return response
