"""A visitor takes the demo's PHQ-9 on a phone, with and without JavaScript.

With JavaScript the score is worked out in the page and nothing is sent; without it the
form posts to the server, which answers with the same result and stores nothing. A
positive answer to item 9 puts 988 first on every path.
"""

import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import expect

from core.self_checks import GAD7, PCL5, PHQ9
from tests.e2e.conftest import E2E, assert_no_accessibility_violations, close_context, open_page

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]

MOOD_PAGE = "/check-your-mood/"
PTSD_PAGE = "/conditions/ptsd/"
SHOTS = Path(tempfile.gettempdir()) / "self-check-shots"  # screenshots to look at, not compared

# Known answer sets: item 9 "Not at all" unless the total needs it, and every band edge.
PHQ9_EDGES = [(band.low, band.label) for band in PHQ9.bands] + [(band.high, band.label) for band in PHQ9.bands]


def answers_for(total, item9=None):
    """Nine answers adding up to `total`, item 9 as given (else only what the total needs)."""
    item9 = max(0, total - 24) if item9 is None else item9
    left = total - item9
    answers = []
    for _ in range(8):
        answers.append(min(3, left))
        left -= answers[-1]
    assert left == 0
    return [*answers, item9]


def fill(page, slug, answers):
    for number, value in enumerate(answers, start=1):
        page.check(f"#{slug}-item{number}-{value}")


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def axe_on_the_server_pages(browser, live_server, steps):
    """axe needs JavaScript, so it cannot run in a context without it: it checks the same server-rendered pages
    in a browser where only self-check.js is blocked, so the questionnaire posts to the server as without JavaScript."""
    page = open_page(browser, 375)
    page.route("**/js/self-check.js", lambda route: route.abort())
    try:
        page.goto(live_server.url + MOOD_PAGE)
        steps(page)
        assert page.url == live_server.url + "/self-check/phq-9/"
        assert_no_accessibility_violations(page)
    finally:
        close_context(page.context)


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_with_javascript_every_band_edge_scores_right_and_nothing_is_sent(live_server, phone):
    phone.goto(live_server.url + MOOD_PAGE)
    section = phone.locator("section.block-self-check").filter(has=phone.locator("#phq-9-title"))
    expect(section.locator("h2#phq-9-title")).to_have_text(PHQ9.title)
    assert_no_accessibility_violations(phone)
    shot(phone, "questionnaire-375-js")
    sent = []
    phone.on("request", lambda request: sent.append(request) if request.method != "GET" else None)
    result = section.locator("[data-self-check-result]")
    for total, label in sorted(PHQ9_EDGES):
        fill(phone, "phq-9", answers_for(total))
        section.get_by_role("button", name="See my result").click()
        expect(result).to_be_visible()
        expect(result.locator(".self-check__score")).to_have_text(f"Your score is {total} out of 27: {label}.")
        expect(result).to_be_focused()
        crisis = result.locator(".self-check__crisis")
        if total > 24:  # item 9 above "Not at all"
            expect(crisis).to_be_visible()
        else:
            expect(crisis).to_be_hidden()
        if total == 0:
            assert_no_accessibility_violations(phone)
            shot(phone, "result-minimal-375-js")
        if total == 20:
            shot(phone, "result-severe-375-js")
        # Going back keeps every answer.
        section.get_by_role("button", name="Change my answers").click()
        expect(result).to_be_hidden()
        for number, value in enumerate(answers_for(total), start=1):
            expect(phone.locator(f"#phq-9-item{number}-{value}")).to_be_checked()
    assert sent == [], "nothing leaves the browser"


def test_with_javascript_a_positive_item_9_shows_988_first(live_server, phone, desktop):
    for page, width in ((phone, 375), (desktop, 1280)):
        page.goto(live_server.url + MOOD_PAGE)
        fill(page, "phq-9", answers_for(2, item9=1))
        page.locator("#phq-9-title ~ form").get_by_role("button", name="See my result").click()
        result = page.locator("section:has(#phq-9-title) [data-self-check-result]")
        crisis = result.locator(".self-check__crisis")
        expect(crisis).to_be_visible()
        expect(crisis.get_by_role("link", name="988")).to_have_attribute("href", "tel:988")
        expect(crisis.get_by_role("link", name="911")).to_have_attribute("href", "tel:911")
        score = result.locator(".self-check__score")
        expect(score).to_have_text("Your score is 2 out of 27: Minimal.")
        assert crisis.bounding_box()["y"] < score.bounding_box()["y"]
        expect(result.locator('[data-self-check-next="soon"]')).to_be_visible()
        assert_no_accessibility_violations(page)
        shot(page, f"result-item9-{width}-js")


def test_with_javascript_missing_answers_are_listed_and_no_score_is_shown(live_server, phone):
    phone.goto(live_server.url + MOOD_PAGE)
    answers = answers_for(10)
    for number, value in enumerate(answers[:6], start=1):
        phone.check(f"#phq-9-item{number}-{value}")
    form = phone.locator("#phq-9-title ~ form")
    form.get_by_role("button", name="See my result").click()
    summary = form.locator("[data-self-check-errors]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text("Questions 7, 8, 9 have no answer.")
    expect(phone.locator("section:has(#phq-9-title) [data-self-check-result]")).to_be_hidden()
    expect(phone.locator("#phq-9-item7_error")).to_be_visible()
    assert_no_accessibility_violations(phone)
    summary.get_by_role("link").click()
    expect(phone.locator("#phq-9-item7-0")).to_be_focused()


def test_without_javascript_every_band_edge_scores_right_and_nothing_is_stored(
    live_server, phone_without_javascript, browser
):
    page = phone_without_javascript
    page.goto(live_server.url + MOOD_PAGE)  # a first visit makes the logo's image rendition
    before = row_counts()
    for total, label in sorted(PHQ9_EDGES):
        page.goto(live_server.url + MOOD_PAGE)
        fill(page, "phq-9", answers_for(total))
        with page.expect_navigation():
            page.locator("#phq-9-title ~ form").get_by_role("button", name="See my result").click()
        assert page.url == live_server.url + "/self-check/phq-9/", "the answers never go into a URL"
        expect(page.locator("h1")).to_have_text("Your PHQ-9 result")
        expect(page.locator(".self-check__score")).to_have_text(f"Your score is {total} out of 27: {label}.")
        expect(page.get_by_text("This is not a diagnosis.")).to_be_visible()
        if total == 0:
            shot(page, "result-minimal-375-nojs")
        if total == 20:
            shot(page, "result-severe-375-nojs")
    assert row_counts() == before, "the no-JavaScript path stores nothing"
    # Going back to change the answers keeps them, and the result is worked out again.
    page.get_by_role("button", name="Change my answers").click()
    expect(page.locator("h1")).to_have_text(PHQ9.title)
    for number, value in enumerate(answers_for(27), start=1):
        expect(page.locator(f"#phq-9-item{number}-{value}")).to_be_checked()
    page.check("#phq-9-item1-0")
    page.get_by_role("button", name="See my result").click()
    expect(page.locator(".self-check__score")).to_have_text("Your score is 24 out of 27: Severe.")
    assert row_counts() == before


def test_without_javascript_a_positive_item_9_shows_988_before_the_score(
    live_server, phone_without_javascript, browser
):
    desktop = open_page(browser, 1280, java_script_enabled=False)
    for page, width in ((phone_without_javascript, 375), (desktop, 1280)):
        page.goto(live_server.url + MOOD_PAGE)
        fill(page, "phq-9", answers_for(1, item9=1))
        page.locator("#phq-9-title ~ form").get_by_role("button", name="See my result").click()
        crisis = page.locator(".self-check__crisis")
        expect(crisis).to_be_visible()
        expect(crisis.get_by_role("link", name="988")).to_have_attribute("href", "tel:988")
        score = page.locator(".self-check__score")
        expect(score).to_have_text("Your score is 1 out of 27: Minimal.")
        assert crisis.bounding_box()["y"] < score.bounding_box()["y"]
        shot(page, f"result-item9-{width}-nojs")
    close_context(desktop.context)


def test_without_javascript_a_half_filled_form_lists_what_is_missing(live_server, phone_without_javascript):
    page = phone_without_javascript
    page.goto(live_server.url + MOOD_PAGE)
    shot(page, "questionnaire-375-nojs")
    for number in range(1, 5):
        page.check(f"#gad-7-item{number}-2")
    page.locator("#gad-7-title ~ form").get_by_role("button", name="See my result").click()
    expect(page.locator(".error-summary")).to_contain_text("Questions 5, 6, 7 have no answer.")
    expect(page.locator(".self-check__score")).to_have_count(0)
    for number in range(1, 5):
        expect(page.locator(f"#gad-7-item{number}-2")).to_be_checked()
    shot(page, "errors-375-nojs")


def test_the_other_questionnaires_score_in_the_browser(live_server, desktop):
    desktop.goto(live_server.url + MOOD_PAGE)
    fill(desktop, "gad-7", [3, 3, 3, 3, 3, 0, 0])
    desktop.locator("#gad-7-title ~ form").get_by_role("button", name="See my result").click()
    expect(desktop.locator("section:has(#gad-7-title) .self-check__score")).to_have_text(
        "Your score is 15 out of 21: Severe."
    )
    shot(desktop, "gad7-result-1280-js")
    desktop.goto(live_server.url + PTSD_PAGE)
    expect(desktop.locator("#pcl-5-title")).to_have_text(PCL5.title)
    shot(desktop, "pcl5-questionnaire-1280-js")
    fill(desktop, "pcl-5", [4] * 8 + [1] + [0] * 11)
    desktop.locator("#pcl-5-title ~ form").get_by_role("button", name="See my result").click()
    expect(desktop.locator(".self-check__score")).to_have_text(
        "Your score is 33 out of 80: At or above the PTSD cut-point."
    )
    assert_no_accessibility_violations(desktop)
    assert GAD7.max_score == 21


@pytest.mark.parametrize(
    "answers",
    [answers_for(0), answers_for(20), answers_for(3, item9=1), answers_for(8)[:6]],
    ids=["minimal", "severe", "item-9", "half-filled"],
)
def test_axe_finds_nothing_on_the_server_pages(live_server, browser, answers):
    def steps(page):
        fill(page, "phq-9", answers)
        page.locator("#phq-9-title ~ form").get_by_role("button", name="See my result").click()
        expect(page.locator("h1")).to_be_visible()

    axe_on_the_server_pages(browser, live_server, steps)


def test_axe_finds_nothing_on_change_my_answers(live_server, browser):
    def steps(page):
        fill(page, "phq-9", answers_for(12))
        page.locator("#phq-9-title ~ form").get_by_role("button", name="See my result").click()
        page.get_by_role("button", name="Change my answers").click()
        expect(page.locator("h1")).to_have_text(PHQ9.title)

    axe_on_the_server_pages(browser, live_server, steps)
