"""`make bench`: 500 call-back requests from 25 concurrent clients against gunicorn on PostgreSQL.

It builds the demo site in a PostgreSQL database (BENCH_DATABASE_URL, created if
missing), serves it with gunicorn and the production settings on 127.0.0.1, and
has each client do what a browser does: load the form page (CSRF cookie, token,
signed timestamp), wait the minimum time once, then send requests one after
another. It then checks that exactly 500 new submissions were stored and that no
response was a server error, and prints the throughput and p50/p99 latency.

The per-address rate limit is turned off for the server it starts (every client
comes from 127.0.0.1); every other check runs as in production. This is a
measurement, not a test: nothing here is timed against a threshold.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
import requests
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "500"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "25"))
WORKERS = os.environ.get("BENCH_WORKERS", "4")
THREADS = os.environ.get("BENCH_THREADS", "4")
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinicsite_bench")
FORM_PATH = "/request-a-call-back/"
BENCH_ONLY_SUBMISSION_KEY = "YmVuY2gtb25seSBrZXksIG5vdCBmb3IgcmVhbCB1c2U="  # "bench-only key, not for real use"
MIN_SECONDS = 3


def free_port(start=8765):
    for port in range(start, start + 200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SystemExit("bench: no free port from 8765 on")


def ensure_database(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"bench: created database {name}")
    connection.close()


def stored_submissions(url):
    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname=parts.path.lstrip("/"),
    )
    with connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM forms_formsubmission s JOIN wagtailcore_page p ON p.id = s.page_id "
            "WHERE p.url_path LIKE %s",
            ["%" + FORM_PATH],
        )
        (count,) = cursor.fetchone()
    connection.close()
    return count


def server_environment(static_root, port):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="clinicsite.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        # The bench database is kept between runs, so its submissions need the same key every time.
        SUBMISSION_ENCRYPTION_KEYS=BENCH_ONLY_SUBMISSION_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=DATABASE_URL,
        STATIC_ROOT=static_root,
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        FORMS_RATE_LIMIT="0",
        FORMS_MIN_SECONDS=str(MIN_SECONDS),
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - our own command line


def wait_until_serving(base, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("bench: gunicorn exited during start-up")
        try:
            if requests.get(base + FORM_PATH, timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.2)
    raise SystemExit("bench: gunicorn did not answer in time")


class Client(threading.Thread):
    """One visitor's browser: loads the form once, then sends requests from a shared pool."""

    def __init__(self, number, base, pool, results, loaded, ready):
        super().__init__(daemon=True)
        self.number = number
        self.base = base
        self.pool = pool
        self.results = results
        self.loaded = loaded
        self.ready = ready

    def run(self):
        page = requests.get(self.base + FORM_PATH, timeout=30)
        csrf_cookie = page.cookies.get("csrftoken")
        csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        started = re.search(r'name="_started" value="([^"]+)"', page.text).group(1)
        # The production cookie is Secure; send it by hand over plain HTTP to 127.0.0.1.
        headers = {"Cookie": f"csrftoken={csrf_cookie}", "Referer": self.base + FORM_PATH}
        self.loaded.wait()
        self.ready.wait()
        while True:
            try:
                request_number = self.pool.pop()
            except IndexError:
                return
            data = {
                "csrfmiddlewaretoken": csrf_token,
                "_started": started,
                "_website": "",
                "your_name": f"Bench visitor {self.number}-{request_number}",
                "phone_number": f"(555) 010-{request_number % 10000:04d}",
                "best_time_to_call": "Any time during opening hours",
                "may_we_leave_a_voicemail": "No",
                "may_we_text_you": "Yes",
                "_consent": "on",
            }
            began = time.perf_counter()
            try:
                response = requests.post(
                    self.base + FORM_PATH, data=data, headers=headers, allow_redirects=False, timeout=60
                )
                status = response.status_code
                ok = status == 302 and response.headers.get("Location", "").endswith("/thank-you/")
            except requests.RequestException as error:
                status, ok = type(error).__name__, False
            self.results.append((time.perf_counter() - began, status, ok))


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def main():
    ensure_database(DATABASE_URL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    static_root = tempfile.mkdtemp(prefix="clinicsite-bench-static-")
    env = server_environment(static_root, port)
    print(f"bench: preparing {urlsplit(DATABASE_URL).path.lstrip('/')} (migrate, collectstatic, demo site)")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo_site")

    command = [GUNICORN, "clinicsite.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", WORKERS]
    command += ["--threads", THREADS, "--worker-class", "gthread", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603 - our own command line
    try:
        wait_until_serving(base, server)
        before = stored_submissions(DATABASE_URL)
        pool = list(range(SUBMISSIONS))
        results = []
        loaded = threading.Barrier(CLIENTS + 1, timeout=120)
        ready = threading.Event()
        clients = [Client(number, base, pool, results, loaded, ready) for number in range(CLIENTS)]
        for client in clients:
            client.start()
        loaded.wait()  # every client has its form page
        time.sleep(MIN_SECONDS + 1)  # a person takes longer than this to fill the form in
        began = time.perf_counter()
        ready.set()
        for client in clients:
            client.join()
        elapsed = time.perf_counter() - began
        after = stored_submissions(DATABASE_URL)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)

    latencies = [latency for latency, _status, _ok in results]
    statuses = Counter(status for _latency, status, _ok in results)
    server_errors = sum(count for status, count in statuses.items() if not isinstance(status, int) or status >= 500)
    stored = after - before
    print(f"bench: gunicorn gthread, {WORKERS} workers x {THREADS} threads, PostgreSQL, production settings")
    print(f"bench: {len(results)} submissions from {CLIENTS} concurrent clients in {elapsed:.2f} s")
    print(f"bench: throughput {len(results) / elapsed:.1f} submissions/s")
    print(
        f"bench: latency p50 {percentile(latencies, 0.50) * 1000:.0f} ms, p99 {percentile(latencies, 0.99) * 1000:.0f} ms"
    )
    print(f"bench: responses {dict(statuses)}; server errors {server_errors}")
    print(f"bench: new submissions stored {stored} (expected {SUBMISSIONS})")
    if stored != SUBMISSIONS or server_errors or not all(ok for _latency, _status, ok in results):
        print("bench: FAILED")
        return 1
    print("bench: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
