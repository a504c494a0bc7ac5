"""Remake the screenshots of docs/editor-guide.md: a throwaway demo site, the real admin, a real Chromium.

    make screenshots
    # or: .venv/bin/python docs/screenshots/take_editor_guide_screenshots.py [--port 8013]

What it does, in order:

1. builds the demo clinic in a temporary SQLite database with the development
   settings (migrate, load_demo_site, ensure_demo_users: as `make run` does) and
   makes the demo PTSD page overdue for review;
2. serves it with `manage.py runserver` on a free loopback port (8013 unless taken);
3. drives Debian's Chromium (/usr/bin/chromium) with Playwright through the admin
   as the demo users (password changeme): `editor` builds a treatment page and
   sends it and two changed pages to review, `reviewer` reviews them, `admin`
   shows the settings only an administrator sees;
4. crops PNGs, 1280 px wide (375 px for the phone views), and, once every one
   was taken and is under 250 KB, puts them in docs/images/editor-guide/ in
   place of the old ones; prints a reminder email as `manage.py
   remind_due_reviews` writes it;
5. stops the server, whatever happened, and deletes the database.

Your own db.sqlite3 and media/ are not touched. Dates in the pictures are the
day you run it.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "images" / "editor-guide"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PASSWORD = "changeme"  # noqa: S105 - the demo users' published password (demo/users.py)
WIDE, PHONE = 1280, 375
MAX_BYTES = 250_000

# What the screenshots show sits in a few CSS rules, applied only while a picture is taken.
HIDE_STICKY_FOOTER = "footer.footer { visibility: hidden !important; }"
MARKED = "[data-screenshot-mark] {{ outline: 3px solid #d9480f !important; outline-offset: {}px !important; }}"

NEW_PAGE = {
    "title": "Deep TMS for OCD",
    "summary": (
        "Deep TMS sends gentle magnetic pulses to the parts of the brain linked to obsessive-compulsive "
        "disorder (OCD). You are awake throughout, and you keep your usual treatment."
    ),
    "how_given": "Magnetic pulses through a cushioned helmet",
    "session_length": "About 20 minutes",
    "course_length": "29 sessions over 6 weeks",
    "insurance_note": "Some plans cover it when other OCD treatments have not helped. We check your plan for you.",
    "fda_wrong": "FDA-approved for adults with OCD.",
    "fda_indication": "Adults with OCD, as an add-on to their other treatment (BrainsWay Deep TMS, cleared in 2018).",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8013, help="first loopback port to try (default 8013)")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="editor-guide-") as tmp:
        tmp = Path(tmp)
        staging = tmp / "screenshots"
        staging.mkdir()
        port = free_port(args.port)
        env = site_environment(tmp, port)
        print(f"Building the demo site in {tmp} …", flush=True)
        build_demo_site(env, tmp / "setup.log")
        ids = page_ids(env)
        with serve(env, port, tmp / "server.log") as base_url:
            print(f"Serving it on {base_url}; taking screenshots …", flush=True)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                try:
                    Screenshots(browser, base_url, ids, staging).take_all()
                finally:
                    browser.close()
        print_reminder_email(env)
        count = publish(staging)
    print(f"{count} screenshots in {OUT.relative_to(ROOT)} in {time.monotonic() - started:.0f} s.")


def publish(staging):
    """Replace the guide's screenshots with the new set, once every one of them was taken and is small enough."""
    new = sorted(staging.glob("*.png"))
    too_big = {path.name: path.stat().st_size for path in new if path.stat().st_size > MAX_BYTES}
    if too_big:
        raise SystemExit(f"Screenshots over {MAX_BYTES // 1000} KB, nothing replaced: {too_big}")
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    for path in new:
        shutil.copyfile(path, OUT / path.name)
    return len(new)


# --- the throwaway site -------------------------------------------------------------------------------


def free_port(first):
    """The first port from `first` on that nothing listens on at 127.0.0.1 (8000 is left to `make run`)."""
    for port in range(first, first + 20):
        if port == 8000:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SystemExit(f"No free port in {first}–{first + 19} on 127.0.0.1.")


def site_environment(tmp, port):
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="clinicsite.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp / 'screenshots.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args, log=None):
    """Run a manage.py command; its output goes to `log` (or is returned)."""
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if log is not None:
        with log.open("a") as file:
            file.write(f"$ {' '.join(args)}\n{result.stdout}{result.stderr}\n")
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return result.stdout


# Run in the throwaway database only: the PTSD page's review passed its date a month ago.
MAKE_PTSD_OVERDUE = """
from django.utils import timezone
from home.models.medical_review import add_months
from treatments.models import ConditionPage
today = timezone.localdate()
ConditionPage.objects.filter(slug="ptsd").update(
    last_reviewed=add_months(today, -13), next_review_due=add_months(today, -1)
)
"""

PAGE_IDS = """
import json
from wagtail.models import Page
print(json.dumps({page.url_path: page.pk for page in Page.objects.all()}))
"""


def build_demo_site(env, log):
    manage(env, "migrate", "--noinput", log=log)
    manage(env, "load_demo_site", log=log)
    manage(env, "ensure_demo_users", log=log)
    manage(env, "shell", "-c", MAKE_PTSD_OVERDUE, log=log)


def page_ids(env):
    """{url path: page id}, e.g. "/home/treatments/": 14."""
    return json.loads(manage(env, "shell", "-c", PAGE_IDS).strip().splitlines()[-1])


class serve:
    """`manage.py runserver` on 127.0.0.1:`port` while the block runs; stopped by its pid, even on failure."""

    def __init__(self, env, port, log):
        self.env, self.port, self.log = env, port, log

    def __enter__(self):
        self.log_file = self.log.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise SystemExit(f"The server stopped at once:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base_url}/admin/login/", timeout=2):  # noqa: S310 - our own loopback
                    return base_url
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.stop()
        raise SystemExit("The server did not answer within 60 seconds.")

    def __exit__(self, exc_type, exc, traceback):
        self.stop()
        if exc_type is not None:
            print(f"The server's last words:\n{self.log.read_text()[-4000:]}", file=sys.stderr)
        return False

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()


def print_reminder_email(env):
    output = manage(env, "remind_due_reviews")
    first = output.split("-" * 79)[0]
    print("\nThe first reminder email, as remind_due_reviews sent it:\n")
    print(first.strip())
    print()


# --- the browser --------------------------------------------------------------------------------------


class Screenshots:
    def __init__(self, browser, base_url, ids, out):
        self.browser, self.base_url, self.ids, self.out = browser, base_url, ids, out
        self.pages = {}

    def take_all(self):
        self.build_a_treatment_page()
        self.send_changes_to_review()
        self.review()
        self.after_approval()
        self.four_eyes()
        self.administrator_settings()
        self.review_report()
        self.public_pages()

    # People and places.

    def url(self, path):
        return f"{self.base_url}{path}"

    def admin_page_id(self, url_path):
        return self.ids[url_path]

    def as_user(self, username, height=1000):
        """A signed-in browser tab for `username`, 1280 px wide (one per user, kept)."""
        if username not in self.pages:
            context = self.browser.new_context(viewport={"width": WIDE, "height": height}, device_scale_factor=1)
            context.set_default_timeout(15_000)
            page = context.new_page()
            page.goto(self.url("/admin/login/"))
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(self.url("/admin/"))
            self.pages[username] = page
        return self.pages[username]

    def visitor(self, width):
        context = self.browser.new_context(viewport={"width": width, "height": 1200}, device_scale_factor=1)
        return context.new_page()

    # Pictures.

    def shot(self, page, name, *targets, pad=12, style="", offset=90, scroll=True, mark=None, mark_inside=False):
        """Save `name`.png: the region around `targets` (locators), or the whole window if none.

        The first target is scrolled to `offset` px below the top of the window (clear of the admin's
        sticky header) unless `scroll` is false; all targets must then fit in the window. `mark` (a
        locator) is outlined in orange, around it or, with `mark_inside`, just inside its edge (for menu
        items, whose menu would hide an outline around them): what to click.
        """
        if mark is not None:
            mark.evaluate("(element) => { element.dataset.screenshotMark = ''; }")
            try:
                marked = MARKED.format(-4 if mark_inside else 3)
                return self.shot(page, name, *targets, pad=pad, style=style + marked, offset=offset, scroll=scroll)
            finally:
                mark.evaluate("(element) => { delete element.dataset.screenshotMark; }")
        path = self.out / f"{name}.png"
        if not targets:
            page.screenshot(path=path, animations="disabled", style=style)
            print(f"  {path.name}")
            return
        if scroll:
            self.scroll_to(targets[0], offset)
        page.wait_for_timeout(150)
        boxes = [target.bounding_box() for target in targets]
        if any(box is None for box in boxes):
            raise RuntimeError(f"{name}: a target is not visible")
        viewport = page.viewport_size
        left = max(0, min(box["x"] for box in boxes) - pad)
        top = max(0, min(box["y"] for box in boxes) - pad)
        right = min(viewport["width"], max(box["x"] + box["width"] for box in boxes) + pad)
        bottom = max(box["y"] + box["height"] for box in boxes)
        if bottom > viewport["height"]:
            raise RuntimeError(f"{name}: {bottom - top:.0f} px tall from {top:.0f}, more than the window shows")
        bottom = min(viewport["height"], bottom + pad)
        clip = {"x": left, "y": top, "width": right - left, "height": bottom - top}
        page.screenshot(path=path, clip=clip, animations="disabled", style=style)
        print(f"  {path.name}")

    @staticmethod
    def scroll_to(target, offset):
        target.evaluate(
            """(element, offset) => {
                element.scrollIntoView({block: 'start', behavior: 'instant'});
                let scroller = element.parentElement;
                while (scroller && !(scroller.scrollHeight > scroller.clientHeight
                        && /(auto|scroll)/.test(getComputedStyle(scroller).overflowY))) {
                    scroller = scroller.parentElement;
                }
                (scroller || window).scrollBy({top: -offset, behavior: 'instant'});
            }""",
            offset,
        )

    # Form helpers: the admin's own widgets, as a person uses them.

    @staticmethod
    def rich_text(page, field_id, *paragraphs):
        """Type paragraphs into the Draftail editor of the rich text field whose hidden input is #field_id."""
        editor = page.locator(f"[id='{field_id}'] + .Draftail-Editor__wrapper .public-DraftEditor-content")
        editor.click()
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        for index, paragraph in enumerate(paragraphs):
            if index:
                page.keyboard.press("Enter")
            page.keyboard.type(paragraph)
        # Draftail copies what was typed into the form's hidden input a moment later: wait for it.
        page.wait_for_function(
            "([id, text]) => document.getElementById(id).value.includes(text)", arg=[field_id, paragraphs[-1][:12]]
        )

    @staticmethod
    def body(page):
        return page.locator("#panel-child-content-body-section")

    def add_block(self, page, label):
        """Add a block at the end of the body with the "+" under the last block; return its index."""
        body = self.body(page)
        index = body.locator("input[name$='-type'][name^='body-']:not([name*='-value-'])").count()
        body.locator("button.c-sf-add-button").last.click()
        page.get_by_role("option", name=label, exact=True).click()
        expect(page.locator(f"input[name='body-{index}-type']")).to_have_count(1)
        return index

    @staticmethod
    def block(page, index):
        return page.locator(f"input[name='body-{index}-type'] ~ section.w-panel")

    @staticmethod
    def add_list_item(page, list_prefix):
        """Add an item at the end of the list block whose fields are named `list_prefix`-N-…"""
        count = page.locator(f"input[name='{list_prefix}-count']")
        before = int(count.input_value())
        container = count.locator("xpath=..")
        container.locator("button[data-streamfield-list-add]").last.click()
        expect(page.locator(f"input[name='{list_prefix}-{before}-type']")).to_have_count(1)
        return before

    @staticmethod
    def choose_in_modal(page, search, title):
        """In an open chooser modal, search for `search` and pick the item called `title`."""
        modal = page.locator(".modal-dialog")
        expect(modal).to_be_visible()
        modal.get_by_placeholder("Search").first.fill(search)
        modal.locator("a").filter(has_text=title).first.click()
        expect(modal).to_be_hidden()

    def save_draft(self, page):
        self.settle_autosave(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Save draft").click()

    @staticmethod
    def settle_autosave(page):
        """Let the admin's autosave (every 500 ms of quiet) finish before a button is pressed.

        Pressing Save draft while an autosave is still on its way can save a new page's inline items twice
        (seen once as an IntegrityError on the treatment's conditions).
        """
        page.wait_for_timeout(800)
        page.wait_for_function(
            "() => document.getElementById('w-autosave-indicator')?.dataset.wAutosaveStateValue !== 'saving'"
        )

    def open_action_menu(self, page):
        """Open the menu next to the editor's main button (Save draft)."""
        page.get_by_role("button", name="More actions").click()
        expect(page.locator("footer.footer .w-dropdown__content")).to_be_visible()

    def submit_to_review(self, page):
        self.settle_autosave(page)
        self.open_action_menu(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Submit to Medical review").click()

    def dashboard_row(self, page, title):
        """The row of `title` in the reviewer's "Awaiting your review" panel."""
        panel = page.locator(".w-panel").filter(has=page.get_by_role("heading", name="Awaiting your review"))
        return panel.locator("tr").filter(has_text=title)

    def dashboard_action(self, page, title, action):
        """Open the ⋯ menu of `title` on the dashboard and return its item `action` (a name or a pattern)."""
        page.goto(self.url("/admin/"))
        self.dashboard_row(page, title).get_by_role("button").last.click()
        menu = page.locator("[data-tippy-root]").filter(visible=True).last
        expect(menu).to_be_visible()
        return menu.get_by_role("button", name=action).or_(menu.get_by_role("link", name=action)).first

    # 1. The editor builds a treatment page.

    def build_a_treatment_page(self):
        print("Building a treatment page (editor) …")
        page = self.as_user("editor", height=1900)
        treatments = self.admin_page_id("/home/treatments/")
        page.goto(self.url(f"/admin/pages/{treatments}/"))
        self.shot(
            page,
            "01-treatments-add-child-page",
            page.locator("header").first,
            page.locator("table").first,
            mark=page.get_by_role("link", name="Add child page"),
        )
        page.get_by_role("link", name="Add child page").click()
        page.wait_for_url("**/add/treatments/treatmentpage/**")

        page.locator("#id_title").fill(NEW_PAGE["title"])
        page.locator("#id_summary").fill(NEW_PAGE["summary"])
        page.get_by_role("button", name="Choose an image").click()
        self.choose_in_modal(page, "calm", "Calm water at first light")
        self.shot(
            page,
            "02-title-summary-hero-image",
            page.locator("#panel-child-content-title-section"),
            page.locator("#panel-child-content-hero_image-section"),
            style=HIDE_STICKY_FOOTER,
        )

        page.get_by_role("button", name="Add Condition").click()
        page.get_by_role("button", name="Choose a page (Condition page)").click()
        modal = page.locator(".modal-dialog")
        modal.get_by_role("link", name="OCD", exact=True).click()
        expect(modal).to_be_hidden()
        for field in ("how_given", "session_length", "course_length", "insurance_note"):
            page.locator(f"#id_{field}").fill(NEW_PAGE[field])
        self.shot(
            page, "03-at-a-glance", page.locator("#panel-child-content-at_a_glance-section"), style=HIDE_STICKY_FOOTER
        )

        # The FDA status: first as a new editor might write it, which the page refuses.
        page.locator("#id_fda_status").select_option("cleared")
        self.rich_text(page, "id_fda_indication", NEW_PAGE["fda_wrong"])
        self.save_draft(page)
        regulatory = page.locator("#panel-child-content-regulatory_status-section")
        expect(regulatory).to_contain_text("never FDA-approved")
        self.shot(page, "04-fda-status-refused", regulatory, style=HIDE_STICKY_FOOTER)
        self.rich_text(page, "id_fda_indication", NEW_PAGE["fda_indication"])
        self.save_draft(page)
        page.wait_for_url("**/edit/")
        self.pages["new_page_edit_url"] = page.url
        regulatory = page.locator("#panel-child-content-regulatory_status-section")
        self.shot(page, "05-fda-status", regulatory, style=HIDE_STICKY_FOOTER)

        # The body, block by block.
        self.body(page).locator("button.c-sf-add-button").last.click()
        chooser = page.locator(".w-combobox")
        expect(chooser).to_be_visible()
        self.shot(
            page,
            "06-body-insert-a-block",
            page.locator("#panel-child-content-body-section .w-panel__header").first,
            chooser,
            style=HIDE_STICKY_FOOTER,
        )
        page.keyboard.press("Escape")
        self.fill_body(page)
        self.save_draft(page)
        expect(page.locator(".messages")).to_contain_text("has been updated")
        for index, name in enumerate(BLOCK_SHOTS):
            self.shot(page, name, self.block(page, index), style=HIDE_STICKY_FOOTER)

        review_panel = page.locator("#panel-child-content-medical_review-section")
        self.shot(page, "16-medical-review-read-only", review_panel, style=HIDE_STICKY_FOOTER)

        self.settle_autosave(page)
        self.open_action_menu(page)
        submit = page.get_by_role("button", name="Submit to Medical review")
        self.shot(
            page,
            "17-submit-to-medical-review",
            page.locator("footer.footer"),
            page.locator("footer.footer .w-dropdown__content"),
            pad=48,
            scroll=False,
            mark=submit,
            mark_inside=True,
        )
        with page.expect_navigation():
            submit.click()
        self.shot(
            page,
            "18-submitted",
            page.locator(".messages"),
            page.locator("table tbody tr").filter(has_text=NEW_PAGE["title"]),
            pad=0,
        )

    def fill_body(self, page):
        i = self.add_block(page, "Key takeaways")
        points = [
            "Deep TMS is FDA-cleared as an add-on treatment for OCD in adults.",
            "Each session takes about 20 minutes, and you are awake throughout.",
            "Most people have 29 sessions over six weeks.",
            "You can drive and go back to work straight after a session.",
        ]
        for n, point in enumerate(points):
            if n:
                self.add_list_item(page, f"body-{i}-value-points")
            page.locator(f"#body-{i}-value-points-{n}-value").fill(point)

        i = self.add_block(page, "Section")
        page.locator(f"#body-{i}-value-heading").fill("How Deep TMS works")
        self.rich_text(
            page,
            f"body-{i}-value-text",
            "A cushioned helmet holds a magnetic coil against your head. It sends short pulses to the areas "
            "at the front of the brain that are overactive in OCD.",
            "Before each session, a clinician helps you think about your usual worries for a few minutes, so "
            "the pulses reach those circuits while they are active.",
        )

        i = self.add_block(page, "Benefits")
        page.locator(f"#body-{i}-value-heading").fill("Possible benefits")
        benefits = [
            ("No anesthesia, no new medicine", "You are awake and alert, and you can drive home."),
            ("Works alongside your current care", "You keep your therapy and medicines."),
        ]
        for n, (title, detail) in enumerate(benefits):
            if n:
                self.add_list_item(page, f"body-{i}-value-items")
            page.locator(f"#body-{i}-value-items-{n}-value-title").fill(title)
            page.locator(f"#body-{i}-value-items-{n}-value-detail").fill(detail)

        i = self.add_block(page, "Risks and side effects")
        self.rich_text(page, f"body-{i}-value-intro", "Most side effects are mild and ease after the first week.")
        risks = [
            ("Headache", "A mild headache after a session is common. It usually passes within hours."),
            ("Scalp discomfort", "You may feel tapping or discomfort under the helmet during the pulses."),
            ("Seizure (rare)", "A seizure is very rare. We check for risks before you start."),
        ]
        for n, (name, description) in enumerate(risks):
            if n:
                self.add_list_item(page, f"body-{i}-value-items")
            page.locator(f"#body-{i}-value-items-{n}-value-name").fill(name)
            page.locator(f"#body-{i}-value-items-{n}-value-description").fill(description)
        self.rich_text(
            page,
            f"body-{i}-value-get_help",
            "Tell the technician at once if you feel unwell during a session. Call us if a headache does not ease.",
        )

        i = self.add_block(page, "Steps")
        page.locator(f"#body-{i}-value-heading").fill("What happens at a session")
        steps = [
            ("Check-in", "We ask how your week has been and check for changes in your health."),
            ("Bringing on symptoms", "A clinician helps you think about your usual worries for a few minutes."),
            ("The pulses", "You sit with the helmet on for about 20 minutes. Earplugs soften the clicking."),
            ("Going home", "You can drive, work and go about your day straight away."),
        ]
        for n, (title, text) in enumerate(steps):
            if n:
                self.add_list_item(page, f"body-{i}-value-steps")
            page.locator(f"#body-{i}-value-steps-{n}-value-title").fill(title)
            self.rich_text(page, f"body-{i}-value-steps-{n}-value-text", text)

        i = self.add_block(page, "Frequently asked questions")
        questions = [
            (
                "Does Deep TMS hurt?",
                "Most people feel tapping on the scalp. It can be uncomfortable at first and usually gets easier.",
            ),
            (
                "Do I stop my medicines?",
                "No. Deep TMS is an add-on: keep taking your medicines unless your psychiatrist says otherwise.",
            ),
        ]
        for n, (question, answer) in enumerate(questions):
            if n:
                self.add_list_item(page, f"body-{i}-value-questions")
            page.locator(f"#body-{i}-value-questions-{n}-value-question").fill(question)
            self.rich_text(page, f"body-{i}-value-questions-{n}-value-answer", answer)

        i = self.add_block(page, "Callout")
        page.locator(f"#body-{i}-value-kind").select_option("caution")
        page.locator(f"#body-{i}-value-title").fill("Metal in or near your head")
        self.rich_text(
            page,
            f"body-{i}-value-text",
            "Tell us about any implant, clip or metal fragment in your head. Some people cannot have TMS for this "
            "reason.",
        )

        i = self.add_block(page, "References")
        reference = {
            "authors": "Carmi L, Tendler A, Bystritsky A, et al.",
            "title": "Efficacy and safety of deep transcranial magnetic stimulation for obsessive-compulsive "
            "disorder: a prospective multicenter randomized double-blind placebo-controlled trial",
            "source": "American Journal of Psychiatry",
            "year": "2019",
            "doi": "10.1176/appi.ajp.2019.18101180",
        }
        for field, value in reference.items():
            page.locator(f"#body-{i}-value-items-0-value-{field}").fill(value)

        i = self.add_block(page, "Call to action")
        page.locator(f"#body-{i}-value-heading").fill("Is Deep TMS right for you?")
        page.locator(f"#body-{i}-value-text").fill("Our intake team will call you back within one working day.")
        page.locator(f"#body-{i}-value-button_label").fill("Request a call-back")
        self.block(page, i).get_by_role("button", name="Choose a page").click()
        self.choose_in_modal(page, "call-back", "Request a call-back")

    # 2. Changed pages go to review too.

    def send_changes_to_review(self):
        print("Sending two changed pages to review (editor) …")
        page = self.as_user("editor")
        # Spravato: a change the reviewer will send back.
        page.goto(self.url(f"/admin/pages/{self.admin_page_id('/home/treatments/spravato-esketamine/')}/edit/"))
        page.locator("#id_session_length").fill("A few minutes for the spray, then about an hour of rest")
        self.submit_to_review(page)
        # NeuroStar TMS: a change the reviewer will edit herself.
        page.goto(self.url(f"/admin/pages/{self.admin_page_id('/home/treatments/neurostar-tms/')}/edit/"))
        page.locator("#id_session_length").fill("About 20 minutes, five days a week")
        self.submit_to_review(page)

    # 3. and 4. The reviewer.

    def review(self):
        print("Reviewing (reviewer) …")
        page = self.as_user("reviewer", height=900)
        page.goto(self.url("/admin/"))
        main = page.locator("main")
        self.shot(
            page,
            "19-reviewer-dashboard",
            main.get_by_role("heading", name="Medical reviews due"),
            self.dashboard_row(page, NEW_PAGE["title"]),
            pad=16,
        )
        row = self.dashboard_row(page, "Spravato")
        row.get_by_role("button").last.click()
        menu = page.locator("[data-tippy-root]").filter(visible=True).last
        expect(menu).to_be_visible()
        self.shot(page, "20-awaiting-review-menu", row, menu, pad=16)
        page.keyboard.press("Escape")

        # The preview of the new page, as the site will show it.
        preview = self.dashboard_action(page, NEW_PAGE["title"], "Preview").get_attribute("href")
        page.goto(self.url(preview))
        self.shot(page, "21-preview")

        # What changed on the Spravato page.
        compare = self.dashboard_action(page, "Spravato", "Compare with live version").get_attribute("href")
        self.compare(page, compare)

        # Approve the new page: first with a date in the past, which is refused.
        self.dashboard_action(page, NEW_PAGE["title"], APPROVE).click()
        modal = page.locator(".modal-dialog")
        due = modal.get_by_label("Next review due")
        expect(due).to_be_visible()
        self.shot(page, "23-approve-modal", modal.locator(".modal-content"), pad=0)
        modal.get_by_label("Comment").fill("Checked against the BrainsWay clearance and the 2019 trial.")
        default_due = due.input_value()
        due.fill("2020-01-01")
        modal.locator("button[type='submit']").click()
        expect(modal).to_contain_text("after today")
        self.shot(page, "24-approve-date-refused", modal.locator(".modal-content"), pad=0)
        modal.get_by_label("Next review due").fill(default_due)
        modal.locator("button[type='submit']").click()
        expect(modal).to_be_hidden()
        page.wait_for_load_state()

        # Send the Spravato change back with a comment.
        self.dashboard_action(page, "Spravato", "Request changes").click()
        modal = page.locator(".modal-dialog")
        modal.get_by_label("Comment").fill(
            "Please keep “at least 2 hours” of monitoring: the Spravato REMS program requires it."
        )
        self.shot(page, "25-request-changes", modal.locator(".modal-content"), pad=0)
        modal.locator("button[type='submit']").click()
        expect(modal).to_be_hidden()
        page.wait_for_load_state()

    def compare(self, page, href):
        page.goto(self.url(href))
        viewer = page
        if "/compare/" not in page.url:
            print(
                "  NOTE: the reviewer was refused “Compare with live version” (permission denied); "
                "the picture shows the comparison as the administrator sees it."
            )
            viewer = self.as_user("admin", height=900)
            viewer.goto(self.url(href))
        changed = viewer.locator("tr, section, li").filter(has_text="Session length").last
        self.shot(viewer, "22-compare-with-live", viewer.locator("header").first, changed, pad=0)

    # After approval and after "Request changes".

    def after_approval(self):
        print("What approval records, and what the editor sees (editor) …")
        page = self.as_user("editor", height=1900)
        page.goto(self.pages["new_page_edit_url"])
        self.shot(
            page,
            "26-medical-review-recorded",
            page.locator("#panel-child-content-medical_review-section"),
            style=HIDE_STICKY_FOOTER,
        )
        page.goto(self.pages["new_page_edit_url"].replace("/edit/", "/history/"))
        started = page.locator("tr").filter(has_text="'Medical review' started").first
        expect(page.locator("tr").filter(has_text="Medical review recorded").first).to_be_visible()
        self.shot(page, "27-history-review-recorded", page.locator("header").first, started, pad=0)

        page.goto(self.url("/admin/"))
        panel = page.locator(".w-panel").filter(
            has=page.get_by_role("heading", name="Your pages and snippets in a workflow")
        )
        self.shot(page, "28-editor-changes-requested", panel, pad=8)
        spravato = self.admin_page_id("/home/treatments/spravato-esketamine/")
        page.goto(self.url(f"/admin/pages/{spravato}/edit/"))
        page.locator("[data-side-panel-toggle='status']").click()
        status = page.locator("[data-side-panel='status']")
        expect(status).to_contain_text("Changes requested")
        details = status.get_by_role("button", name="View details").or_(status.get_by_role("link", name="View details"))
        self.shot(
            page,
            "29-editor-status-panel",
            status.locator("#status-sidebar-live"),
            status.get_by_text("No publishing schedule set"),
            pad=24,
            offset=0,
            scroll=False,
            mark=details,
        )
        details.click()
        dialog = page.locator("#workflow-status-dialog .w-dialog__box")
        expect(dialog).to_contain_text("with comment")
        self.shot(page, "30-editor-sees-comment", dialog, pad=0, scroll=False)
        page.keyboard.press("Escape")

    # 5. Four eyes.

    def four_eyes(self):
        print("Four eyes (reviewer) …")
        page = self.as_user("reviewer")
        neurostar = self.admin_page_id("/home/treatments/neurostar-tms/")
        page.goto(self.url(f"/admin/pages/{neurostar}/edit/"))
        self.settle_autosave(page)
        self.open_action_menu(page)
        approve = page.get_by_role("button", name=APPROVE)
        self.shot(
            page,
            "31-reviewer-page-menu",
            page.locator("footer.footer"),
            page.locator("footer.footer .w-dropdown__content"),
            pad=48,
            scroll=False,
            mark=approve,
            mark_inside=True,
        )
        page.keyboard.press("Escape")
        page.locator("#id_session_length").fill("About 20 minutes, 5 days a week")
        self.save_draft(page)
        self.dashboard_action(page, "NeuroStar TMS", APPROVE).click()
        modal = page.locator(".modal-dialog")
        expect(modal).to_contain_text("second pair of eyes")
        self.shot(page, "32-four-eyes-refused", modal.locator(".modal-content"), pad=0)
        page.keyboard.press("Escape")

    def administrator_settings(self):
        print("What only an administrator sets (admin) …")
        page = self.as_user("admin", height=1200)
        page.goto(self.url("/admin/snippets/home/clinician/"))
        page.get_by_role("link", name="Dr. Helen Marsh").click()
        field = page.locator("[data-contentpath='user']").first
        expect(field).to_be_visible()
        self.shot(
            page,
            "33-clinician-admin-account",
            page.locator("[data-contentpath='bio']").first,
            field,
            style=HIDE_STICKY_FOOTER,
        )

        page.goto(self.url("/admin/workflows/tasks/index/"))
        page.get_by_role("link", name="Clinical review", exact=True).click()
        checkbox = page.get_by_label("Sole reviewer may approve own edits")
        expect(checkbox).to_be_visible()
        form = page.locator("main form").first
        self.shot(page, "34-sole-reviewer-setting", form, pad=8)

    # 6. The report.

    def review_report(self):
        print("The review report (reviewer) …")
        page = self.as_user("reviewer", height=900)
        page.goto(self.url("/admin/reports/medical-reviews/"))
        header = page.locator("header").first
        rows = page.locator("table tbody tr")
        self.shot(page, "35-review-report", header, rows.nth(4), pad=0)
        page.goto(self.url("/admin/reports/medical-reviews/?due=soon"))
        header.get_by_role("button").filter(has=page.locator("svg.icon-dots-horizontal")).first.click()
        menu = page.locator("[data-tippy-root]").filter(visible=True).last
        expect(menu).to_contain_text("Download CSV")
        self.shot(page, "36-review-report-due-soon", header, page.locator("main table").last, menu, pad=0)

    # 7. The public site.

    def public_pages(self):
        print("The public pages …")
        for width, suffix in ((WIDE, "desktop"), (PHONE, "phone")):
            page = self.visitor(width)
            page.goto(self.url("/treatments/deep-tms-for-ocd/"))
            review_line = page.locator(".review-line")
            expect(review_line).to_contain_text("Medically reviewed by")
            self.shot(page, f"37-reviewed-{suffix}", page.locator("main h1"), review_line, pad=16, offset=24)
            if width == WIDE:
                self.shot(page, "38-fda-status-on-the-page", page.locator(".glance"), page.locator(".regulatory"))
            page.goto(self.url("/conditions/ptsd/"))
            review_line = page.locator(".review-line")
            expect(review_line).to_contain_text("Due for review")
            self.shot(page, f"39-due-for-review-{suffix}", page.locator("main h1"), review_line, pad=16, offset=24)
            page.context.close()


# The approval's name in the dashboard's menu ("Approve", or "Approve and publish" before it was renamed).
APPROVE = re.compile(r"^Approve")

# The body's blocks in the order fill_body adds them, and the picture of each.
BLOCK_SHOTS = [
    "07-block-key-takeaways",
    "08-block-section",
    "09-block-benefits",
    "10-block-risks",
    "11-block-steps",
    "12-block-faq",
    "13-block-callout",
    "14-block-references",
    "15-block-call-to-action",
]


if __name__ == "__main__":
    main()
