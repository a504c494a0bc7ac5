"""`make bench`: form submissions against gunicorn on PostgreSQL, with the notification worker and a real mail server.

It builds the demo site in a PostgreSQL database (BENCH_DATABASE_URL, created if
missing), serves it with gunicorn and the production settings on 127.0.0.1,
runs the notification worker (`manage.py db_worker --backend notifications`)
beside it, and a mail server on loopback (bench/mail_server.py). Each client does
what a browser does: load the form page, and, as static/js/forms.js does for a copy
from the page cache, fetch its fresh tokens (CSRF cookie and token, signed timestamp);
then wait the minimum time once and send requests one after another.

1. The load run: 500 call-back requests from 25 concurrent clients (BENCH_SUBMISSIONS,
   BENCH_CLIENTS): throughput and p50/p99 latency.
2. The mail-server run, in rounds (BENCH_MAIL_ROUNDS, 3): 50 requests from 10
   clients (BENCH_MAIL_SUBMISSIONS, BENCH_MAIL_CLIENTS) with a healthy mail
   server, then 50 more with a hung one (it accepts connections and never
   answers), while one more client keeps loading the home page; then the mail
   server recovers and the round waits until every notification is sent. Each
   run starts with an empty queue. It prints the p99 of every run, the medians
   of both and their ratio (the goal: within 2x).

It checks that every request was stored and answered with the thank-you
redirect, no response was a server error, and every notification was sent in
the end. The per-address rate limit is turned off for the server it starts
(every client comes from 127.0.0.1); every other check runs as in production.
This is a measurement, not a test: nothing here is timed against a threshold.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import statistics
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
from mail_server import MailServer
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "500"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "25"))
WORKERS = os.environ.get("BENCH_WORKERS", "4")
THREADS = os.environ.get("BENCH_THREADS", "4")
MAIL_SUBMISSIONS = int(os.environ.get("BENCH_MAIL_SUBMISSIONS", "50"))
MAIL_CLIENTS = int(os.environ.get("BENCH_MAIL_CLIENTS", "10"))
MAIL_ROUNDS = int(os.environ.get("BENCH_MAIL_ROUNDS", "3"))
# The worker waits this long on the mail server, and retries after this many seconds
# (then 4x, 16x, ...): short, so the bench sees the recovery within seconds.
EMAIL_TIMEOUT = "2"
RETRY_SECONDS = "2"
HUNG_HOLD_SECONDS = 8  # the mail server stays hung this long after the hung run's last request
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinicsite_bench")
FORM_PATH = "/request-a-call-back/"
BENCH_ONLY_SUBMISSION_KEY = "YmVuY2gtb25seSBrZXksIG5vdCBmb3IgcmVhbCB1c2U="  # "bench-only key, not for real use"
MIN_SECONDS = 3
CSRF_COOKIE = "__Host-csrftoken"  # the production settings' name (clinicsite/settings/production.py)


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


def query(url, statement, params=()):
    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname=parts.path.lstrip("/"),
    )
    with connection, connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    connection.close()
    return rows


def stored_submissions(url):
    [(count,)] = query(
        url,
        "SELECT count(*) FROM forms_formsubmission s JOIN wagtailcore_page p ON p.id = s.page_id "
        "WHERE p.url_path LIKE %s",
        ["%" + FORM_PATH],
    )
    return count


def last_submission_id(url):
    [(last,)] = query(url, "SELECT coalesce(max(id), 0) FROM forms_formsubmission")
    return last


def notification_states(url, after_id):
    """{status: count} of the notifications of the submissions after `after_id`, and how many have none."""
    rows = query(
        url,
        "SELECT coalesce(n.status, 'none'), count(*) FROM forms_formsubmission s "
        "LEFT JOIN forms_submissionnotification n ON n.submission_id = s.id WHERE s.id > %s GROUP BY 1",
        [after_id],
    )
    return dict(rows)


def retried_notifications(url, after_id):
    [(count,)] = query(
        url,
        "SELECT count(*) FROM forms_submissionnotification WHERE submission_id > %s AND attempts > 1",
        [after_id],
    )
    return count


def server_environment(static_root, port, mail_port):
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
        # Only the worker talks to the mail server; the site never does.
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(mail_port),
        EMAIL_TIMEOUT=EMAIL_TIMEOUT,
        FORMS_NOTIFICATION_RETRY_SECONDS=RETRY_SECONDS,
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
        # The page may be the cache's copy: another visitor's token and no cookie (docs/forms.md).
        token_url = re.search(r'data-token-url="([^"]+)"', page.text).group(1)
        fresh = requests.get(self.base + token_url, headers={"Accept": "application/json"}, timeout=30)
        tokens = fresh.json()
        csrf_cookie = fresh.cookies.get(CSRF_COOKIE)
        csrf_token, started = tokens["csrfToken"], tokens["started"]
        # The production cookie is Secure; send it by hand over plain HTTP to 127.0.0.1.
        headers = {"Cookie": f"{CSRF_COOKIE}={csrf_cookie}", "Referer": self.base + FORM_PATH}
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


class HomePageReader(threading.Thread):
    """Someone reading the site meanwhile: loads the home page, again and again, until told to stop."""

    def __init__(self, base, stop):
        super().__init__(daemon=True)
        self.base = base
        self.stop = stop
        self.latencies = []
        self.failures = 0

    def run(self):
        while not self.stop.is_set():
            began = time.perf_counter()
            try:
                ok = requests.get(self.base + "/", timeout=60).status_code == 200
            except requests.RequestException:
                ok = False
            self.latencies.append(time.perf_counter() - began)
            self.failures += not ok


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def send_requests(base, submissions, clients, *, read_home_page=False):
    """`submissions` requests from `clients` concurrent clients: (results, seconds, home page latencies)."""
    pool = list(range(submissions))
    results = []
    loaded = threading.Barrier(clients + 1, timeout=120)
    ready = threading.Event()
    senders = [Client(number, base, pool, results, loaded, ready) for number in range(clients)]
    for sender in senders:
        sender.start()
    loaded.wait()  # every client has its form page
    time.sleep(MIN_SECONDS + 1)  # a person takes longer than this to fill the form in
    stop_reading = threading.Event()
    reader = HomePageReader(base, stop_reading)
    if read_home_page:
        reader.start()
    began = time.perf_counter()
    ready.set()
    for sender in senders:
        sender.join()
    elapsed = time.perf_counter() - began
    stop_reading.set()
    if read_home_page:
        reader.join()
    return results, elapsed, reader


def problems_in(results, expected, stored):
    """What went wrong in a run, as sentences; none when every request was stored and redirected."""
    statuses = Counter(status for _latency, status, _ok in results)
    server_errors = sum(count for status, count in statuses.items() if not isinstance(status, int) or status >= 500)
    problems = []
    if stored != expected:
        problems.append(f"{stored} new submissions stored, expected {expected}")
    if server_errors:
        problems.append(f"{server_errors} server errors")
    if len(results) != expected or not all(ok for _latency, _status, ok in results):
        problems.append(f"not every request got its thank-you redirect: {dict(statuses)}")
    return problems, statuses


def wait_for_notifications(url, after_id, expected, timeout):
    """Wait until every notification of the submissions after `after_id` is sent (or failed); seconds taken."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        states = notification_states(url, after_id)
        if states.get("sent", 0) + states.get("failed", 0) >= expected:
            break
        time.sleep(0.5)
    return time.monotonic() - began, notification_states(url, after_id)


def main():
    # Stopped from outside (SIGTERM), still stop what it started on the way out (the `finally` below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ensure_database(DATABASE_URL)
    port = free_port()
    mail = MailServer(free_port(port + 1))
    base = f"http://127.0.0.1:{port}"
    static_root = tempfile.mkdtemp(prefix="clinicsite-bench-static-")
    env = server_environment(static_root, port, mail.port)
    print(f"bench: preparing {urlsplit(DATABASE_URL).path.lstrip('/')} (migrate, collectstatic, demo site)")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    # The demo clinic's loader is installed by the development settings only (demo/, never in production).
    # Loading it sends Wagtail's workflow emails: kept in memory, the mail server is not up yet.
    demo_env = {**env, "DJANGO_SETTINGS_MODULE": "clinicsite.settings.dev"}
    manage({**demo_env, "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}, "load_demo_site")

    command = [GUNICORN, "clinicsite.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", WORKERS]
    command += ["--threads", THREADS, "--worker-class", "gthread", "--log-level", "warning"]
    worker_command = [PYTHON, "manage.py", "db_worker", "--backend", "notifications", "--interval", "0.2"]
    worker_log = Path(static_root) / "worker.log"
    problems = []
    mail.healthy()
    first_id = last_submission_id(DATABASE_URL)
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603 - our own command line
    with worker_log.open("w") as log:
        worker = subprocess.Popen(worker_command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)  # noqa: S603 - our own command line
    try:
        wait_until_serving(base, server)
        requests.get(base + "/", timeout=60)  # the home page's image renditions are made once, not measured

        # 1. The load run.
        before = stored_submissions(DATABASE_URL)
        results, elapsed, _reader = send_requests(base, SUBMISSIONS, CLIENTS)
        stored = stored_submissions(DATABASE_URL) - before
        load_problems, statuses = problems_in(results, SUBMISSIONS, stored)
        problems += [f"load run: {problem}" for problem in load_problems]
        latencies = [latency for latency, _status, _ok in results]
        print(f"bench: gunicorn gthread, {WORKERS} workers x {THREADS} threads, PostgreSQL, production settings")
        print(f"bench: {len(results)} submissions from {CLIENTS} concurrent clients in {elapsed:.2f} s")
        print(f"bench: throughput {len(results) / elapsed:.1f} submissions/s")
        print(f"bench: latency p50 {ms(percentile(latencies, 0.50))}, p99 {ms(percentile(latencies, 0.99))}")
        print(f"bench: responses {dict(statuses)}; new submissions stored {stored} (expected {SUBMISSIONS})")
        waited, states = wait_for_notifications(DATABASE_URL, first_id, SUBMISSIONS, timeout=300)
        print(f"bench: {waited:.1f} s after the last request, the load run's notifications: {states}")

        # 2. The mail-server run, in rounds: healthy, then hung, then it recovers and every notification goes.
        # The machine's other work moves single p99s of 50 requests around; rounds show how much.
        p99 = {"healthy": [], "hung": []}
        home_p99 = {"healthy": [], "hung": []}
        expected = SUBMISSIONS
        for round_number in range(1, MAIL_ROUNDS + 1):
            for state in ("healthy", "hung"):
                # Each run starts with an empty queue, so the worker's backlog weighs on neither.
                waited, states = wait_for_notifications(DATABASE_URL, first_id, expected, timeout=300)
                if state == "hung":
                    mail.hang()
                before = stored_submissions(DATABASE_URL)
                results, elapsed, reader = send_requests(base, MAIL_SUBMISSIONS, MAIL_CLIENTS, read_home_page=True)
                stored = stored_submissions(DATABASE_URL) - before
                run_problems, statuses = problems_in(results, MAIL_SUBMISSIONS, stored)
                problems += [f"round {round_number}, {state} mail server: {problem}" for problem in run_problems]
                if reader.failures:
                    problems.append(
                        f"round {round_number}, {state} mail server: {reader.failures} home page loads failed"
                    )
                expected += MAIL_SUBMISSIONS
                latencies = [latency for latency, _status, _ok in results]
                p99[state].append(percentile(latencies, 0.99))
                home_p99[state].append(percentile(reader.latencies, 0.99) if reader.latencies else float("nan"))
                print(
                    f"bench: round {round_number}, {state} mail server: {len(results)} submissions from {MAIL_CLIENTS} "
                    f"clients in {elapsed:.2f} s, p50 {ms(percentile(latencies, 0.50))}, p99 {ms(p99[state][-1])}; "
                    f"responses {dict(statuses)}; home page p99 {ms(home_p99[state][-1])} ({len(reader.latencies)} loads)"
                )
            # The mail server stays hung a while (the worker's attempts time out and back off), then recovers.
            time.sleep(HUNG_HOLD_SECONDS)
            connections = mail.hung_connections
            mail.healthy()
            waited, states = wait_for_notifications(DATABASE_URL, first_id, expected, timeout=300)
            print(
                f"bench: round {round_number}: the hung server held {mail.hung_connections - connections} connections "
                f"from the worker; recovered, {waited:.1f} s later notifications {states} (expected sent {expected})"
            )
            if states != {"sent": expected}:
                problems.append(f"round {round_number}: not every notification was sent: {states}")

        for state in ("healthy", "hung"):
            print(
                f"bench: {state} mail server, p99 per round: {', '.join(ms(value) for value in p99[state])}; "
                f"median {ms(statistics.median(p99[state]))}"
            )
        ratio = statistics.median(p99["hung"]) / statistics.median(p99["healthy"])
        home_ratio = statistics.median(home_p99["hung"]) / statistics.median(home_p99["healthy"])
        print(
            f"bench: p99 hung / healthy = {ratio:.2f}x ({'within' if ratio <= 2 else 'OVER'} the 2x goal; "
            f"rounds {', '.join(f'{hung / healthy:.2f}x' for hung, healthy in zip(p99['hung'], p99['healthy'], strict=True))}); "
            f"home page {home_ratio:.2f}x"
        )
        retried = retried_notifications(DATABASE_URL, first_id)
        print(
            f"bench: every notification sent: {expected} submissions, the mail server accepted {mail.messages} messages; "
            f"{retried} needed more than one attempt"
        )
        if mail.messages < expected:
            problems.append(f"the mail server accepted {mail.messages} messages, expected {expected}")
    finally:
        for process in (worker, server):
            os.killpg(process.pid, signal.SIGTERM)
        for process in (worker, server):
            process.wait(timeout=30)
        mail.stop()
        if problems:
            print(f"bench: the worker's log: {worker_log}")
        else:
            shutil.rmtree(static_root, ignore_errors=True)

    for problem in problems:
        print(f"bench: {problem}")
    if problems:
        print("bench: FAILED")
        return 1
    print("bench: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
