"""Crisis-aware intake: words in a request that mean the visitor may be in danger.

Administrators keep the list of crisis phrases in the admin (Settings → Crisis
phrases; only users with its change permission, superusers by default). When a
free-text answer of a submission contains one, FormPage.process_form_submission
stores the submission as urgent (`urgent_source="crisis_phrase"`), the
notification email's subject starts with "URGENT: ", and the visitor's
thank-you page shows how to get help now before anything else.

How a phrase matches (`find_crisis_phrase`):

- whole words only, case-insensitively: “suicide” matches “Suicide.” and
  “SUICIDE!”, but “overdose” does not match inside “overdosed”, so the list
  names the forms it means (“overdose”, “overdosed”, “overdosing”);
- apostrophes may be straight or curly, or left out: “don't want to live”
  matches “don’t want to live” and “dont want to live”;
- a hyphen and a space are the same, and any run of spaces, tabs or line breaks
  counts as one space: “self-harm” matches “self harm” and “self -\n harm”.

Only free text is scanned: single-line and multi-line answers, except those
whose field has an autocomplete purpose (the visitor's name, address, …).
Emails, phone numbers, choices, dates and hidden fields never are.

What a visitor typed is health information: which phrase matched, and the
text around it, are never logged, emailed or put in a URL or the task queue.
The submission only records that one did.
"""

import functools
import json
import re
import unicodedata

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from . import crypto

DEFAULT_PHRASES = [
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "take my own life",
    "taking my own life",
    "end it all",
    "suicide",
    "suicidal",
    "overdose",
    "overdosed",
    "overdosing",
    "don't want to live",
    "do not want to live",
    "don't want to be alive",
    "want to die",
    "wish I was dead",
    "wish I were dead",
    "better off dead",
    "better off without me",
    "no reason to live",
    "nothing to live for",
    "not worth living",
    "self-harm",
    "self-harming",
    "harm myself",
    "hurt myself",
    "hurting myself",
    "cut myself",
    "cutting myself",
    "harming myself",
    "self-harmed",
    "end my own life",
    "ending it all",
    "wanna die",
    "wanting to die",
    "do not want to be alive",
    "rather be dead",
    "don't want to be here anymore",
    "no point in living",
]


def default_phrases():
    return "\n".join(DEFAULT_PHRASES)


MIN_LETTERS = 3
MAX_LENGTH = 80

# Free-text field types, as FormField.field_type names them.
FREE_TEXT_FIELD_TYPES = frozenset({"singleline", "multiline"})

_APOSTROPHES = re.compile(r"['’‘ʼ`]")
# Hyphens and dashes of every kind, and whitespace: each run becomes one space.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—]+")
_ALLOWED_CHARACTER = re.compile(r"[^\W\d_]|[\s'’‘ʼ`-]")  # a letter, whitespace, an apostrophe or a hyphen


def normalise(text):
    """Text as phrases are matched against it: case-folded, no apostrophes, one space for hyphens and spaces.

    Compatibility forms (full-width letters, ligatures) become plain letters, and
    invisible format characters (soft hyphens, zero-width spaces) go, so neither
    hides a phrase.
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(character for character in text if unicodedata.category(character) != "Cf")
    return _SEPARATORS.sub(" ", _APOSTROPHES.sub("", text.casefold())).strip()


def phrases_in(text):
    """The distinct phrases of an administrator's list (one per line), normalised, in order."""
    phrases = []
    for line in text.splitlines():
        phrase = normalise(line)
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return phrases


def problems_with(text):
    """What is wrong with a list of phrases, one message per line at fault; empty when it is good."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        phrase = line.strip()
        if not phrase:
            continue
        shown = phrase if len(phrase) <= 40 else f"{phrase[:40]}…"
        if len(phrase) > MAX_LENGTH:
            problems.append(
                f"Line {number} (“{shown}”) is {len(phrase)} characters long: keep each phrase to "
                f"{MAX_LENGTH} characters or fewer."
            )
        elif not all(_ALLOWED_CHARACTER.fullmatch(character) for character in phrase):
            problems.append(
                f"Line {number} (“{shown}”) can only have letters, spaces, apostrophes and hyphens: "
                f"remove the other characters."
            )
        elif max(len(word) for word in re.findall(r"[^\W\d_]+", phrase) or [""]) < MIN_LETTERS:
            problems.append(
                f"Line {number} (“{shown}”) is too short: a phrase needs a word of at least {MIN_LETTERS} letters, "
                f"so that it does not match ordinary words."
            )
    if not problems and not phrases_in(text):
        problems.append("Add at least one phrase, one per line.")
    return problems


@functools.lru_cache(maxsize=8)
def _pattern(phrases):
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def find_crisis_phrase(values, phrases):
    """Whether any of the texts contains one of the (normalised) phrases, as whole words. Never logs either."""
    if not phrases:
        return False
    pattern = _pattern(tuple(phrases))
    return any(pattern.search(normalise(value)) for value in values if isinstance(value, str) and value)


def free_text_values(form_fields, cleaned_data):
    """The visitor's own words: answers to single- and multi-line fields that are not name or address fields."""
    return [
        cleaned_data.get(field.clean_name, "")
        for field in form_fields
        if field.field_type in FREE_TEXT_FIELD_TYPES and not getattr(field, "autocomplete", "")
    ]


def has_crisis_phrase(form_fields, cleaned_data):
    """Whether the submitted answers contain a crisis phrase from the administrators' list."""
    return find_crisis_phrase(free_text_values(form_fields, cleaned_data), CrisisPhrases.load().phrase_list())


@register_setting(icon="warning")
class CrisisPhrases(BaseGenericSetting):
    """The words that mark a request as urgent and show the visitor how to get help now."""

    phrases = models.TextField(
        blank=True,  # an empty list is refused by clean(), with a clearer message than “This field is required.”
        default=default_phrases,  # a function, so a longer default list needs no migration
        help_text="One phrase per line, e.g. “end my life”. A request whose own words contain one of them is "
        "marked urgent, its notification email says “URGENT”, and the visitor is shown the 988 and 911 "
        "numbers straight away. Phrases match whole words, in any case; “self-harm” also matches “self harm” "
        "and “don't” also matches “don’t” and “dont”. List each form of a word you mean: “overdose” does not "
        "match “overdosed”. Letters, spaces, apostrophes and hyphens only, at least 3 letters each.",
    )

    panels = [FieldPanel("phrases")]

    class Meta:
        verbose_name = "crisis phrases"
        verbose_name_plural = "crisis phrases"

    def __str__(self):
        return "Crisis phrases"

    def clean(self):
        super().clean()
        problems = problems_with(self.phrases)
        if problems:
            raise ValidationError({"phrases": problems})

    def phrase_list(self):
        return phrases_in(self.phrases)


# --- The thank-you page's receipt ---------------------------------------------------
#
# The thank-you page must know whether the visitor's own words matched (to show
# the crisis numbers first) and which page an embedded form was on (to link back).
# Neither may leave a readable trace: a URL such as thank-you/?urgent=1 would be
# written to access logs, browser history and the Referer of the next click. So
# the redirect to the thank-you page sets a cookie holding a receipt of a fixed
# shape, encrypted with the submission keys (Fernet), readable for ten minutes; every
# visitor is sent to the same URL, and every receipt looks alike. A missing,
# forged, expired or damaged receipt simply gives the ordinary thank-you page.

RECEIPT_COOKIE = "clinic_request_sent"
RECEIPT_MAX_AGE = 10 * 60  # seconds: long enough to reload, short on a shared device


def make_receipt(urgent, source_page_id):
    """An encrypted record of what the thank-you page needs: urgent or not, and the page the form was on."""
    payload = json.dumps({"u": int(bool(urgent)), "f": int(source_page_id or 0)}, separators=(",", ":"))
    return crypto.fernet().encrypt(payload.encode()).decode("ascii")


def read_receipt(token):
    """(urgent, source page id or None) from a receipt; (False, None) for anything not made here in the last ten minutes."""
    if not token:
        return False, None
    try:
        payload = json.loads(crypto.fernet().decrypt(token.encode("ascii"), ttl=RECEIPT_MAX_AGE))
        urgent, source_page_id = payload["u"], payload["f"]
    except (InvalidToken, ValueError, TypeError, KeyError, UnicodeError):
        return False, None
    if urgent not in (0, 1) or not isinstance(source_page_id, int) or isinstance(source_page_id, bool):
        return False, None
    return bool(urgent), source_page_id if source_page_id > 0 else None


def set_receipt(response, request, path, *, urgent, source_page_id):
    """Give the redirect to the thank-you page its receipt, sent back only to that page, for ten minutes."""
    response.set_cookie(
        RECEIPT_COOKIE,
        make_receipt(urgent, source_page_id),
        max_age=RECEIPT_MAX_AGE,
        path=path,
        secure=request.is_secure() or settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


def receipt_of(request):
    """(urgent, source page id or None) for the visitor's last request sent through this form."""
    return read_receipt(request.COOKIES.get(RECEIPT_COOKIE))
