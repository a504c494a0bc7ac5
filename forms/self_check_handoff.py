"""A self-check result sent with a call-back request, only when the visitor ticks the box that carries it.

A visitor who has taken a self-check (PHQ-9, GAD-7, PCL-5: core/self_checks.py) may choose to
send their answers with a request on the form page whose editor ticked “Offer to send a
self-check result” (the first such live page of the site: forms.models.call_back_page). The form page then
shows a consent checkbox that names what would be sent (the questionnaire, the score, the
band). The answers travel as that checkbox's value, so the browser sends them only when it is
ticked: an unticked box sends nothing, with or without JavaScript. They never go in a URL.

The value (FIELD) is JSON: {"instrument": "phq-9", "answers": [0, 1, ...], "difficulty": 2 | null}.
This module reads that shape; whether the answers fit the questionnaire, and what they score,
is decided again on the server by core/self_checks.py, which sits a layer above this app and so
answers through a Wagtail hook (READ_HOOK) rather than an import. What is stored is the result
as the server worked it out (every question with its answer, the total, the band, whether PHQ-9
item 9 was answered above “Not at all”), inside the encrypted submission (forms/crypto.py). It is
never logged, never emailed, and a positive item 9 marks the request urgent.
"""

import json
from dataclasses import dataclass

from wagtail import hooks

FIELD = "_self_check"  # the consent checkbox; starts with an underscore, so no editor's field can have it
STORED_KEY = FIELD  # where the result sits in the encrypted form data
LABEL = "Self-check result"  # the column heading in the listing and the exports
READ_HOOK = "score_sent_self_check"  # core/self_checks.py registers the one function that answers it
MAX_LENGTH = 1000  # far more than 20 answers need

UNREADABLE_MESSAGE = (
    "The self-check answers sent with your request could not be read, so your request was not sent yet. "
    "Send it again without them below, or take the self-check again."
)


class UnreadableAnswers(ValueError):
    """The value sent is not a complete, valid set of answers: nothing of it is stored or shown."""


def parse(raw):
    """(instrument slug, [answers], difficulty or None) from the checkbox's value; UnreadableAnswers otherwise."""
    if not isinstance(raw, str) or not raw or len(raw) > MAX_LENGTH:
        raise UnreadableAnswers
    try:
        value = json.loads(raw)
    except ValueError:
        raise UnreadableAnswers from None
    if not isinstance(value, dict) or not {"instrument", "answers"} <= value.keys() <= {
        "instrument",
        "answers",
        "difficulty",
    }:
        raise UnreadableAnswers
    instrument, answers, difficulty = value["instrument"], value["answers"], value.get("difficulty")
    if not isinstance(instrument, str) or not isinstance(answers, list):
        raise UnreadableAnswers
    if not all(type(answer) is int for answer in answers):
        raise UnreadableAnswers
    if difficulty is not None and type(difficulty) is not int:
        raise UnreadableAnswers
    return instrument, answers, difficulty


def read(raw):
    """The result as the server works it out (a dict, stored as it is), or UnreadableAnswers.

    core/self_checks.py checks every answer against the questionnaire and scores it again: a
    missing, extra or off-scale answer is refused whole, never scored in part.
    """
    instrument, answers, difficulty = parse(raw)
    readers = hooks.get_hooks(READ_HOOK)
    if not readers:
        raise UnreadableAnswers  # no questionnaire knows these answers: refuse rather than store unchecked data
    record = readers[-1](instrument, answers, difficulty)
    if record is None:
        raise UnreadableAnswers
    return record


def payload_of(record):
    """The checkbox's value for a result already checked: what the visitor's browser sends back if ticked."""
    difficulty = record.get("difficulty")
    return json.dumps(
        {
            "instrument": record["instrument"],
            "answers": [question["value"] for question in record["questions"]],
            "difficulty": difficulty["value"] if difficulty else None,
        },
        separators=(",", ":"),
    )


def summary(record):
    """One line for the submissions listing and the CSV/XLSX export, like any other submitted value."""
    if not isinstance(record, dict):
        return record  # "Unreadable …" for a submission no key opens, or nothing
    parts = [f"{record['name']}: {record['total']} out of {record['max_score']}, {record['band']}."]
    if record.get("safety_item"):
        item = next(q for q in record["questions"] if q["number"] == record["safety_item"])
        flag = "above “Not at all”: urgent" if record.get("safety_concern") else "“Not at all”"
        parts.append(
            f"Question {item['number']} (thoughts of being better off dead or of self-harm): {item['answer']}, {flag}."
        )
    answers = ", ".join(f"{q['number']}: {q['value']}" for q in record["questions"])
    parts.append(f"Answers (question: score): {answers}.")
    difficulty = record.get("difficulty")
    if difficulty:
        parts.append(f"How difficult: {difficulty['answer']}.")
    return " ".join(parts)


@dataclass
class Offer:
    """What the form page's self-check box shows.

    `record` set: a result the server checked (sent without JavaScript, or sent back with errors
    elsewhere in the form), shown filled in; `checked` says whether its box was ticked.
    `error` set: what was sent could not be read. Neither: an empty box that static/js/self-check-offer.js
    fills in from the visitor's browser, or leaves hidden.
    """

    record: dict | None = None
    checked: bool = False
    error: str = ""

    @property
    def payload(self):
        return payload_of(self.record) if self.record else ""

    @property
    def filled_by_server(self):
        return bool(self.record or self.error)


def offer_from(data):
    """The box as a POST left it: ticked with a valid result, ticked with something unreadable, or not ticked."""
    raw = data.get(FIELD) if data is not None else None
    if raw is None:
        return Offer()
    try:
        return Offer(record=read(raw), checked=True)
    except UnreadableAnswers:
        return Offer(error=UNREADABLE_MESSAGE)
