"""A database made by the previous main migrates forward with every page, revision, submission and setting intact.

The previous main (the commit before issue 9's restructuring) builds the demo clinic
in a fresh database, an editor saves a draft of an article, and snapshot.py records
what the database holds. Then this checkout migrates the same database and records it
again: the two must agree, bar what the migrations move on purpose (an article's key
takeaways into its body, the home page's two sections into Featured pages blocks).

Each step runs in its own process with the same Python, the previous main's code from
`git archive`, so the test needs the git history (a full clone, as CI has).
"""

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
import pytest
from psycopg2 import sql

from clinicsite.settings.base import DEV_ONLY_SUBMISSION_ENCRYPTION_KEY

PREVIOUS_MAIN = "fa1fc03509750285fd8ae983d284587579a1000c"  # "Tidy: one pagination helper, …"
ROOT = Path(__file__).resolve().parents[2]  # the checkout under test
SNAPSHOT = Path(__file__).with_name("snapshot.py")

# On the previous main's code: what an editor does before the upgrade, so revisions beyond the first are moved too.
EDIT_A_DRAFT = """
from django.contrib.auth import get_user_model
from blog.models import BlogPage

article = BlogPage.objects.order_by("path").first()
article.key_takeaways = [("point", "A point only the draft has."), ("point", "And a second one.")]
article.save_revision(user=get_user_model().objects.get(username="editor"))
"""

# What the migrations change on purpose, by page type; every other field must come through unchanged.
MOVED = {
    "blog.blogpage": {"key_takeaways", "body"},
    "home.homepage": {"body"},
    "treatments.treatmentpage": {"fda_approved_for"},
}

pytestmark = pytest.mark.slow


def git(*args, check=True):
    return subprocess.run([shutil.which("git") or "git", "-C", ROOT, *args], check=check, capture_output=True)  # noqa: S603


def previous_main(tmp_path):
    """The previous main's files, from git, in tmp_path/old."""
    if shutil.which("git") is None or git("cat-file", "-e", f"{PREVIOUS_MAIN}^{{commit}}", check=False).returncode:
        reason = f"the previous main, commit {PREVIOUS_MAIN}, is not in the git history of {ROOT} (a full clone has it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    archive = git("archive", PREVIOUS_MAIN).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tmp_path / "old", filter="data")
    return tmp_path / "old"


@pytest.fixture
def database_url(tmp_path):
    """A fresh database: a SQLite file, or beside the run's PostgreSQL database one named …_previous_main."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'previous_main.sqlite3'}"
        return
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_previous_main"

    def execute(statement):
        connection = psycopg2.connect(parts._replace(path="/postgres").geturl())
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql.SQL(statement).format(sql.Identifier(name)))
        finally:
            connection.close()

    execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    execute("CREATE DATABASE {}")
    yield parts._replace(path=f"/{name}").geturl()
    execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def run(code, env, *args):
    result = subprocess.run([sys.executable, *args], cwd=code, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, f"{args} in {code} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"


def snapshot(code, env, out, *urls):
    run(code, env, SNAPSHOT, out, *urls)
    return json.loads(Path(out).read_text())


def assert_kept(old, new, what, moved=()):
    """Every field the old row had is still there, unchanged, except those in `moved`."""
    changed = {
        name: (was, new.get(name, "(gone)")) for name, was in old.items() if name not in moved and new.get(name) != was
    }
    assert not changed, f"{what} changed (field: (before, after)): {changed}"


def assert_rows_kept(old, new, what, moved=()):
    assert [row["id"] for row in new] == [row["id"] for row in old], f"{what}: rows differ"
    for was, now in zip(old, new, strict=True):
        assert_kept(was, now, f"{what} {was['id']}", moved=moved)


def assert_address_moved(settings, locations):
    """The clinic settings' address and opening hours became the first location (home 0014)."""
    for was in settings:
        if not was["address"].strip():
            continue
        assert locations, "the clinic's address went nowhere: no location"
        first = locations[0]
        where = " ".join(first[name] for name in ("name", "street_address", "locality", "region", "postal_code"))
        missing = [word for word in re.findall(r"[\w'.-]+", was["address"]) if word.strip(".,") not in where]
        assert not missing, f"the first location lacks {missing} of the address {was['address']!r}"
        if was["opening_hours"].strip():
            assert first["opening_hours"] or was["opening_hours"].strip() in first["hours_note"], "the hours were lost"


def assert_takeaways_moved(takeaways, old_body, new_body, what):
    """The old key_takeaways points lead the body as a Key takeaways block; the rest of the body is as it was."""
    points = [block["value"] for block in takeaways]
    if points:
        first, *new_body = new_body or [{"type": "(nothing)"}]
        assert first["type"] == "key_takeaways", f"{what}: the body starts with {first['type']}, not Key takeaways"
        kept = [point["value"] if isinstance(point, dict) else point for point in first["value"]["points"]]
        assert kept == points, f"{what}: key takeaways {points} became {kept}"
    assert new_body == old_body, f"{what}: the rest of the body changed"


def assert_review_task_replaced(old, new):
    """home/0008: the Medical review workflow's step is a Medical review task now, with the same name and groups;
    every other workflow is as it was."""
    assert [workflow["name"] for workflow in new] == [workflow["name"] for workflow in old]
    for was, now in zip(old, new, strict=True):
        if was["name"] != "Medical review":
            assert now == was, was["name"]
            continue
        assert {key: now[key] for key in now if key != "tasks"} == {key: was[key] for key in was if key != "tasks"}
        (task_was,), (task_now,) = was["tasks"], now["tasks"]
        assert (task_now["name"], task_now["active"], task_now["groups"]) == (
            task_was["name"],
            task_was["active"],
            task_was["groups"],
        )
        assert task_now["id"] != task_was["id"] and task_now["sole_reviewer_may_approve_own_edits"] == "False"


def assert_sections_added(old_body, new_body, sections, what):
    """The home body is [Treatments we offer, <the old blocks>, Latest articles]."""
    types = [block["type"] for block in new_body]
    assert types[:1] == types[-1:] == ["featured_pages"], f"{what}: the body's blocks are {types}"
    assert new_body[1:-1] == old_body, f"{what}: the blocks between the two Featured pages blocks changed"
    treatments, articles = new_body[0]["value"], new_body[-1]["value"]
    assert (treatments["heading"], treatments["show"], treatments["section"]) == (
        "Treatments we offer",
        "section",
        sections["treatments.treatmentindexpage"],
    ), what
    assert (articles["heading"], articles["show"], articles["section"], articles["limit"], articles["tinted"]) == (
        "Latest articles",
        "section",
        sections["blog.blogindexpage"],
        3,
        True,
    ), what


def assert_fda_status_given(old, new, what):
    """The "FDA-approved for" text is now the text under an FDA status, with the status it claimed: approved."""
    text = old.get("fda_approved_for", "")
    assert new.get("fda_indication") == text, f"{what}: the FDA text changed"
    assert new.get("fda_status") == ("approved" if text else ""), f"{what}: FDA status {new.get('fda_status')!r}"


def test_a_database_made_by_the_previous_main_migrates_forward_intact(tmp_path, database_url):
    old_code = previous_main(tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinicsite.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "ALLOWED_HOSTS": "localhost",
        "LOG_LEVEL": "WARNING",
    }
    for name in ("SUBMISSION_ENCRYPTION_KEYS", "REDIS_URL", "PYTHONPATH"):  # the old code: its dev settings' key
        env.pop(name, None)
    for command in ("migrate", "load_demo_site", "ensure_demo_users"):
        run(old_code, env, "manage.py", command)
    run(old_code, env, "manage.py", "shell", "-c", EDIT_A_DRAFT)
    old = snapshot(old_code, env, tmp_path / "old.json")

    new_env = {**env, "SUBMISSION_ENCRYPTION_KEYS": DEV_ONLY_SUBMISSION_ENCRYPTION_KEY}
    run(ROOT, new_env, "manage.py", "migrate", "--noinput")
    pages = old["pages"]
    to_visit = {
        kind: next(page["url"] for page in pages.values() if page["type"] == kind)
        for kind in ("blog.blogpage", "treatments.treatmentpage")
    }
    new = snapshot(ROOT, new_env, tmp_path / "new.json", "/", *to_visit.values())

    # What the previous main made, so the comparisons below compare something.
    kinds = [page["type"] for page in pages.values()]
    assert (
        kinds.count("home.homepage") == 1 and kinds.count("blog.blogpage") > 1 and "treatments.treatmentpage" in kinds
    )
    assert max(page["revisions"] for page in pages.values() if page["type"] == "blog.blogpage") == 2  # the draft
    assert len(old["submissions"]) == 3 and all(submission["form_data"] for submission in old["submissions"])

    assert new["pages"].keys() == pages.keys()
    home = next(pk for pk, page in pages.items() if page["type"] == "home.homepage")
    indexes = ("treatments.treatmentindexpage", "blog.blogindexpage")
    sections = {page["type"]: int(pk) for pk, page in pages.items() if page["type"] in indexes}  # one site: one each
    for pk, was in pages.items():
        now, what = new["pages"][pk], f"page {pk} “{was['fields']['title']}” ({was['type']})"
        assert (now["type"], now["url"], now["revisions"]) == (was["type"], was["url"], was["revisions"]), what
        if was["type"] == "blog.blogpage":
            assert_takeaways_moved(was["fields"]["key_takeaways"], was["fields"]["body"], now["fields"]["body"], what)
        elif was["type"] == "home.homepage":
            assert_sections_added(was["fields"]["body"], now["fields"]["body"], sections, what)
        elif was["type"] == "treatments.treatmentpage":
            assert_fda_status_given(was["fields"], now["fields"], what)
        assert_kept(was["fields"], now["fields"], what, moved=MOVED.get(was["type"], ()))

    assert new["revisions"].keys() == old["revisions"].keys()
    for pk, was in old["revisions"].items():
        now, kind = new["revisions"][pk], pages[was["object_id"]]["type"]
        what = f"revision {pk} of page {was['object_id']} ({kind})"
        assert_kept(was, now, what, moved={"content"})
        before, after = was["content"], now["content"]
        if kind == "blog.blogpage":
            assert "key_takeaways" not in after, what
            assert_takeaways_moved(
                json.loads(before["key_takeaways"]), json.loads(before["body"]), json.loads(after["body"]), what
            )
            assert_kept(before, after, what, moved=MOVED[kind])
        elif kind == "home.homepage" and pk == pages[home]["fields"]["latest_revision"]:
            assert_sections_added(json.loads(before["body"]), json.loads(after["body"]), sections, what)
            assert_kept(before, after, what, moved=MOVED[kind])
        elif kind == "treatments.treatmentpage":
            assert_fda_status_given(before, after, what)
            assert_kept(before, after, what, moved=MOVED[kind])
        else:
            assert_kept(before, after, what)

    for table in ("clinicians", "submissions", "users", "images", "group_page_permissions"):
        assert_rows_kept(old[table], new[table], table)
    # Groups keep every permission they had; migrations may give them more (home 0016: Editors' locations).
    assert_rows_kept(old["groups"], new["groups"], "groups", moved={"permissions"})
    for was, now in zip(old["groups"], new["groups"], strict=True):
        assert set(was["permissions"]) <= set(now["permissions"]), f"group {was['name']} lost permissions"
    assert_rows_kept(old["settings"], new["settings"], "settings", moved={"address", "opening_hours"})
    assert_address_moved(old["settings"], new["locations"])
    for table in ("workflow_pages", "workflow_content_types"):
        assert new[table] == old[table], table
    assert_review_task_replaced(old["workflows"], new["workflows"])
    assert new["responses"] == {"/": 200, **dict.fromkeys(to_visit.values(), 200)}
