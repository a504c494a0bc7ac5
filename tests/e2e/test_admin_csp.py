"""In Chromium: the Wagtail admin works under its Content-Security-Policy, and nothing it does is refused.

The signed-in admin's policy (settings/base.py, ADMIN_CONTENT_SECURITY_POLICY) allows inline scripts
and styles, which Wagtail 8 needs, and nothing else beyond the site's own files: no 'unsafe-eval', no
other origins. The sign-in page gets the public site's strictness, and a preview keeps the page's own
policy while the editor frames it. Each step below is something editors and intake staff do; every
Content-Security-Policy and Permissions-Policy complaint the browser raises, in any frame, fails it.
"""

import re

import pytest
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import Page

from tests.e2e.conftest import E2E, close_context, open_context

pytestmark = [*E2E, pytest.mark.usefixtures("demo_site")]

# Records each refusal the browser reports to the page (any frame, any document).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${location.pathname}: ${event.violatedDirective} refused ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`
  );
}, true);
"""
POLICY_MESSAGES = re.compile(r"Content Security Policy|Content-Security-Policy|Permissions-Policy|Refused to")


class Watched:
    """A page whose every policy complaint (events in any frame, console messages) is kept."""

    def __init__(self, browser, base_url):
        self.context = open_context(browser, viewport={"width": 1400, "height": 1000})
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.complaints = []
        self.page.on("console", self.console)

    def console(self, message):
        if POLICY_MESSAGES.search(message.text):
            self.complaints.append(f"console: {message.text}")

    def open(self, path):
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")

    def refusals(self):
        found = list(self.complaints)
        for frame in self.page.frames:
            try:
                found += frame.evaluate("window.__cspViolations || []")
            except Exception:  # noqa: S112 - a frame that went away while we asked has nothing to say
                continue
        return found


@pytest.fixture
def watched(browser, live_server):
    watched = Watched(browser, live_server.url)
    yield watched
    close_context(watched.context)


def page_id(url_path):
    return Page.objects.get(url_path=url_path).pk


def sign_in(watched):
    watched.open("/admin/login/")
    watched.page.get_by_label("Username").fill("admin")
    watched.page.get_by_label("Password").fill("changeme")
    watched.page.get_by_role("button", name="Sign in").click()
    expect(watched.page).to_have_url(watched.base_url + "/admin/")


def test_the_sign_in_page_works_under_the_strict_policy(watched):
    watched.open("/admin/login/")
    watched.page.get_by_label("Username").fill("admin")
    watched.page.get_by_label("Password").fill("not the password")
    watched.page.get_by_role("button", name="Sign in").click()
    expect(watched.page.get_by_text("Your username and password didn't match")).to_be_visible()
    watched.open("/admin/password_reset/")
    expect(watched.page.get_by_role("button", name="Reset password")).to_be_visible()
    assert watched.refusals() == []


def test_editing_previewing_and_choosing_need_nothing_the_admin_policy_refuses(watched):
    page = watched.page
    sign_in(watched)
    treatment = page_id("/home/treatments/ketamine-therapy/")
    watched.open(f"/admin/pages/{page_id('/home/')}/")  # the explorer
    expect(page.get_by_role("link", name="Treatments", exact=True).first).to_be_visible()

    # The page editor: StreamField, Draftail, choosers.
    watched.open(f"/admin/pages/{treatment}/edit/")
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    editor.click()
    page.keyboard.type("Edited. ")
    page.locator("button[title='Insert a block']").first.click()
    expect(page.locator(".w-combobox__option").first).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_role("button", name=re.compile("Choose an image|Choose another image")).first.click()
    expect(page.get_by_role("dialog").get_by_text("Calm water at first light")).to_be_visible()
    page.locator("[role=dialog] button.close").click()
    expect(page.get_by_role("dialog")).to_be_hidden()

    # The preview panel frames the page, which keeps the site's own policy; its checks run in it.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Ketamine therapy")
    page.get_by_role("button", name="Toggle checks").click()
    expect(page.get_by_text("Issues found")).to_be_visible()
    expect(page.locator("[data-side-panel='checks']").get_by_text("Reading time")).to_be_visible()

    # A form page's fields (InlinePanel), the schedule's date picker.
    watched.open(f"/admin/pages/{page_id('/home/request-a-call-back/')}/edit/")
    page.get_by_role("button", name="Add form field").first.click()
    watched.open(f"/admin/pages/{page_id('/home/about/')}/edit/")
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    page.locator("input[name='go_live_at']").first.click()
    expect(page.locator(".xdsoft_datetimepicker").first).to_be_visible()
    page.keyboard.press("Escape")

    # The image library's focal-point editor, the intake inbox, a listing with date filters.
    watched.open(f"/admin/images/{get_image_model().objects.get(title='Calm water at first light').pk}/")
    expect(page.locator(".jcrop-holder, .focal-point-chooser").first).to_be_visible()
    watched.open("/admin/intake/")
    expect(page.get_by_role("heading", name=re.compile("Intake"))).to_be_visible()
    watched.open("/admin/reports/site-history/")

    # The live site for a signed-in editor: the userbar and its checks, under the public policy.
    watched.open("/treatments/ketamine-therapy/")
    page.locator("wagtail-userbar").get_by_role("button").first.click()
    expect(page.locator("wagtail-userbar").get_by_role("menuitem").first).to_be_visible()

    assert watched.refusals() == []
