"""A self-check result sent with a call-back request (issue 15, item 3): only with consent, checked again, urgent on item 9.

The answers travel as the value of the consent checkbox on the call-back form, so a box left
unticked sends nothing. The server checks them against core/self_checks.py and scores them
again; a tampered value is refused whole, with what the visitor typed kept. A result that is
sent is stored inside the encrypted submission, shown to intake staff question by question,
and never appears in an email or a log line.
"""

import json
import logging

import pytest
from django.core import mail
from django.db import connection

from core.self_checks import GAD7, PCL5, PHQ9
from forms import self_check_handoff
from forms.models import FormSubmission
from tests.forms.conftest import error_summary_texts, soup_of, user_with_role, valid_call_back_data

pytestmark = pytest.mark.django_db

FIELD = self_check_handoff.FIELD
# Answers with words no other part of a request holds, so a leak is easy to find.
PHQ9_ANSWERS = [2, 1, 3, 2, 1, 2, 1, 1, 1]  # total 14, Moderate; item 9 "Several days"
PHQ9_SAFE = [2, 1, 3, 2, 1, 2, 1, 1, 0]  # total 13, Moderate; item 9 "Not at all"


def payload(instrument="phq-9", answers=PHQ9_ANSWERS, difficulty=None, **extra):
    return json.dumps({"instrument": instrument, "answers": answers, "difficulty": difficulty, **extra})


@pytest.fixture
def form_page(form_page):
    form_page.accepts_self_check_results = True
    form_page.save()
    return form_page


@pytest.fixture
def every_logger_at_debug(caplog):
    """caplog at DEBUG on every logger there is, those that do not pass records up to the root included."""
    loggers = [logging.getLogger()] + [
        logger for logger in logging.root.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.disabled) for logger in loggers]
    attached = []
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
        if not logger.propagate:
            logger.addHandler(caplog.handler)
            attached.append(logger)
    caplog.handler.setLevel(logging.DEBUG)
    yield caplog
    for logger, level, disabled in saved:
        logger.setLevel(level)
        logger.disabled = disabled
    for logger in attached:
        logger.removeHandler(caplog.handler)


def answer_words(instrument, answers):
    """What must never be in a log line or an email: the questions' wording next to the answers given."""
    labels = dict(instrument.scale)
    return [instrument.items[8], *{labels[value] for value in answers}, json.dumps(answers)[1:-1]]


def post(client, form_page, **overrides):
    return client.post(form_page.url, valid_call_back_data(**overrides))


# --- Consent: without the ticked box nothing of the answers is stored ------------------------------


def test_without_the_ticked_box_no_answer_is_stored(client, form_page):
    response = post(client, form_page)  # an unticked checkbox sends nothing at all
    assert response.status_code == 302
    submission = FormSubmission.objects.get()
    assert submission.self_check is None
    assert FIELD not in submission.form_data
    assert not submission.urgent


def test_with_the_ticked_box_the_result_is_stored_encrypted_and_scored_on_the_server(client, form_page):
    response = post(client, form_page, **{FIELD: payload(answers=PHQ9_SAFE, difficulty=1)})
    assert response.status_code == 302
    submission = FormSubmission.objects.get()
    record = submission.self_check
    assert record["instrument"] == "phq-9"
    assert record["total"] == 13 and record["band"] == "Moderate" and record["max_score"] == 27
    assert [q["value"] for q in record["questions"]] == PHQ9_SAFE
    assert record["questions"][0]["text"] == PHQ9.items[0]
    assert record["questions"][0]["answer"] == "More than half the days"
    assert record["difficulty"]["answer"] == "Somewhat difficult"
    assert not record["safety_concern"] and not submission.urgent
    with connection.cursor() as cursor:
        cursor.execute("SELECT form_data FROM forms_formsubmission WHERE id = %s", [submission.pk])
        stored = cursor.fetchone()[0]
    assert "Moderate" not in stored and PHQ9.items[0] not in stored and "phq-9" not in stored


def test_a_score_sent_by_the_browser_is_not_believed(client, form_page):
    post(client, form_page, **{FIELD: payload(answers=[0] * 9, total=27, band="Severe")})
    assert FormSubmission.objects.count() == 0  # unknown keys: refused whole
    post(client, form_page, **{FIELD: payload(answers=[0] * 9)})
    assert FormSubmission.objects.get().self_check["total"] == 0


def test_a_form_page_that_does_not_offer_it_refuses_answers(client, form_page):
    form_page.accepts_self_check_results = False
    form_page.save()
    response = post(client, form_page, **{FIELD: payload()})
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 0
    assert any("This form has changed" in text for text in error_summary_texts(response))


# --- Tampered or missing answers: a clear error, what was typed kept, never a partial score ----------

TAMPERED = {
    "missing-answers": payload(answers=PHQ9_ANSWERS[:6]),
    "too-many": payload(answers=[*PHQ9_ANSWERS, 1]),
    "above-scale": payload(answers=[4, *PHQ9_ANSWERS[1:]]),
    "below-scale": payload(answers=[-1, *PHQ9_ANSWERS[1:]]),
    "not-a-number": payload(answers=["2", *PHQ9_ANSWERS[1:]]),
    "a-boolean": payload(answers=[True, *PHQ9_ANSWERS[1:]]),
    "empty": payload(answers=[]),
    "unknown-instrument": payload(instrument="beck"),
    "difficulty-off-scale": payload(difficulty=7),
    "difficulty-on-pcl5": payload(instrument="pcl-5", answers=[1] * 20, difficulty=1),
    "not-json": "phq-9:2,1,3",
    "a-list": json.dumps(PHQ9_ANSWERS),
    "no-value": "",
    "too-long": payload(answers=[1] * 400),
}


@pytest.mark.parametrize("value", TAMPERED.values(), ids=TAMPERED.keys())
def test_tampered_answers_get_a_clear_error_and_the_typed_values_are_kept(client, form_page, value):
    response = post(client, form_page, your_name="Jordan Lee", message="Mornings are best", **{FIELD: value})
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 0
    assert self_check_handoff.UNREADABLE_MESSAGE in error_summary_texts(response)
    soup = soup_of(response)
    assert soup.select_one('input[name="your_name"]')["value"] == "Jordan Lee"
    assert soup.select_one('textarea[name="message"]').get_text().strip() == "Mornings are best"
    offer = soup.select_one("[data-self-check-offer]")
    assert not offer.has_attr("hidden") and offer.has_attr("data-self-check-offer-filled")
    assert self_check_handoff.UNREADABLE_MESSAGE in offer.get_text(" ", strip=True)
    assert not offer.select(f'input[name="{FIELD}"]'), "nothing is offered to send again"
    assert "out of" not in offer.get_text(), "never a score"


def test_the_other_questionnaires_are_checked_against_their_own_scale(client, form_page):
    post(client, form_page, **{FIELD: payload(instrument="pcl-5", answers=[4] * 20)})
    assert FormSubmission.objects.get().self_check["band"] == PCL5.bands[1].label
    FormSubmission.objects.all().delete()
    post(client, form_page, **{FIELD: payload(instrument="gad-7", answers=[3] * 7, difficulty=3)})
    record = FormSubmission.objects.get().self_check
    assert record["total"] == 21 and record["difficulty"]["text"] == GAD7.difficulty_question
    assert record["safety_item"] is None and not record["safety_concern"]


def test_other_errors_keep_the_ticked_box_with_its_result(client, form_page):
    response = post(client, form_page, your_name="", **{FIELD: payload()})
    assert response.status_code == 200
    box = soup_of(response).select_one(f'input[name="{FIELD}"]')
    assert box.has_attr("checked")
    assert json.loads(box["value"]) == {"instrument": "phq-9", "answers": PHQ9_ANSWERS, "difficulty": None}
    label = soup_of(response).select_one(f'label[for="{box["id"]}"]').get_text(" ", strip=True)
    assert " ".join(label.split()) == "Send my PHQ-9 answers and score ( 14 out of 27 , Moderate ) with this request"


# --- Item 9: urgent, listed first ------------------------------------------------------------------


def test_a_positive_item_9_makes_the_request_urgent_with_its_own_source(client, form_page):
    response = post(client, form_page, **{FIELD: payload()})
    submission = FormSubmission.objects.get()
    assert submission.urgent
    assert submission.urgent_source == FormSubmission.UrgentSource.SELF_CHECK
    assert submission.self_check["safety_concern"]
    assert [q["number"] for q in submission.self_check["questions"] if q["flagged"]] == [9]
    # The thank-you page puts the crisis numbers first, as for a crisis phrase.
    landing = client.get(response["Location"])
    assert soup_of(landing).select_one("[data-crisis-resources]")


def test_a_crisis_phrase_keeps_its_own_source(client, form_page):
    post(client, form_page, message="I want to kill myself", **{FIELD: payload()})
    submission = FormSubmission.objects.get()
    assert submission.urgent and submission.urgent_source == FormSubmission.UrgentSource.CRISIS_PHRASE


def test_an_urgent_self_check_comes_first_in_the_intake_inbox(client, form_page):
    post(client, form_page, your_name="Earlier Visitor")
    post(client, form_page, your_name="Sam Urgent", **{FIELD: payload()})
    post(client, form_page, your_name="Later Visitor")
    client.force_login(user_with_role("intake"))
    response = client.get("/admin/intake/")
    names = [cell.get_text(strip=True) for cell in soup_of(response).select("td.title, td a[id$='_title']")]
    assert names[0] == "Sam Urgent", names


# --- Never in a log line or an email ----------------------------------------------------------------


def test_no_answer_is_in_an_email_or_a_log_line(
    client, form_page, every_logger_at_debug, django_capture_on_commit_callbacks
):
    caplog = every_logger_at_debug
    # The no-JavaScript way: the result page's button, the form with the box, then the request.
    answers = {f"item{number}": str(value) for number, value in enumerate(PHQ9_ANSWERS, start=1)}
    offered = client.post("/self-check/phq-9/", {**answers, "difficulty": "2", "send": "1"})
    assert offered.status_code == 200
    box = soup_of(offered).select_one(f'input[name="{FIELD}"]')
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, form_page, **{FIELD: box["value"]})
    assert response.status_code == 302
    post(client, form_page, **{FIELD: payload(answers=PHQ9_ANSWERS[:5])})  # a refused one, too
    client.force_login(user_with_role("intake"))
    submission = FormSubmission.objects.get()
    client.get(f"/admin/forms/submissions/{form_page.pk}/{submission.pk}/")
    assert caplog.records, "the capture works: Django and the app log at DEBUG here"
    words = [*answer_words(PHQ9, PHQ9_ANSWERS), "Moderate", "Somewhat difficult", "14 out of 27", "Very difficult"]
    for record in caplog.records:
        line = record.getMessage() + repr(record.args) + str(record.__dict__.get("request", ""))
        for word in words:
            assert word not in line, (word, line)
    assert len(mail.outbox) >= 1, "the notification was sent"
    for message in mail.outbox:
        text = message.subject + message.body + "".join(str(part[0]) for part in getattr(message, "alternatives", []))
        for word in words:
            assert word not in text, word


# --- The no-JavaScript way there -------------------------------------------------------------------


def test_the_no_javascript_result_offers_the_button_as_a_post(client, form_page):
    answers = {f"item{number}": str(value) for number, value in enumerate(PHQ9_ANSWERS, start=1)}
    result = soup_of(client.post("/self-check/phq-9/", answers))
    button = next(b for b in result.select("button") if "Send my answers" in b.get_text())
    form = button.find_parent("form")
    assert form["method"] == "post" and form["action"] == "/self-check/phq-9/"
    sent = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert sent == {**answers, "send": "1"}


def test_the_no_javascript_call_back_form_shows_the_box_unticked_and_stores_nothing(client, form_page):
    answers = {f"item{number}": str(value) for number, value in enumerate(PHQ9_ANSWERS, start=1)}
    response = client.post("/self-check/phq-9/", {**answers, "send": "1"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    soup = soup_of(response)
    assert soup.select_one("h1").get_text(strip=True) == form_page.title
    assert soup.select_one("form.clinic-form")["action"] == form_page.url
    box = soup.select_one(f'input[name="{FIELD}"]')
    assert box["type"] == "checkbox" and not box.has_attr("checked")
    offer = soup.select_one("[data-self-check-offer]")
    assert not offer.has_attr("hidden")
    text = " ".join(offer.get_text(" ", strip=True).split())
    assert "PHQ-9" in text and "14 out of 27" in text and "Moderate" in text
    assert "we will treat your request as urgent" in text  # item 9 above "Not at all"
    assert FormSubmission.objects.count() == 0
    assert not soup.select("[data-error-summary]")


def test_tampered_answers_on_the_way_there_get_the_questionnaire_back(client, form_page):
    response = client.post("/self-check/phq-9/", {"item1": "9", "send": "1"})
    soup = soup_of(response)
    assert soup.select(".error-summary__list li")
    assert not soup.select(f'input[name="{FIELD}"]')


def test_without_a_call_back_page_there_is_no_button(client, form_page):
    form_page.accepts_self_check_results = False
    form_page.save()
    answers = {f"item{number}": str(value) for number, value in enumerate(PHQ9_ANSWERS, start=1)}
    result = soup_of(client.post("/self-check/phq-9/", answers))
    assert "Send my answers" not in result.get_text()
    assert not soup_of(client.get(form_page.url)).select("[data-self-check-offer]")


def test_the_form_page_carries_an_empty_hidden_box_for_the_browser_to_fill_in(client, form_page):
    soup = soup_of(client.get(form_page.url))
    offer = soup.select_one("[data-self-check-offer]")
    assert offer.has_attr("hidden") and not offer.has_attr("data-self-check-offer-filled")
    assert soup.select_one(f'input[name="{FIELD}"]')["value"] == ""
    assert soup.select_one('script[src$="js/self-check-offer.js"]')
    assert all(script.get("src") or "json" in script.get("type", "") for script in soup.select("script"))


# --- The inbox: a readable section, for intake staff only --------------------------------------------


def test_intake_staff_read_it_question_by_question(client, form_page):
    post(client, form_page, **{FIELD: payload(difficulty=2)})
    submission = FormSubmission.objects.get()
    client.force_login(user_with_role("intake"))
    response = client.get(f"/admin/forms/submissions/{form_page.pk}/{submission.pk}/")
    assert response.status_code == 200
    section = soup_of(response).select_one("[data-self-check-result]")
    text = " ".join(section.get_text(" ", strip=True).split())
    assert PHQ9.title in text and "14 out of 27" in text and "Moderate" in text
    rows = section.select("tbody tr")
    assert len(rows) == 10  # nine questions and the unscored one
    assert rows[0].th.get_text(" ", strip=True) == f"1. {PHQ9.items[0]}"
    assert rows[0].td.get_text(strip=True) == "More than half the days"
    assert rows[8].has_attr("data-flagged") and "Flagged" in rows[8].get_text()
    assert section.select_one("[data-self-check-flagged]")
    assert "Very difficult" in rows[9].get_text()
    assert "question 9" in soup_of(response).select_one("[data-urgent]").get_text()
    values = soup_of(response).select_one(".intake-values").get_text()
    assert "Self-check result" not in values, "shown once, in its own section"


@pytest.mark.parametrize("role", ["editor", "reviewer", "moderator"])
def test_nobody_else_sees_it(client, form_page, role):
    post(client, form_page, **{FIELD: payload()})
    submission = FormSubmission.objects.get()
    client.force_login(user_with_role(role))
    response = client.get(f"/admin/forms/submissions/{form_page.pk}/{submission.pk}/")
    assert response.status_code == 403
    assert PHQ9.items[8] not in response.content.decode()
    export = client.get(f"/admin/forms/submissions/{form_page.pk}/?export=csv")
    assert export.status_code == 403


def test_the_export_has_it_as_one_line_like_every_other_value(client, form_page):
    post(client, form_page, **{FIELD: payload()})
    client.force_login(user_with_role("intake"))
    response = client.get(f"/admin/forms/submissions/{form_page.pk}/?export=csv")
    text = b"".join(response.streaming_content).decode()
    heading, row = text.splitlines()[:2]
    assert heading.endswith(self_check_handoff.LABEL)
    assert "PHQ-9: 14 out of 27, Moderate." in row
    assert "Several days, above “Not at all”: urgent" in row
    assert PHQ9.items[0] not in row, "the questions' wording stays in the admin"
