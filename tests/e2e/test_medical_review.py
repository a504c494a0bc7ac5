"""In Chromium: medical review that cannot be skipped or faked (issue 10).

An editor builds a treatment page in the admin and can only submit it to Medical
review; a clinical reviewer approves it, which signs it with her clinician and
dates it; a page past its next review is flagged on the site, in the report, on
the reviewers' dashboard and in the reminder email; a reviewer account with no
clinician cannot approve.
"""

import datetime
import io
import re
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import dateformat, timezone
from playwright.sync_api import expect

from demo.users import demo_user
from home.models.medical_review import add_months
from home.roles import CLINICAL_REVIEWERS
from tests.e2e.conftest import E2E, close_context, open_page
from tests.factories import member_of
from treatments.models import TreatmentIndexPage, TreatmentPage

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]

NEW_TREATMENT = "Stellate ganglion block"
# The task's approval: "Approve" on the dashboard, "Approve and Publish" in the page editor.
APPROVE = re.compile(r"^Approve\b", re.IGNORECASE)
SCREENSHOTS = Path(tempfile.gettempdir())  # /tmp/e2e-review-*.png, for a person to look at


@pytest.fixture
def new_window(browser):
    """A fresh browser context per person (so nobody shares a session); all closed at the end."""
    pages = []

    def open_window(width=1280):
        page = open_page(browser, width)
        pages.append(page)
        return page

    yield open_window
    for page in pages:
        close_context(page.context)


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("changeme")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()


def long_date(date):
    """A date as the public review line shows it (templates/includes/medical_review.html)."""
    return dateformat.format(date, "F j, Y")


def calendar_date(date):
    """A date written out in either of the site's formats: "1 December 2027" (the admin) or "December 1, 2027"."""
    return re.compile(rf"\b{date.day} {date:%B} {date.year}|{date:%B} {date.day}, {date.year}")


def a_year_after(date):
    try:
        return date.replace(year=date.year + 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year + 1, day=28)


def fill_rich_text(page, field_id, text):
    """Type into the Draftail editor of the rich text field whose hidden input has this id."""
    field = page.locator(".w-field--draftail_rich_text_area", has=page.locator(f"#{field_id}"))
    field.get_by_role("textbox").fill(text)
    # Draftail writes the text to the hidden input a moment later; a quick Submit could send it empty.
    expect(page.locator(f"#{field_id}")).to_have_value(re.compile(re.escape(text)))


def add_block(page, label):
    page.locator("#body-root button[title='Insert a block']").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def open_approval(page, title):
    """From the dashboard's "Awaiting your review" panel: the page's Actions menu, then its approval."""
    awaiting = page.get_by_role("region", name="Awaiting your review")
    row = awaiting.get_by_role("row").filter(has_text=title)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name=APPROVE).click()
    return page.get_by_role("dialog")


def test_an_editor_submits_a_new_treatment_and_a_reviewer_approves_it(live_server, new_window):
    today = timezone.localdate()
    assert settings.MEDICAL_REVIEW_INTERVAL_MONTHS == 12
    next_due = a_year_after(today)

    # The editor builds a treatment page under Treatments.
    editor = new_window()
    sign_in(editor, live_server.url, "editor")
    treatments = TreatmentIndexPage.objects.get()
    editor.goto(f"{live_server.url}/admin/pages/{treatments.pk}/")
    editor.get_by_role("link", name="Add child page").first.click()
    expect(editor.get_by_role("heading", name="New: Treatment page")).to_be_visible()
    editor.locator("#id_title").fill(NEW_TREATMENT)
    editor.locator("#id_summary").fill("An injection beside a nerve in the neck that can calm the body's alarm system.")
    editor.locator("#id_how_given").fill("Injection in the neck, guided by ultrasound")
    add_block(editor, "Benefits")
    add_block(editor, "Risks and side effects")
    add_block(editor, "Frequently asked questions")
    editor.locator("#body-0-value-items-0-value-title").fill("Calmer within days")
    editor.locator("#body-0-value-items-0-value-detail").fill("Some people feel less on edge within a day or two.")
    fill_rich_text(editor, "body-1-value-intro", "Most side effects are mild and pass within a day.")
    editor.locator("#body-1-value-items-0-value-name").fill("Hoarse voice")
    editor.locator("#body-1-value-items-0-value-description").fill("A drooping eyelid or hoarse voice for a few hours.")
    fill_rich_text(editor, "body-1-value-get_help", "Call us at once if you find it hard to swallow or breathe.")
    editor.locator("#body-2-value-questions-0-value-question").fill("Does it hurt?")
    fill_rich_text(editor, "body-2-value-questions-0-value-answer", "It stings for a moment, like a blood test.")

    # No way to publish it: the main action is Save draft, and the menu offers only the review.
    actions = editor.get_by_role("navigation", name="Actions (footer)")
    expect(actions.get_by_role("button").first).to_have_text("Save draft")
    actions.get_by_role("button", name="More actions").click()
    expect(actions.get_by_role("button", name="Submit to Medical review")).to_be_visible()
    expect(actions.get_by_role("button", name=re.compile("publish", re.IGNORECASE))).to_have_count(0)
    expect(editor.locator("[name='action-publish']")).to_have_count(0)
    actions.get_by_role("button", name="Submit to Medical review").click()
    expect(editor).to_have_url(re.compile(rf"/admin/pages/{treatments.pk}/$"), timeout=20_000)
    expect(editor.get_by_role("status")).to_contain_text(re.compile(f"{NEW_TREATMENT}.*submitted"))

    treatment = TreatmentPage.objects.get(title=NEW_TREATMENT)
    assert not treatment.live and treatment.workflow_in_progress
    url = f"{live_server.url}/treatments/{treatment.slug}/"
    visitor = new_window(375)
    assert visitor.goto(url).status == 404

    # The reviewer (Dr. Helen Marsh's account) approves it from her dashboard.
    reviewer = new_window()
    sign_in(reviewer, live_server.url, "reviewer")
    dialog = open_approval(reviewer, NEW_TREATMENT)
    expect(dialog).to_contain_text("Medically reviewed by Dr. Helen Marsh, MD")
    expect(dialog.get_by_label("Next review due")).to_have_value(next_due.isoformat())
    reviewer.screenshot(path=SCREENSHOTS / "e2e-review-approve-modal-1280.png", animations="disabled")
    reviewer.set_viewport_size({"width": 375, "height": 900})
    reviewer.screenshot(path=SCREENSHOTS / "e2e-review-approve-modal-375.png", animations="disabled")
    reviewer.set_viewport_size({"width": 1280, "height": 900})
    dialog.get_by_role("button", name=APPROVE).click()
    expect(dialog).to_be_hidden()
    expect(reviewer.get_by_role("row").filter(has_text=NEW_TREATMENT)).to_have_count(0)

    treatment.refresh_from_db()
    assert treatment.live and not treatment.workflow_in_progress
    assert (treatment.reviewed_by.name, treatment.last_reviewed, treatment.next_review_due) == (
        "Dr. Helen Marsh",
        today,
        next_due,
    )

    # A visitor (not signed in) reads the live page, signed and dated.
    assert visitor.goto(url).status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(NEW_TREATMENT)
    review_line = visitor.locator(".review-line")
    expect(review_line).to_contain_text(f"Medically reviewed by Dr. Helen Marsh, MD on {long_date(today)}")
    expect(review_line).to_contain_text(f"Next review due {long_date(next_due)}")
    expect(review_line.locator(".review-line__badge")).to_have_text("✓")
    expect(visitor.get_by_role("heading", name="Frequently asked questions")).to_be_visible()
    visitor.screenshot(path=SCREENSHOTS / "e2e-review-live-page-375.png", full_page=True, animations="disabled")


def make_overdue(page):
    """A year has gone by since the page's review: its next review date has just passed."""
    due = timezone.localdate() - datetime.timedelta(days=3)
    reviewed = add_months(due, -12)
    TreatmentPage.objects.filter(pk=page.pk).update(last_reviewed=reviewed, next_review_due=due)
    for revision in {page.live_revision, page.latest_revision}:
        revision.content.update(last_reviewed=reviewed.isoformat(), next_review_due=due.isoformat())
        revision.save(update_fields=["content"])
    cache.clear()  # nothing was published, so nothing was purged
    return reviewed, due


def test_a_page_past_its_next_review_is_flagged_everywhere(live_server, new_window, mailoutbox):
    ketamine = TreatmentPage.objects.get(slug="ketamine-therapy")
    assert ketamine.reviewed_by.user == demo_user("reviewer")  # Dr. Helen Marsh signed it
    reviewed, due = make_overdue(ketamine)

    # The public page keeps the review on record, without the tick, and says it is due.
    visitor = new_window(375)
    visitor.goto(f"{live_server.url}/treatments/ketamine-therapy/")
    review_line = visitor.locator(".review-line")
    expect(review_line).to_contain_text("Due for review")
    expect(review_line).to_contain_text(
        f"last medically reviewed by Dr. Helen Marsh, MD on {long_date(reviewed)}. "
        f"Its next review was due on {long_date(due)}"
    )
    expect(review_line).not_to_contain_text("✓")
    expect(visitor.locator(".review-line__badge")).to_have_count(0)
    visitor.screenshot(path=SCREENSHOTS / "e2e-review-overdue-page-375.png", full_page=True, animations="disabled")

    # Her dashboard lists it as overdue.
    reviewer = new_window()
    sign_in(reviewer, live_server.url, "reviewer")
    panel = reviewer.get_by_role("region", name="Medical reviews due")
    row = panel.get_by_role("row").filter(has_text="Ketamine therapy")
    expect(row).to_contain_text("Overdue")
    reviewer.screenshot(path=SCREENSHOTS / "e2e-review-dashboard-1280.png", full_page=True, animations="disabled")
    expect(row.get_by_role("link", name="Ketamine therapy")).to_have_attribute(
        "href", f"/admin/pages/{ketamine.pk}/edit/"
    )

    # The report, filtered to overdue pages, lists it and nothing that is merely due soon (OCD, in 21 days).
    menu = reviewer.get_by_role("navigation", name="Main menu")
    menu.get_by_role("button", name="Reports").click()
    menu.get_by_role("link", name="Medical pages by review date", exact=True).click()
    expect(reviewer.get_by_role("heading", name="Medical pages by review date")).to_be_visible()
    results = reviewer.locator("#listing-results")
    ocd = results.get_by_role("row").filter(has=reviewer.get_by_role("link", name="OCD", exact=True))
    expect(ocd).to_have_count(1)
    reviewer.get_by_role("button", name="Show filters").click()
    reviewer.get_by_role("button", name="Review", exact=True).click()
    reviewer.get_by_label("Review", exact=True).select_option(label="Overdue")
    expect(reviewer).to_have_url(re.compile(r"[?&]due=overdue\b"))
    expect(ocd).to_have_count(0)
    overdue_row = results.get_by_role("row").filter(has_text="Ketamine therapy")
    expect(overdue_row).to_contain_text("Overdue")
    expect(overdue_row).to_contain_text("Dr. Helen Marsh")
    # Its dates as dates, to plan by (they once read "Just now" and "1 year ago").
    expect(overdue_row).to_contain_text(calendar_date(due))
    expect(overdue_row).to_contain_text(calendar_date(reviewed))
    expect(overdue_row).not_to_contain_text(re.compile(r"\bago\b|Just now"))
    reviewer.screenshot(path=SCREENSHOTS / "e2e-review-report-overdue-1280.png", full_page=True, animations="disabled")

    # The daily reminder tells the reviewer who signed it: its title and admin link, not its content.
    mailoutbox.clear()  # the demo's own submissions to review notified the reviewers
    call_command("remind_due_reviews", stdout=io.StringIO())
    to_her = [message for message in mailoutbox if message.to == ["reviewer@example.com"]]
    assert len(to_her) == 1
    body = to_her[0].body
    assert f"Ketamine therapy (overdue since {dateformat.format(due, 'j F Y')})" in body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{ketamine.pk}/edit/" in body
    assert ketamine.summary not in body
    others = [message.body for message in mailoutbox if message.to != ["reviewer@example.com"]]
    assert not any("Ketamine therapy" in other for other in others)  # her page, not Dr. Okoro's


def test_a_reviewer_account_without_a_clinician_cannot_approve(live_server, new_window):
    member_of(CLINICAL_REVIEWERS, username="locum")  # a reviewer, but signing as nobody
    tms = TreatmentPage.objects.get(slug="neurostar-tms")
    live_summary = tms.summary
    tms.summary = "A changed summary, waiting for review."
    tms.save_revision(user=demo_user("editor"))
    tms.get_workflow().start(tms, demo_user("editor"))

    locum = new_window()
    sign_in(locum, live_server.url, "locum")
    dialog = open_approval(locum, "NeuroStar TMS")
    expect(dialog.get_by_role("alert")).to_contain_text("your account is not linked to a clinician")
    expect(dialog.get_by_role("button", name=APPROVE)).to_have_count(0)
    expect(dialog.get_by_label("Next review due")).to_have_count(0)
    locum.screenshot(path=SCREENSHOTS / "e2e-review-refused-modal-1280.png", animations="disabled")
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()

    # Sending the approval anyway, by hand from her signed-in browser, is refused the same way.
    approve_url = (
        locum.get_by_role("region", name="Awaiting your review")
        .locator("[data-workflow-action-url*='/approve/']")
        .get_attribute("data-workflow-action-url")
    )
    csrf_token = next(cookie["value"] for cookie in locum.context.cookies() if cookie["name"] == "csrftoken")
    forged = locum.request.post(
        live_server.url + approve_url,
        form={
            "csrfmiddlewaretoken": csrf_token,
            "comment": "",
            "next_review_due": a_year_after(timezone.localdate()).isoformat(),
        },
    )
    assert forged.ok and "your account is not linked to a clinician" in forged.text()

    # The page editor's approval says the same, and offers nothing to approve with.
    locum.goto(f"{live_server.url}/admin/pages/{tms.pk}/edit/")
    actions = locum.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="More actions").click()
    actions.get_by_role("button", name=APPROVE).click()
    dialog = locum.get_by_role("dialog")
    expect(dialog.get_by_role("alert")).to_contain_text("your account is not linked to a clinician")
    expect(dialog.get_by_role("button", name=APPROVE)).to_have_count(0)

    # Still in review, and nothing of it is live.
    tms = TreatmentPage.objects.get(pk=tms.pk)
    assert tms.workflow_in_progress
    assert tms.current_workflow_task_state.status == "in_progress"
    assert tms.summary == live_summary
    assert tms.reviewed_by.name == "Dr. Samuel Okoro"
