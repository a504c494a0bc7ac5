"""Two app processes sharing PostgreSQL and Redis serve one site (docs/deployment.md, "More than one machine").

Runs only on PostgreSQL (CI runs the suite there too). The test database's server gets a scratch
database of its own for this module, made and dropped here (a copy of the migrated pytest database
when it can be copied, so `migrate` has little left to do; never that database itself); a
redis-server of its own on a free loopback port (`--save ''`); the demo clinic (`migrate` and
`load_demo_site` in one process with the development settings, where the demo app exists, as
audit/server.py and bench/pages.py load it); and two gunicorns, A and B, one worker each, with the
production settings. Then:

- a change published by one process is what the other serves at once, although it had the old
  page in the page cache (Redis): a title changed from a third process (`manage.py shell`), and a
  page unpublished through A's admin;
- a session made by signing in on A is valid on B (sessions are in the database);
- the form rate limit (forms/spam.py, counted in Redis) counts requests sent alternately to A and
  B, and refuses the first one over FORMS_RATE_LIMIT;
- the sign-in lockout (django-axes, in the database) counts 3 failures on A and 2 on B, and then
  refuses the right password on both.

Every process started here is stopped by its own id (its own process group) at the end.
"""

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2
import pytest
import requests
from cryptography.fernet import Fernet
from django.db import connection
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
PASSWORD = "two-processes-Password-1"
RATE_LIMIT = 3
PAGE = "/about/"
FORM = "/request-a-call-back/"
# The production settings' cookie names (clinicsite/settings/production.py). They are Secure, so
# over plain HTTP to 127.0.0.1 they are sent by hand.
SESSION_COOKIE = "__Host-sessionid"
CSRF_COOKIE = "__Host-csrftoken"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two app processes share PostgreSQL and Redis: runs when the tests run on PostgreSQL (DATABASE_URL)",
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(command, log, env=None):
    """A process in its own process group (gunicorn's worker goes with its master), output to `log`."""
    with open(log, "w") as out:
        return subprocess.Popen(  # noqa: S603 - our own command lines
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process):
    """Stop a process started here, by its id (and its group's)."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def server_connection(params, dbname="postgres"):
    """A connection to the test database's server: to its maintenance database, or to `dbname`."""
    conn = psycopg2.connect(
        host=params.get("HOST") or "127.0.0.1",
        port=params.get("PORT") or 5432,
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
        dbname=dbname,
    )
    conn.autocommit = True
    return conn


def create_scratch_database(admin, params, name):
    """A new database `name`: a copy of the migrated pytest database when it can be copied as migrated
    (nobody connected to it, its data-migration rows intact), which saves most of `migrate`; else empty."""
    with admin.cursor() as cursor:
        try:
            template = sql.Identifier(params["NAME"])
            cursor.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), template))
        except psycopg2.Error:  # in use: an empty one, migrated in full below
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return
    copy = server_connection(params, name)
    with copy.cursor() as cursor:
        # A test with transactional_db empties every table, the root page included: then start afresh.
        cursor.execute("SELECT count(*) FROM wagtailcore_page")
        intact = cursor.fetchone()[0] > 0
    copy.close()
    if not intact:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_url(params, name):
    user = params.get("USER") or ""
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    at = "@" if user else ""
    return f"postgres://{user}{password}{at}{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}/{name}"


def manage(env, *args, settings="clinicsite.settings.production"):
    """Run a manage.py command against the scratch site; its output."""
    result = subprocess.run(  # noqa: S603 - our own command line
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}"
    return result.stdout


def wait_until_serving(url, process, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{url}: the server exited during start-up:\n{Path(log).read_text()[-3000:]}")
        with contextlib.suppress(requests.ConnectionError, requests.Timeout):
            if requests.get(url, timeout=5).status_code == 200:
                return
        time.sleep(0.2)
    pytest.fail(f"{url} did not answer within {timeout} s")


@pytest.fixture(scope="module")
def sites(django_db_setup, django_db_blocker):
    """(A, B): the base URLs of two gunicorns serving one demo site from one database and one Redis."""
    params = connection.settings_dict
    name = f"clinicsite_two_processes_{secrets.token_hex(4)}"
    folder = Path(tempfile.mkdtemp(prefix="clinicsite-two-processes-"))
    processes = []
    with django_db_blocker.unblock():
        admin = server_connection(params)
        connection.close()  # so the test database can be copied
    try:
        create_scratch_database(admin, params, name)
        redis_port = free_port()
        redis_command = ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""]
        redis = start([*redis_command, "--appendonly", "no", "--dir", str(folder)], folder / "redis.log")
        processes.append(redis)
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_", "REDIS_", "EMAIL_", "AWS_", "FORMS_"))
            and key not in {"DATABASE_URL", "SERVE_MEDIA", "MEDIA_ROOT", "STATIC_ROOT", "ALLOWED_HOSTS", "PAGE_CACHE"}
        }
        env.update(
            SECRET_KEY=secrets.token_urlsafe(50),
            SUBMISSION_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            DATABASE_URL=database_url(params, name),
            REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
            STATIC_ROOT=str(folder / "static"),
            MEDIA_ROOT=str(folder / "media"),
            SERVE_MEDIA="true",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            FORMS_RATE_LIMIT=str(RATE_LIMIT),
            FORMS_MIN_SECONDS="0",
            MFA_REQUIRED="false",  # the second factor is tested elsewhere; here only what the processes share
            LOG_LEVEL="WARNING",
        )
        # collectstatic needs no database: it runs while the database is migrated.
        collect = subprocess.Popen(  # noqa: S603 - our own command line
            [PYTHON, "manage.py", "collectstatic", "--noinput", "--skip-checks"],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "clinicsite.settings.production"},
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        processes.append(collect)
        # One process, to start Django once: migrate (all of it, or what the copy lacks: nothing), the
        # demo clinic (the development settings: the demo app exists only there), two staff accounts.
        setup = (
            "from django.core.management import call_command; "
            "from django.contrib.auth import get_user_model; "
            "call_command('migrate', interactive=False, skip_checks=True, verbosity=0); "
            "call_command('load_demo_site', skip_checks=True, verbosity=0); "
            f"[get_user_model().objects.create_superuser(n, n + '@clinic.example', {PASSWORD!r}) for n in ('staff', 'locked')]"
        )
        manage(env, "shell", "-c", setup, settings="clinicsite.settings.dev")
        assert collect.wait(timeout=120) == 0, "collectstatic failed"
        ports = {redis_port}
        while len(ports) < 3:
            ports.add(free_port())
        servers = []
        for label, port in zip(("a", "b"), sorted(ports - {redis_port}), strict=True):  # both start at once
            log = folder / f"gunicorn-{label}.log"
            gunicorn = [GUNICORN, "clinicsite.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"]
            process = start(gunicorn, log, {**env, "DJANGO_SETTINGS_MODULE": "clinicsite.settings.production"})
            processes.append(process)
            servers.append((f"http://127.0.0.1:{port}", process, log))
        for base, process, log in servers:
            wait_until_serving(base + "/robots.txt", process, log)
        bases = [base for base, _process, _log in servers]
        yield SimpleSites(bases[0], bases[1], env)
    finally:
        for process in reversed(processes):
            stop(process)
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()
        shutil.rmtree(folder, ignore_errors=True)


class SimpleSites:
    """The two processes' base URLs, and a way to run code in a third with the same settings."""

    def __init__(self, a, b, env):
        self.a, self.b, self.env = a, b, env

    def shell(self, code):
        """Run Python in a third process with the same settings (`manage.py shell`); what it prints."""
        return manage(self.env, "shell", "-c", code)


def title(html):
    return re.search(r"<h1[^>]*>\s*(.*?)\s*</h1>", html, re.S).group(1)


def form_tokens(base, path):
    """(CSRF cookie, CSRF token, signed start time) from a form page served by `base`."""
    page = requests.get(base + path, timeout=30)
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    started = re.search(r'name="_started" value="([^"]+)"', page.text)
    return page.cookies.get(CSRF_COOKIE), token, started.group(1) if started else None


def sign_in(base, username, password):
    cookie, token, _started = form_tokens(base, "/admin/login/")
    return requests.post(
        base + "/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
        headers={"Cookie": f"{CSRF_COOKIE}={cookie}"},
        allow_redirects=False,
        timeout=30,
    )


def test_a_publish_through_one_process_is_served_by_the_other_at_once(sites):
    for base in (sites.a, sites.b):
        requests.get(base + PAGE, timeout=30)
        cached = requests.get(base + PAGE, timeout=30)
        assert cached.status_code == 200
        assert cached.headers["X-Cache"] == "hit"  # both have it in the (shared) page cache
    old_title = title(cached.text)

    new_title = "About the clinic, revised"
    page_id = sites.shell(
        "from wagtail.models import Site; "
        "page = Site.objects.get(is_default_site=True).root_page.get_children().get(slug='about').specific; "
        f"page.title = {new_title!r}; page.save_revision().publish(); print('page', page.pk)"
    )
    page_id = re.search(r"^page (\d+)$", page_id, re.MULTILINE).group(1)
    for base in (sites.b, sites.a):
        served = requests.get(base + PAGE, timeout=30)
        assert served.status_code == 200
        assert title(served.text) == new_title != old_title, base

    # Unpublished through A's admin: B answers 404 at once, not its cached copy.
    signed_in = sign_in(sites.a, "staff", PASSWORD)
    assert signed_in.status_code == 302
    session = signed_in.cookies[SESSION_COOKIE]
    unpublish = f"{sites.a}/admin/pages/{page_id}/unpublish/"
    confirm = requests.get(unpublish, headers={"Cookie": f"{SESSION_COOKIE}={session}"}, timeout=30)
    assert confirm.status_code == 200, (unpublish, confirm.text[:1000])
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm.text).group(1)
    csrf = confirm.cookies.get(CSRF_COOKIE)
    done = requests.post(
        unpublish,
        data={"csrfmiddlewaretoken": token},
        headers={"Cookie": f"{SESSION_COOKIE}={session}; {CSRF_COOKIE}={csrf}"},
        allow_redirects=False,
        timeout=30,
    )
    assert done.status_code == 302, done.text[:2000]
    assert requests.get(sites.b + PAGE, timeout=30).status_code == 404
    assert requests.get(sites.a + PAGE, timeout=30).status_code == 404


def test_a_session_made_on_one_process_is_valid_on_the_other(sites):
    signed_in = sign_in(sites.a, "staff", PASSWORD)
    assert signed_in.status_code == 302
    assert signed_in.headers["Location"] == "/admin/"
    cookie = {"Cookie": f"{SESSION_COOKIE}={signed_in.cookies[SESSION_COOKIE]}"}
    for base in (sites.b, sites.a):
        dashboard = requests.get(base + "/admin/", headers=cookie, allow_redirects=False, timeout=30)
        assert dashboard.status_code == 200, base
        assert "staff" in dashboard.text
    assert requests.get(sites.b + "/admin/", allow_redirects=False, timeout=30).status_code == 302  # no cookie: sign in


def test_the_form_rate_limit_counts_requests_to_both_processes(sites):
    cookie, token, started = form_tokens(sites.a, FORM)
    assert started, "the call-back form carries no signed start time"
    answers = []
    for number in range(RATE_LIMIT + 1):
        base = (sites.a, sites.b)[number % 2]
        data = {
            "csrfmiddlewaretoken": token,
            "_started": started,
            "_website": "",
            "your_name": f"Two processes {number}",
            "phone_number": f"(555) 010-{number:04d}",
            "best_time_to_call": "Any time during opening hours",
            "may_we_leave_a_voicemail": "No",
            "may_we_text_you": "Yes",
            "_consent": "on",
        }
        response = requests.post(
            base + FORM,
            data=data,
            headers={"Cookie": f"{CSRF_COOKIE}={cookie}"},
            allow_redirects=False,
            timeout=30,
        )
        answers.append(response.status_code)
        if number < RATE_LIMIT:
            assert response.status_code == 302, (number, response.text[:2000])
            assert response.headers["Location"].endswith("/thank-you/")
    assert answers == [302] * RATE_LIMIT + [429]


def test_the_sign_in_lockout_counts_failures_on_both_processes(sites):
    for base in (sites.a, sites.a, sites.a, sites.b):
        assert sign_in(base, "locked", "a-wrong-password").status_code == 200  # the form again, not yet locked
    assert sign_in(sites.b, "locked", "a-wrong-password").status_code == 429  # the fifth failure locks
    for base in (sites.a, sites.b):
        refused = sign_in(base, "locked", PASSWORD)
        assert refused.status_code == 429, base
        assert SESSION_COOKIE not in refused.cookies
