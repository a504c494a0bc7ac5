"""In Chromium, issue 11's story: a visitor in crisis asks for a call-back from an article on a phone,
is shown 988 first and a way back, and intake staff find the request urgent at the top and follow it up.

The audit log shows each step to intake staff; an editor sees none of it and cannot delete the form page.
"""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from forms import audit
from forms.models import FormSubmission, SubmissionLogEntry, SubmissionNote
from tests.e2e.conftest import E2E, assert_no_accessibility_violations, close_context, open_context

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARTICLE = "/blog/making-a-safety-plan/"
ARTICLE_TITLE = "Making a safety plan with your care team"
CRISIS_MESSAGE = "I want to end my life and I have a plan. Please call."
NOTE = "Called at 10:05, safe with family tonight; booked assessment."


@pytest.fixture(autouse=True)
def quick_hands(settings):
    # Playwright types far faster than a person (the minimum time is tested in tests/forms/test_spam.py).
    settings.FORMS_MIN_SECONDS = 0
    cache.clear()


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("changeme")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base_url}/admin/")  # on a phone the main menu is folded away


def test_a_crisis_request_from_an_article_is_flagged_followed_up_and_audited(live_server, phone, desktop, browser):
    SCREENSHOTS.mkdir(exist_ok=True)

    # 1. A visitor on a phone sends the call-back form embedded in an article.
    phone.goto(live_server.url + ARTICLE)
    form = phone.locator("section.embedded-form")
    form.get_by_label("Your name").fill("Jordan Crisis")
    form.get_by_label("Phone number").fill("(555) 010-9988")
    form.get_by_label("Best time to call").select_option("Any time during opening hours")
    form.get_by_label("Anything you would like us to know?").fill(CRISIS_MESSAGE)
    form.get_by_role("group", name=re.compile("voicemail")).get_by_label("Yes").check()
    form.get_by_role("group", name=re.compile("text you")).get_by_label("No").check()
    form.get_by_label(re.compile("I agree to be contacted")).check()
    form.get_by_role("button", name="Request a call-back").click()

    # 2. Their thank-you page shows the crisis resources before anything else, and a way back to the article.
    expect(phone).to_have_url(re.compile(r"/request-a-call-back/thank-you/"))
    assert "urgent" not in phone.url and "end" not in phone.url.split("?")[-1]
    main = phone.locator("main")
    expect(main).to_contain_text("988")
    crisis = phone.locator("[data-crisis-resources]")
    expect(crisis).to_be_visible()
    expect(crisis.get_by_role("link", name=re.compile("988")).first).to_have_attribute(
        "href", re.compile(r"^(tel|sms):988")
    )
    crisis_top = crisis.bounding_box()["y"]
    thanks_top = phone.get_by_text("We have your request").bounding_box()["y"]
    assert crisis_top < thanks_top
    back = phone.get_by_role("link", name=f"Back to “{ARTICLE_TITLE}”")
    expect(back).to_have_attribute("href", re.compile(re.escape(ARTICLE) + "$"))
    assert_no_accessibility_violations(phone)
    phone.screenshot(path=SCREENSHOTS / "intake-crisis-thank-you-375.png", full_page=True)

    submission = FormSubmission.objects.latest("submit_time")
    assert submission.form_data["your_name"] == "Jordan Crisis" and submission.urgent
    assert submission.urgent_source == "crisis_phrase"
    assert submission.source_page.title == ARTICLE_TITLE

    # 3. Intake staff sign in: the dashboard counts it, the inbox lists it first, urgent, with its source page.
    sign_in(desktop, live_server.url, "intake")
    panel = desktop.locator(".intake-panel")
    urgent_count = FormSubmission.objects.filter(urgent=True).count()  # the demo has one already
    expect(panel.locator("[data-intake-count=urgent]")).to_have_text(str(urgent_count))
    desktop.get_by_role("navigation", name="Main menu").get_by_role("link", name="Intake inbox").click()
    first_row = desktop.locator("table.intake-inbox tbody tr").first
    expect(first_row).to_contain_text("Jordan Crisis")
    expect(first_row.locator(".intake-urgency")).to_contain_text("Urgent")
    expect(first_row).to_contain_text(ARTICLE_TITLE)
    desktop.screenshot(path=SCREENSHOTS / "intake-inbox-urgent-1280.png", full_page=True)

    # 4. They open it, assign it to themself, set Contacted and add a note.
    first_row.get_by_role("link", name="Jordan Crisis").click()
    expect(desktop.locator("[data-urgent]")).to_be_visible()
    expect(desktop.get_by_role("link", name="(555) 010-9988")).to_have_attribute("href", "tel:5550109988")
    desktop.get_by_label("Assigned to").select_option(label="intake")
    desktop.get_by_label("Status").select_option(label="Contacted")
    desktop.get_by_role("button", name="Save follow-up").click()
    expect(desktop.locator("[data-status]")).to_have_text("Contacted")
    desktop.get_by_label("Add a note").fill(NOTE)
    desktop.get_by_role("button", name="Add note").click()
    expect(desktop.locator(".intake-note")).to_contain_text(NOTE)
    desktop.screenshot(path=SCREENSHOTS / "intake-request-followed-up-1280.png", full_page=True)
    submission.refresh_from_db()
    assert (submission.status, submission.assignee.username) == ("contacted", "intake")
    assert SubmissionNote.objects.get(submission=submission).text == NOTE

    # 5. The audit log shows each step to intake staff (Reports → Site history), never the note's text.
    desktop.goto(live_server.url + "/admin/reports/site-history/")
    history = desktop.locator("main")
    for message in (
        f"Viewed form submission {submission.pk}",
        f"Assigned form submission {submission.pk} to intake",
        f"Changed the status of form submission {submission.pk} from New to Contacted",
        "Added note",
    ):
        expect(history).to_contain_text(message)
    expect(history).not_to_contain_text("safe with family")
    actions = set(SubmissionLogEntry.objects.values_list("action", flat=True))
    assert {audit.VIEWED_ONE, audit.ASSIGNED, audit.STATUS_CHANGED, audit.NOTE_ADDED} <= actions
    desktop.screenshot(path=SCREENSHOTS / "intake-site-history-1280.png", full_page=True)

    # 6. An editor sees none of these entries and cannot delete the form page.
    editor = open_context(browser, viewport={"width": 1280, "height": 900}).new_page()
    try:
        sign_in(editor, live_server.url, "editor")
        editor.goto(live_server.url + "/admin/reports/site-history/")
        expect(editor.locator("main")).not_to_contain_text("form submission")
        form_page = submission.page
        editor.goto(f"{live_server.url}/admin/pages/{form_page.pk}/delete/")
        button = editor.get_by_role("button", name=re.compile("Yes, delete"))
        if button.count():
            button.click()
        expect(editor.locator(".messages")).to_contain_text("was not deleted")
        assert FormSubmission.objects.filter(pk=submission.pk).exists()
        assert type(form_page).objects.filter(pk=form_page.pk).exists()
    finally:
        close_context(editor.context)


def test_the_inbox_on_a_phone_shows_name_status_urgency_and_age(live_server, phone):
    urgent = FormSubmission.objects.order_by("submit_time").first()
    FormSubmission.objects.filter(pk=urgent.pk).update(urgent=True)
    sign_in(phone, live_server.url, "intake")
    phone.goto(live_server.url + "/admin/intake/")
    first_row = phone.locator("table.intake-inbox tbody tr").first
    for cell in (".intake-requester", ".intake-urgency"):
        expect(first_row.locator(cell)).to_be_visible()
    expect(first_row).to_contain_text("Urgent")
    expect(first_row).to_contain_text("New")
    expect(first_row).to_contain_text(re.compile(r"ago"))
    expect(first_row.locator(".intake-optional").first).to_be_hidden()
    # The table fits the phone: no sideways scrolling to reach a row's status or age.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.screenshot(path=SCREENSHOTS / "intake-inbox-375.png", full_page=True)
    first_row.locator(".intake-requester a").click()
    expect(phone.locator("a[href^='tel:']").first).to_be_visible()
    phone.screenshot(path=SCREENSHOTS / "intake-request-375.png", full_page=True)
