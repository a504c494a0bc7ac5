"""`manage.py dump_demo_page`: a demo page, as last saved in the admin, written back to its file under demo/content/.

So the demo can be improved in the admin: load it, edit a page, dump it, and the
diff shows exactly that change; loading the files again gives the same site.
"""

import difflib
import io
import json
import shutil

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

import demo.loader
from home.models import HomePage
from tests.factories import StandardPageFactory
from tests.home.test_settings_startup import start
from treatments.models import TreatmentPage

from .conftest import load, read

pytestmark = pytest.mark.django_db

ORIGINAL = demo.loader.CONTENT
TEST_SETTINGS = "clinicsite.settings.test"
# Load the demo from a copy of its files into a database of its own, and say what became of one page.
LOAD_FROM = """
import io, json, sys
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
import demo.loader
demo.loader.CONTENT = Path(sys.argv[1])
demo.loader.PAGES = demo.loader.CONTENT / "pages"
call_command("load_demo_site", stdout=io.StringIO())
from treatments.models import TreatmentPage
page = TreatmentPage.objects.get(slug=sys.argv[2])
headings = [block.value.get("heading") if hasattr(block.value, "get") else None for block in page.body]
print(json.dumps({"live": page.live, "summary": page.summary, "headings": headings}))
"""


def dump(page):
    output = io.StringIO()
    call_command("dump_demo_page", page, stdout=output)
    return output.getvalue()


@pytest.fixture
def content(tmp_path, monkeypatch):
    """A copy of demo/content/ that the loader reads and dump_demo_page writes, so the real files stay as they are."""
    copy = tmp_path / "content"
    shutil.copytree(ORIGINAL, copy)
    monkeypatch.setattr(demo.loader, "CONTENT", copy)
    monkeypatch.setattr(demo.loader, "PAGES", copy / "pages")
    return copy


def changed_files(copy):
    """The files under `copy` that differ, byte for byte, from demo/content/, or are in only one of them."""

    def files(root):
        return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}

    original, copied = files(ORIGINAL), files(copy)
    differing = {name for name in original & copied if (ORIGINAL / name).read_bytes() != (copy / name).read_bytes()}
    return sorted(differing | (original ^ copied))


def read_lines(path):
    return path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []


def url_of(page, home):
    return "/" + page.url_path[len(home.url_path) :]


# --- Errors ---------------------------------------------------------------------


def test_an_unknown_page_is_one_line_naming_it(demo):
    with pytest.raises(CommandError) as caught:
        dump("no-such-slug")
    assert str(caught.value) == "No page of the demo site has the slug or path “no-such-slug”."
    with pytest.raises(CommandError, match="“/no/such/path/”"):
        dump("/no/such/path/")


def test_without_a_demo_site_it_says_to_load_one(db):
    with pytest.raises(CommandError, match=r"^There is no demo site: run manage\.py load_demo_site first\.$"):
        dump("ketamine-therapy")


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """An empty, migrated SQLite database file, for commands run in a process of their own."""
    path = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
    result = start(TEST_SETTINGS, argv=["manage.py", "migrate"], DATABASE_URL=f"sqlite:///{path}")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def fresh_database(migrated_database, tmp_path):
    """The URL of a fresh copy of the migrated database."""
    path = tmp_path / "fresh.sqlite3"
    shutil.copyfile(migrated_database, path)
    return f"sqlite:///{path}"


def test_from_the_command_line_an_error_is_one_line_and_a_failure(fresh_database):
    result = start(TEST_SETTINGS, argv=["manage.py", "dump_demo_page", "no-such-slug"], DATABASE_URL=fresh_database)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "CommandError: There is no demo site: run manage.py load_demo_site first."
    ]


# --- Round trip -----------------------------------------------------------------


def dump_every_page(content):
    load()
    home = HomePage.objects.get()
    pages = list(Page.objects.descendant_of(home, inclusive=True))
    assert len(pages) == len(list((content / "pages").rglob("*.yaml")))
    for page in pages:
        assert f"to {demo.loader.page_file(page.url_path)}" in dump(url_of(page, home))


def test_dumping_every_page_of_a_fresh_demo_gives_back_the_same_data(content):
    dump_every_page(content)
    for name in changed_files(content):
        assert read(content / name) == read(ORIGINAL / name), name


def test_dumping_every_page_of_a_fresh_demo_changes_no_file(content):
    dump_every_page(content)
    differences = {
        name: "".join(difflib.unified_diff(*(read_lines(root / name) for root in (ORIGINAL, content)), n=1))
        for name in changed_files(content)
    }
    assert differences == {}


def test_a_page_that_lists_a_child_without_a_file_stops_the_load_in_one_line(content):
    (content / "pages/home/privacy.yaml").unlink()
    with pytest.raises(CommandError) as caught:
        load()
    assert str(caught.value) == (
        f"{content / 'pages/home/privacy.yaml'} is missing: write it with manage.py dump_demo_page privacy"
    )
    assert not HomePage.objects.exists()  # all or nothing


def test_dumping_a_page_names_its_children_that_have_no_file_yet(content):
    load()
    home = HomePage.objects.get()
    StandardPageFactory(parent=home, title="Fees", slug="fees")
    output = dump("/")
    assert "fees" in read(content / "pages/home.yaml")["children"]
    assert "Its page “fees” has no file yet: run manage.py dump_demo_page fees too." in output
    assert changed_files(content) == ["pages/home.yaml"]
    dump("fees")
    assert changed_files(content) == ["pages/home.yaml", "pages/home/fees.yaml"]


# --- An editor's change, through the admin, back to its file -------------------


def block_form_data(block, value, prefix):
    """What the admin's StreamField editor posts for `value` of `block` (the browser builds this in JavaScript)."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(value))}
        for i, child in enumerate(value):
            data.update({f"{prefix}-{i}-type": child.block_type, f"{prefix}-{i}-order": str(i)})
            data.update({f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-id": child.id or ""})
            data.update(block_form_data(child.block, child.value, f"{prefix}-{i}-value"))
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": str(len(value))}
        for i, child in enumerate(value.bound_blocks):
            data.update(
                {f"{prefix}-{i}-order": str(i), f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-id": child.id or ""}
            )
            data.update(block_form_data(block.child_block, child.value, f"{prefix}-{i}-value"))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data.update(block_form_data(child, value[name], f"{prefix}-{name}"))
        return data
    if isinstance(block, TypedTableBlock):
        data = {f"{prefix}-caption": value.caption, f"{prefix}-column-count": str(len(value.columns))}
        data[f"{prefix}-row-count"] = str(len(value.row_data))
        for c, column in enumerate(value.columns):
            data.update({f"{prefix}-column-{c}-type": column["block"].name, f"{prefix}-column-{c}-order": str(c)})
            data.update({f"{prefix}-column-{c}-deleted": "", f"{prefix}-column-{c}-heading": column["heading"]})
        for r, row in enumerate(value.row_data):
            data.update({f"{prefix}-row-{r}-order": str(r), f"{prefix}-row-{r}-deleted": ""})
            for c, (column, cell) in enumerate(zip(value.columns, row["values"], strict=True)):
                data.update(block_form_data(column["block"], cell, f"{prefix}-cell-{r}-{c}"))
        return data
    if isinstance(block, blocks.RichTextBlock):
        return {prefix: rich_text(value.source) if value and value.source else EMPTY_DRAFTAIL}
    if isinstance(block, blocks.PageChooserBlock | ImageChooserBlock):
        return {prefix: str(value.pk) if value else ""}
    if isinstance(block, EmbedBlock):
        return {prefix: value.url if value else ""}
    if isinstance(block, blocks.BooleanBlock):
        return {prefix: "on"} if value else {}
    if isinstance(block, blocks.DateBlock):
        return {prefix: value.isoformat() if value else ""}
    assert isinstance(block, blocks.FieldBlock), f"no form data for {type(block).__name__}"
    return {prefix: "" if value is None else str(value)}


# What Draftail, the rich text editor, posts when it holds nothing.
EMPTY_DRAFTAIL = "null"


def empty_draftail(contentstate):
    state = json.loads(contentstate) if contentstate else None
    return not state or not any(block["text"] for block in state["blocks"])


def edit_form_data(client, page):
    """The admin edit form as a browser would post it: its fields as rendered, and the body as its editor builds it."""
    form = BeautifulSoup(client.get(f"/admin/pages/{page.pk}/edit/").content, "html.parser").find(
        "form", id="page-edit-form"
    )
    data = {}
    for control in form.find_all(["input", "textarea", "select"]):
        name = control.get("name")
        if not name or "__prefix__" in name or control.find_parent("template"):
            continue  # an empty form the browser never sends
        if control.name == "textarea":
            data[name] = control.get_text().removeprefix("\n")  # as a browser reads it
        elif control.name == "select":
            selected = control.find("option", selected=True)
            data[name] = selected["value"] if selected else ""
        elif control.get("type") == "checkbox" and len(form.find_all("input", attrs={"name": name})) > 1:
            if control.has_attr("checked"):  # one of several boxes with one name: a list of choices
                data.setdefault(name, []).append(control["value"])
        elif control.get("type") in {"checkbox", "radio"}:
            if control.has_attr("checked"):
                data[name] = control.get("value", "on")
        elif control.has_attr("data-draftail-input"):
            data[name] = EMPTY_DRAFTAIL if empty_draftail(control.get("value", "")) else control["value"]
        elif control.get("type") not in {"submit", "button", "file"}:
            data[name] = control.get("value", "")
    assert "title" in data and "body-count" not in data
    if hasattr(page, "body"):
        data.update(block_form_data(page.body.stream_block, page.body, "body"))
    return data


def test_an_editors_change_in_the_admin_is_written_to_that_pages_file_only_and_loads_again(
    client, content, fresh_database
):
    load()
    call_command("ensure_demo_users", stdout=io.StringIO())
    client.login(username="editor", password="changeme")
    page = TreatmentPage.objects.get(slug="neurostar-tms")
    path = demo.loader.page_file(page.url_path)
    original = read(path)

    # Saved unchanged in the admin, the page's file holds the same content: the form data is what the admin sends.
    assert client.post(f"/admin/pages/{page.pk}/edit/", edit_form_data(client, page)).status_code == 302
    dump("neurostar-tms")
    assert read(path) == original
    saved_unchanged = path.read_text(encoding="utf-8").splitlines()

    # The editor changes the summary and a section's heading, and saves a draft.
    data = edit_form_data(client, page)
    data["summary"] = "Magnetic pulses, given in the clinic, for depression that has not lifted."
    [heading] = [key for key, value in data.items() if key.endswith("-value-heading") and value == "What TMS is"]
    data[heading] = "What TMS is, in brief"
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    assert "Wrote NeuroStar TMS to" in dump("/treatments/neurostar-tms/")

    assert changed_files(content) == [path.relative_to(content).as_posix()]
    edited = read(path)
    assert edited["summary"] == data["summary"]
    headings = [block["value"].get("heading") for block in edited["body"]]
    assert headings == [
        "What TMS is, in brief" if heading == "What TMS is" else heading
        for heading in (block["value"].get("heading") for block in original["body"])
    ]
    # In the file, exactly those two lines changed.
    now = path.read_text(encoding="utf-8").splitlines()
    assert len(now) == len(saved_unchanged)
    assert [(was, line) for was, line in zip(saved_unchanged, now, strict=True) if was != line] == [
        (f"summary: {original['summary']}", f"summary: {data['summary']}"),
        ("    heading: What TMS is", "    heading: What TMS is, in brief"),
    ]

    # The edited files, loaded into a fresh database, give the edited page.
    result = start(
        TEST_SETTINGS, "", argv=["-c", LOAD_FROM, str(content), "neurostar-tms"], DATABASE_URL=fresh_database
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["live"] and loaded["summary"] == data["summary"]
    assert loaded["headings"] == headings


@pytest.mark.slow
def test_saving_every_demo_page_unchanged_in_the_admin_changes_no_file(admin_client, content):
    load()
    home = HomePage.objects.get()
    for page in Page.objects.descendant_of(home, inclusive=True).specific():
        response = admin_client.post(f"/admin/pages/{page.pk}/edit/", edit_form_data(admin_client, page))
        assert response.status_code == 302, page.url_path
        dump(url_of(page, home))
    assert changed_files(content) == []
