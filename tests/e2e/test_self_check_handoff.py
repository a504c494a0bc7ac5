"""In Chromium at 375 px: a visitor sends their PHQ-9 answers with a call-back request, or chooses not to.

With consent (a ticked box that names what is sent) the answers reach the encrypted inbox and a
positive item 9 puts the request first, urgent. Without it, the request's body holds no answer;
"forget" removes the kept result, and so does a sent request. Screenshots go to /tmp/helper-a/
(and test-artifacts/) to be looked at, not compared.
"""

import re
import tempfile
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from django.core.cache import caches
from playwright.sync_api import expect

from core.self_checks import PHQ9
from forms.models import FormPage, FormSubmission
from forms.self_check_handoff import FIELD
from tests.e2e.conftest import E2E, assert_no_accessibility_violations

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]

MOOD_PAGE = "/check-your-mood/"
CALL_BACK = "/request-a-call-back/"
STORAGE_KEY = "clinicsite.selfCheckResult"
SHOTS = [Path(tempfile.gettempdir()) / "helper-a", Path(__file__).resolve().parents[2] / "test-artifacts"]
ANSWERS = [2, 1, 3, 2, 1, 2, 1, 1, 1]  # 14 out of 27, Moderate; item 9 "Several days"


@pytest.fixture(autouse=True)
def call_back_offers_self_checks(demo_site, settings):
    # Playwright types far faster than a person (the minimum time is tested in tests/forms/test_spam.py).
    settings.FORMS_MIN_SECONDS = 0
    page = FormPage.objects.get(slug="request-a-call-back")
    page.accepts_self_check_results = True
    page.save_revision().publish()
    for cache in caches.all():
        cache.clear()


def shot(page, name, part=None):
    """The whole page, and the part worth looking at (a full phone page is too tall to read)."""
    for folder in SHOTS:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"self-check-handoff-{name}.png"), full_page=True)
        if part is not None:
            part.screenshot(path=str(folder / f"self-check-handoff-{name}-part.png"))


def take_phq9(page, base_url, answers=ANSWERS):
    page.goto(base_url + MOOD_PAGE)
    for number, value in enumerate(answers, start=1):
        page.check(f"#phq-9-item{number}-{value}")
    page.check("#phq-9-difficulty-1")
    page.locator("#phq-9-title ~ form").get_by_role("button", name="See my result").click()
    result = page.locator("section:has(#phq-9-title) [data-self-check-result]")
    expect(result).to_be_visible()
    return result


def fill_call_back(page, name):
    form = page.locator("form.clinic-form")
    form.get_by_label("Your name").fill(name)
    form.get_by_label("Phone number").fill("(555) 010-4321")
    form.get_by_label("Best time to call").select_option("Any time during opening hours")
    form.get_by_role("group", name=re.compile("voicemail")).get_by_label("No").check()
    form.get_by_role("group", name=re.compile("text you")).get_by_label("No").check()
    form.get_by_label(re.compile("I agree to be contacted")).check()
    return form


def kept(page):
    return page.evaluate(f"window.sessionStorage.getItem('{STORAGE_KEY}')")


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("changeme")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base_url}/admin/")


def test_with_consent_the_answers_reach_the_inbox_urgent_and_first(live_server, phone, desktop):
    result = take_phq9(phone, live_server.url)
    expect(result.locator(".self-check__crisis")).to_be_visible()
    send = result.get_by_role("link", name="Send my answers with a call-back request")
    expect(send).to_be_visible()
    shot(phone, "result-375", result.locator(".self-check__send"))
    desktop_result = take_phq9(desktop, live_server.url)
    expect(desktop_result.get_by_role("link", name="Send my answers with a call-back request")).to_be_visible()
    shot(desktop, "result-1280", desktop_result)

    send.click()
    expect(phone).to_have_url(live_server.url + CALL_BACK)  # no query string: the answers are not in the URL
    offer = phone.locator("[data-self-check-offer]")
    expect(offer).to_be_visible()
    box = offer.get_by_role(
        "checkbox", name="Send my PHQ-9 answers and score (14 out of 27, Moderate) with this request"
    )
    expect(box).not_to_be_checked()
    expect(offer).to_contain_text("we will treat your request as urgent")
    form = fill_call_back(phone, "Robin Selfcheck")
    assert_no_accessibility_violations(phone)
    shot(phone, "form-375", offer)
    desktop.get_by_role("link", name="Send my answers with a call-back request").click()
    expect(desktop.locator("[data-self-check-offer]")).to_be_visible()
    assert_no_accessibility_violations(desktop)
    shot(desktop, "form-1280", desktop.locator("[data-self-check-offer]"))

    box.check()
    with phone.expect_request(lambda request: request.method == "POST") as sent:
        form.get_by_role("button", name="Request a call-back").click()
    body = parse_qs(sent.value.post_data)
    assert body[FIELD] == ['{"instrument":"phq-9","answers":[2,1,3,2,1,2,1,1,1],"difficulty":1}']
    expect(phone).to_have_url(re.compile(r"/request-a-call-back/thank-you/$"))
    expect(phone.locator("[data-crisis-resources]")).to_be_visible()  # item 9: 988 first
    assert kept(phone) is None, "the kept result is forgotten once the request is sent"

    submission = FormSubmission.objects.latest("submit_time")
    assert submission.urgent and submission.urgent_source == FormSubmission.UrgentSource.SELF_CHECK
    assert (
        submission.self_check["total"] == 14 and submission.self_check["difficulty"]["answer"] == "Somewhat difficult"
    )

    sign_in(desktop, live_server.url, "intake")
    desktop.goto(live_server.url + "/admin/intake/")
    first_row = desktop.locator("table.intake-inbox tbody tr").first
    expect(first_row).to_contain_text("Robin Selfcheck")
    expect(first_row.locator(".intake-urgency")).to_contain_text("Urgent")
    first_row.get_by_role("link", name="Robin Selfcheck").click()
    section = desktop.locator("[data-self-check-result]")
    expect(section).to_contain_text(PHQ9.title)
    expect(section.locator("[data-self-check-score]")).to_contain_text("14 out of 27: Moderate")
    expect(section.locator("tr[data-flagged]")).to_contain_text(PHQ9.items[8])
    expect(desktop.locator("[data-urgent]")).to_contain_text("question 9")
    shot(desktop, "intake-1280", section)
    detail_url = desktop.url
    desktop.set_viewport_size({"width": 375, "height": 900})
    desktop.goto(detail_url)
    expect(desktop.locator("[data-self-check-result]")).to_be_visible()
    shot(desktop, "intake-375", desktop.locator("[data-self-check-result]"))


def test_without_consent_the_request_carries_no_answer(live_server, phone):
    take_phq9(phone, live_server.url).get_by_role("link", name="Send my answers with a call-back request").click()
    offer = phone.locator("[data-self-check-offer]")
    expect(offer).to_be_visible()
    form = fill_call_back(phone, "Casey Nochoice")
    with phone.expect_request(lambda request: request.method == "POST") as sent:
        form.get_by_role("button", name="Request a call-back").click()
    body = sent.value.post_data
    assert FIELD not in parse_qs(body) and "instrument" not in body and "answers" not in body
    expect(phone).to_have_url(re.compile(r"/request-a-call-back/thank-you/$"))
    assert kept(phone) is None
    submission = FormSubmission.objects.latest("submit_time")
    assert submission.form_data["your_name"] == "Casey Nochoice"
    assert submission.self_check is None and not submission.urgent


def test_forget_removes_the_box_and_the_kept_result(live_server, phone):
    take_phq9(phone, live_server.url, answers=[0] * 9).get_by_role(
        "link", name="Send my answers with a call-back request"
    ).click()
    assert kept(phone) is not None
    offer = phone.locator("[data-self-check-offer]")
    expect(offer.get_by_role("checkbox")).to_have_accessible_name(
        "Send my PHQ-9 answers and score (0 out of 27, Minimal) with this request"
    )
    expect(offer.locator("[data-self-check-offer-urgent]")).to_be_hidden()
    offer.get_by_role("button", name="Do not send my answers, and forget them").click()
    expect(offer).to_be_hidden()
    expect(phone.get_by_role("status")).to_have_text("Your self-check answers were forgotten and will not be sent.")
    assert kept(phone) is None
    phone.reload()
    expect(phone.locator("[data-self-check-offer]")).to_be_hidden()


def test_without_javascript_the_result_page_posts_the_answers_to_the_form_with_the_box(
    live_server, phone_without_javascript
):
    page = phone_without_javascript
    page.goto(live_server.url + MOOD_PAGE)
    for number, value in enumerate(ANSWERS, start=1):
        page.check(f"#phq-9-item{number}-{value}")
    page.locator("#phq-9-title ~ form").get_by_role("button", name="See my result").click()
    page.get_by_role("button", name="Send my answers with a call-back request").click()
    assert page.url == live_server.url + "/self-check/phq-9/", "the answers never go into a URL"
    box = page.get_by_role(
        "checkbox", name="Send my PHQ-9 answers and score (14 out of 27, Moderate) with this request"
    )
    expect(box).not_to_be_checked()
    shot(page, "form-375-nojs", page.locator("[data-self-check-offer]"))
    fill_call_back(page, "Ari Nojs")
    box.check()
    page.get_by_role("button", name="Request a call-back").click()
    expect(page).to_have_url(re.compile(r"/request-a-call-back/thank-you/$"))
    submission = FormSubmission.objects.latest("submit_time")
    assert submission.form_data["your_name"] == "Ari Nojs"
    assert submission.self_check["total"] == 14 and submission.urgent
