"""Crisis-aware intake (forms/crisis.py) and where the visitor came from (an embedded form's page).

A request whose own words hold a crisis phrase is stored urgent, its email says
URGENT (and nothing more), and the visitor's thank-you page shows how to get
help now before anything else, with no trace of it in any URL. An embedded form
records the page it was on, and the thank-you page (or the form shown again with
errors) links back to it.
"""

import json
import time

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data

from forms import crypto
from forms.crisis import (
    DEFAULT_PHRASES,
    RECEIPT_COOKIE,
    RECEIPT_MAX_AGE,
    CrisisPhrases,
    find_crisis_phrase,
    make_receipt,
    phrases_in,
    problems_with,
    read_receipt,
)
from forms.models import CHANGED_FORM_MESSAGE, FormSubmission
from forms.request_checks import SOURCE_PAGE_FIELD
from tests.factories import BlogIndexPageFactory, BlogPageFactory, FormFieldFactory, FormPageFactory

from .conftest import error_summary_texts, soup_of, user_with_role, valid_call_back_data

pytestmark = pytest.mark.django_db

CRISIS_MESSAGE = "Honestly I don’t want to live like this any more."


def matches(text, phrases=DEFAULT_PHRASES):
    return find_crisis_phrase([text], phrases_in("\n".join(phrases)))


# --- Matching -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Suicide.",
        "I have been having SUICIDAL thoughts",
        "sometimes i think about suicide, a lot",
        "I don't want to live",
        "I don’t want to live",  # a curly apostrophe
        "i dont want to live",  # no apostrophe at all
        "I keep thinking I want   to\n  die",  # any run of whitespace, line breaks too
        "I self harm when it gets bad",  # a space for the list's hyphen
        "self–harm",  # an en dash
        "I've been cutting myself again",
        "(end my life)",
        "everyone would be better off dead",
    ],
)
def test_a_crisis_phrase_matches_whatever_the_case_apostrophes_hyphens_and_spacing(text):
    assert matches(text)


@pytest.mark.parametrize(
    "text",
    [
        "I want to diet before my treatment",  # “want to die” is not inside “want to diet”
        "my selfharm",  # a hyphen or a space, not nothing
        "unsuicidal",
        "The suicides article was helpful",  # whole words: a plural is another word
        "kill my self-doubt",
        "Please call after 10.",
        "",
    ],
)
def test_only_whole_words_and_phrases_match(text):
    assert not matches(text)


def test_the_administrators_list_decides_including_each_form_of_a_word():
    assert not matches("I overdosed last week", ["overdose"])  # whole words only, so…
    assert matches("I overdosed last week", ["overdose", "overdosed"])  # …the list names each form it means
    assert matches("I overdosed last week")  # and the default list does
    assert matches("They said: self-harm", ["self harm"])  # a space in the list matches a hyphen too
    assert matches("an idea I can't shake", ["cant shake"])
    assert not matches("Suicide.", ["kill myself"])


def test_duplicates_and_blank_lines_in_the_list_are_ignored():
    assert phrases_in("Suicide\n\n  suicide \nSELF-HARM\nself harm\n") == ["suicide", "self harm"]
    assert problems_with("Suicide\n\nsuicide\n") == []


def test_the_default_list_is_a_valid_list():
    assert problems_with(CrisisPhrases._meta.get_field("phrases").get_default()) == []
    assert "kill myself" in CrisisPhrases.load().phrase_list()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("suicide\nsu", "Line 2 (“su”) is too short: a phrase needs a word of at least 3 letters"),
        ("suicide\na b c", "Line 2 (“a b c”) is too short"),
        ("kill myself!\nsuicide", "Line 1 (“kill myself!”) can only have letters, spaces, apostrophes and hyphens"),
        ("suicide\nwant to die <b>", "Line 2 (“want to die <b>”) can only have letters"),
        ("suicide\n\n" + "x" * 81, "Line 3 (“" + "x" * 40 + "…”) is 81 characters long: keep each phrase to 80"),
        ("", "Add at least one phrase, one per line."),
        ("  \n\n", "Add at least one phrase, one per line."),
    ],
)
def test_a_bad_list_is_explained_line_by_line(text, expected):
    assert any(problem.startswith(expected) for problem in problems_with(text)), problems_with(text)


# --- Which answers are scanned ---------------------------------------------------------


@pytest.fixture
def mixed_form_page(home_page, clinic_settings):
    page = FormPageFactory(parent=home_page, title="Ask us", slug="ask-us", consent_text="")
    FormFieldFactory(page=page, label="Your name", field_type="singleline", autocomplete="name", sort_order=0)
    FormFieldFactory(page=page, label="Email", field_type="email", sort_order=1)
    FormFieldFactory(page=page, label="Topic", field_type="dropdown", choices="Suicide prevention\nOther", sort_order=2)
    FormFieldFactory(page=page, label="Subject", field_type="singleline", required=False, sort_order=3)
    FormFieldFactory(page=page, label="Question", field_type="multiline", required=False, sort_order=4)
    return page


def post_mixed(client, page, **values):
    data = {
        "your_name": "Sue Suicide",
        "email": "suicide@example.com",
        "topic": "Suicide prevention",
        "subject": "",
        "question": "",
        **{key: valid_call_back_data()[key] for key in ("_started", "_website")},
        **values,
    }
    response = client.post(page.url, data)
    assert response.status_code == 302, error_summary_texts(response)
    return FormSubmission.objects.latest("pk")


def test_names_emails_and_choices_are_never_scanned(client, mixed_form_page):
    submission = post_mixed(client, mixed_form_page, question="When are you open?")
    assert (submission.urgent, submission.urgent_source) == (False, "")


@pytest.mark.parametrize("field", ["subject", "question"])
def test_single_and_multi_line_answers_are_scanned(client, mixed_form_page, field):
    submission = post_mixed(client, mixed_form_page, **{field: "I want to end my life"})
    assert (submission.urgent, submission.urgent_source) == (True, FormSubmission.UrgentSource.CRISIS_PHRASE)


# --- The admin's list: who may change it, and what it refuses --------------------------


def settings_url():
    return reverse("wagtailsettings:edit", args=["forms", "crisisphrases", CrisisPhrases.load().pk])


def test_a_superuser_is_refused_a_bad_list_with_a_message_naming_the_line(client, home_page):
    client.force_login(user_with_role("superuser"))
    before = CrisisPhrases.load().phrases
    response = client.post(settings_url(), nested_form_data({"phrases": "suicide\nend my life\nok"}))
    assert response.status_code == 200
    errors = soup_of(response).find(id="panel-phrases-section") or soup_of(response)
    assert "Line 3 (“ok”) is too short: a phrase needs a word of at least 3 letters" in errors.get_text(" ")
    assert CrisisPhrases.load().phrases == before

    response = client.post(settings_url(), nested_form_data({"phrases": ""}))
    assert response.status_code == 200
    assert "Add at least one phrase, one per line." in response.content.decode()
    assert CrisisPhrases.load().phrases == before


def test_a_superuser_changes_the_list_and_it_is_used_at_once(client, home_page, form_page):
    client.force_login(user_with_role("superuser"))
    response = client.post(settings_url(), nested_form_data({"phrases": "no way out\nNo way out\n"}))
    assert response.status_code == 302
    assert CrisisPhrases.load().phrase_list() == ["no way out"]
    client.logout()
    client.post(form_page.url, valid_call_back_data(message="I feel there is no way out"))
    client.post(form_page.url, valid_call_back_data(message="I want to end my life"))  # not in the list now
    assert [s.urgent for s in FormSubmission.objects.order_by("pk")] == [True, False]


@pytest.mark.parametrize("role", ["editor", "intake", "moderator", "reviewer"])
def test_nobody_but_a_superuser_may_see_or_change_the_list(client, home_page, role):
    client.force_login(user_with_role(role))
    before = CrisisPhrases.load().phrases
    # Wagtail's answer to a signed-in user without the permission: back to the dashboard, with a message.
    for response in (client.get(settings_url()), client.post(settings_url(), {"phrases": "suicide"})):
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Sorry, you do not have permission to access this area." in dashboard
    assert "Crisis phrases" not in dashboard  # not in the Settings menu either
    assert CrisisPhrases.load().phrases == before


def test_no_group_is_given_the_permission(home_page):
    from django.contrib.auth.models import Group

    for group in Group.objects.all():
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert not codenames & {"change_crisisphrases", "add_crisisphrases", "delete_crisisphrases"}, group.name


def test_the_setting_is_in_the_settings_menu_for_a_superuser(client, home_page):
    client.force_login(user_with_role("superuser"))
    response = client.get(settings_url())
    assert response.status_code == 200
    assert "Crisis phrases" in client.get(reverse("wagtailadmin_home")).content.decode()


# --- A request that matched: stored urgent, URGENT email, help first -------------------


def test_a_matching_message_is_stored_urgent_and_the_email_subject_says_urgent_and_nothing_else(
    client, form_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_page.url, valid_call_back_data(message=CRISIS_MESSAGE))
    assert response.status_code == 302
    submission = FormSubmission.objects.get()
    assert (submission.urgent, submission.urgent_source) == (True, FormSubmission.UrgentSource.CRISIS_PHRASE)
    assert submission.form_data["message"] == CRISIS_MESSAGE
    [email] = mail.outbox
    assert email.subject == "URGENT: New request: Request a call-back"
    everything = "\n".join([email.subject, email.body, *(f"{k}: {v}" for k, v in email.message().items())]).lower()
    for secret in ("want to live", "don", "like this"):
        assert secret not in everything


def test_the_urgent_flag_goes_before_the_editors_subject(form_page, client, django_capture_on_commit_callbacks):
    form_page.subject = "New call-back"
    form_page.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_page.url, valid_call_back_data(message="suicidal"))
        client.post(form_page.url, valid_call_back_data(message="Mornings are best"))
    assert [email.subject for email in mail.outbox] == ["URGENT: New call-back", "New call-back"]
    assert [s.urgent for s in FormSubmission.objects.order_by("pk")] == [True, False]


def crisis_help(response):
    return soup_of(response).find(class_="crisis-help")


def test_the_thank_you_page_shows_the_crisis_numbers_first_when_the_visitors_words_matched(client, form_page):
    response = client.post(form_page.url, valid_call_back_data(message=CRISIS_MESSAGE), follow=True)
    assert response.status_code == 200

    # The redirect is the same for everyone: nothing in the URL says what happened, or what was typed.
    [(url, status)] = response.redirect_chain
    assert (url, status) == (f"{form_page.url}thank-you/", 302)
    for trace in ("urgent", "crisis", "want", "live", "?"):
        assert trace not in url.lower()
    cookie = client.cookies[RECEIPT_COOKIE]
    assert cookie["path"] == f"{form_page.url}thank-you/"
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and int(cookie["max-age"]) == RECEIPT_MAX_AGE
    assert "urgent" not in cookie.value.lower() and "live" not in cookie.value.lower()

    main = soup_of(response).find("main")
    first = main.find(True)
    assert "crisis-help" in first.find(True)["class"]  # first in the page's content, before its thank-you
    first = first.find(True)
    heading = first.find("h1")  # the page's heading is the help itself
    assert heading.get_text(strip=True).startswith("If you are thinking about ending your life or might act on it")
    assert first["aria-labelledby"] == heading["id"]
    assert len(main.find_all("h1")) == 1
    hrefs = {a["href"] for a in first.find_all("a")}
    assert {"tel:988", "sms:988", "tel:911"} <= hrefs
    assert "Suicide & Crisis Lifeline" in first.get_text()
    assert "emergency room" in first.get_text()
    content = main.find(class_="form-thank-you")
    assert "we will call you back within one working day" in content.get_text()
    # It differs by visitor: no browser, proxy or CDN may keep it.
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]

    # Reloading shows the same page; nothing is sent again.
    assert crisis_help(client.get(f"{form_page.url}thank-you/"))
    assert FormSubmission.objects.count() == 1


def test_the_thank_you_page_is_ordinary_when_nothing_matched(client, form_page):
    response = client.post(form_page.url, valid_call_back_data(message="Please call after 10."), follow=True)
    assert response.redirect_chain == [(f"{form_page.url}thank-you/", 302)]
    assert crisis_help(response) is None
    assert "we will call you back within one working day" in response.content.decode()
    assert FormSubmission.objects.get().urgent is False


def test_a_receipt_that_is_not_ascii_reads_as_none():
    assert read_receipt("é✓") == (False, None)


def test_every_receipt_looks_alike_whatever_it_says():
    assert len(make_receipt(True, 0)) == len(make_receipt(False, 0)) == len(make_receipt(False, 7))
    assert read_receipt(make_receipt(True, 0)) == (True, None)
    assert read_receipt(make_receipt(False, 12)) == (False, 12)


def expired_receipt():
    payload = json.dumps({"u": 1, "f": 0}).encode()
    return crypto.fernet().encrypt_at_time(payload, int(time.time()) - RECEIPT_MAX_AGE - 60).decode()


def forged_receipt():
    from cryptography.fernet import Fernet

    return Fernet(Fernet.generate_key()).encrypt(b'{"u":1,"f":0}').decode()


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        "",
        "gAAAAA" + "A" * 80,
        json.dumps({"u": 1}),
        pytest.param("expired", id="expired"),
        pytest.param("forged", id="forged"),
        pytest.param("bad shape", id="bad-shape"),
    ],
)
def test_a_forged_expired_or_damaged_receipt_gives_the_ordinary_thank_you_page(client, form_page, token):
    token = {
        "expired": expired_receipt,
        "forged": forged_receipt,
        "bad shape": lambda: crypto.fernet().encrypt(b'{"u":"yes","f":"home"}').decode(),
    }.get(token, lambda: token)()
    client.cookies[RECEIPT_COOKIE] = token
    response = client.get(f"{form_page.url}thank-you/")
    assert response.status_code == 200
    assert crisis_help(response) is None
    assert "we will call you back within one working day" in response.content.decode()


def test_a_good_receipt_without_a_submission_is_all_the_page_needs(client, form_page):
    client.cookies[RECEIPT_COOKIE] = make_receipt(True, 0)
    assert crisis_help(client.get(f"{form_page.url}thank-you/"))


# --- Where the visitor came from --------------------------------------------------------


@pytest.fixture
def article(home_page, form_page):
    index = BlogIndexPageFactory(parent=home_page)
    return BlogPageFactory(
        parent=index,
        title="Making a safety plan",
        body=[{"type": "form", "value": {"form_page": form_page.pk, "heading": "", "text": "We can call you."}}],
    )


def embedded_form(client, page):
    return soup_of(client.get(page.url)).find("section", class_="embedded-form").find("form")


def back_links(response):
    return [(a.get_text(strip=True), a["href"]) for a in soup_of(response).select("main a") if "Back to" in a.text]


def test_an_embedded_form_records_its_page_and_the_thank_you_page_links_back(client, form_page, article):
    form = embedded_form(client, article)
    hidden = form.find("input", attrs={"name": SOURCE_PAGE_FIELD})
    assert hidden["type"] == "hidden" and hidden["value"] == str(article.pk)

    response = client.post(form_page.url, valid_call_back_data(**{SOURCE_PAGE_FIELD: hidden["value"]}), follow=True)
    assert response.redirect_chain == [(f"{form_page.url}thank-you/", 302)]  # no page id in the URL either
    submission = FormSubmission.objects.get()
    assert submission.source_page_id == article.pk
    assert SOURCE_PAGE_FIELD not in submission.form_data
    assert back_links(response) == [
        ("Back to “Making a safety plan”", article.url),
        ("Back to the home page", "/"),
    ]
    assert crisis_help(response) is None


def test_an_urgent_request_from_an_article_shows_help_first_and_links_back(client, form_page, article):
    data = valid_call_back_data(message="I have been cutting myself", **{SOURCE_PAGE_FIELD: str(article.pk)})
    response = client.post(form_page.url, data, follow=True)
    submission = FormSubmission.objects.get()
    assert submission.urgent and submission.source_page_id == article.pk
    assert "crisis-help" in soup_of(response).find("main").find(True).find(True)["class"]
    assert back_links(response)[0] == ("Back to “Making a safety plan”", article.url)


def test_the_form_on_its_own_page_has_no_source_and_no_back_link(client, form_page):
    page = soup_of(client.get(form_page.url))
    assert not page.find("input", attrs={"name": SOURCE_PAGE_FIELD})
    assert not page.select(".back-link")
    response = client.post(form_page.url, valid_call_back_data(), follow=True)
    assert FormSubmission.objects.get().source_page is None
    assert back_links(response) == [("Back to the home page", "/")]


def test_errors_on_an_embedded_form_show_the_way_back_and_keep_the_source(client, form_page, article):
    data = valid_call_back_data(phone_number="", **{SOURCE_PAGE_FIELD: str(article.pk)})
    response = client.post(form_page.url, data)
    assert response.status_code == 200
    assert error_summary_texts(response) == ["Fill in “Phone number”."]
    page = soup_of(response)
    back = page.select_one(".page-header .back-link a")
    assert (back.get_text(strip=True), back["href"]) == ("Back to “Making a safety plan”", article.url)
    hidden = page.find("form", class_="clinic-form").find("input", attrs={"name": SOURCE_PAGE_FIELD})
    assert hidden["value"] == str(article.pk)

    # The corrected request still records where it came from.
    client.post(form_page.url, {**data, "phone_number": "(555) 010-7788"})
    assert FormSubmission.objects.get().source_page_id == article.pk


@pytest.mark.parametrize(
    "value",
    ["unpublished", "form page", "root", "missing", "abc", "-1", "0", "1.5", " 7", "99999999999999999999", "٣"],
)
def test_a_source_that_is_not_a_live_page_is_ignored_never_an_error(client, form_page, article, value):
    unpublished = BlogPageFactory(parent=article.get_parent(), title="Draft", live=False)
    value = {
        "unpublished": str(unpublished.pk),
        "form page": str(form_page.pk),
        "root": str(Page.objects.get(depth=1).pk),
        "missing": str(Page.objects.order_by("-pk").first().pk + 100),
    }.get(value, value)
    response = client.post(form_page.url, valid_call_back_data(**{SOURCE_PAGE_FIELD: value}), follow=True)
    assert response.status_code == 200
    assert CHANGED_FORM_MESSAGE not in response.content.decode()
    assert FormSubmission.objects.get().source_page is None
    assert back_links(response) == [("Back to the home page", "/")]

    # Shown again with errors, it is dropped too.
    again = client.post(form_page.url, valid_call_back_data(your_name="", **{SOURCE_PAGE_FIELD: value}))
    assert again.status_code == 200
    assert not soup_of(again).find("input", attrs={"name": SOURCE_PAGE_FIELD})
    assert not soup_of(again).select(".back-link")


def test_a_source_page_unpublished_after_the_request_is_not_linked(client, form_page, article):
    client.post(form_page.url, valid_call_back_data(**{SOURCE_PAGE_FIELD: str(article.pk)}))
    article.unpublish()
    assert back_links(client.get(f"{form_page.url}thank-you/")) == [("Back to the home page", "/")]


@pytest.mark.parametrize(
    "text",
    [
        "i wanna die",
        "ending it all seems easier",
        "I keep harming myself",
        "I self-harmed last week",
        "sui\u00adcide",  # a soft hyphen hidden in the word
        "sui\u200bcide",  # a zero-width space
        "ｓｕｉｃｉｄｅ",  # full-width letters
        "I don’t want to be here anymore",
        "no point in living",
    ],
)
def test_common_phrasings_and_hidden_characters_still_match(text):
    from forms.crisis import DEFAULT_PHRASES, find_crisis_phrase, phrases_in

    assert find_crisis_phrase([text], phrases_in("\n".join(DEFAULT_PHRASES)))
