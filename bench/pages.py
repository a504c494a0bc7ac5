"""`make bench`, pages: each page type cached and uncached, beside the framework's floor and nginx.

For SQLite and then PostgreSQL with Redis (BENCH_PAGES_DATABASES, "sqlite,postgres"), it builds
a fresh demo site in a scratch folder (PostgreSQL: the database BENCH_PAGES_DATABASE_URL, dropped
and made again; Redis: a redis-server of its own on a free loopback port, stopped at the end) and
serves it with the production settings from three places at once:

- gunicorn with the page cache (2 sync workers, BENCH_PAGES_WORKERS), the site as deployed;
- gunicorn with the page cache off (PAGE_CACHE=false), every page rendered for every request;
- nginx serving copies of the same pages saved as files: what a web server does with no Python.

Both gunicorns also answer /bench/floor/, a Django view that returns a constant response through
the site's whole middleware (bench/floor.py): the fastest any Django page can be here. Then, in
BENCH_PAGES_ROUNDS rounds (3), `wrk -t2 -c16` (Debian's package) runs BENCH_PAGES_SECONDS (3) on
each target in turn, so the machine's other work weighs on all of them alike. It prints req/s,
p50 and p99 for each page and kind (the median of the rounds) and its ratio to the floor measured
in the same round, then the issue's goals: a cached page at 0.8x the floor or more, an uncached
article at 0.055x or more. Loopback only, bounded in time. A measurement: nothing fails on a
ratio; it fails only when a response is not a 200 or a cached page is not served from the cache.
"""

import contextlib
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
import requests
from psycopg2 import sql
from run import GUNICORN, PYTHON, ROOT, free_port

BENCH = Path(__file__).resolve().parent
PAGES = [
    ("home", "/"),
    ("treatment", "/treatments/ketamine-therapy/"),
    ("condition", "/conditions/ptsd/"),
    ("article", "/blog/ketamine-for-ptsd/"),
    ("blog index", "/blog/"),
    ("form page", "/request-a-call-back/"),
]
FLOOR_PATH = "/bench/floor/"
DATABASES = os.environ.get("BENCH_PAGES_DATABASES", "sqlite,postgres").split(",")
DATABASE_URL = os.environ.get("BENCH_PAGES_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinicsite_bench_pages")
WORKERS = os.environ.get("BENCH_PAGES_WORKERS", "2")
ROUNDS = int(os.environ.get("BENCH_PAGES_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_PAGES_SECONDS", "3"))
WRK = ["wrk", "-t2", "-c16", "--latency", "--timeout", "10s"]
GOAL_CACHED = 0.8
GOAL_UNCACHED_ARTICLE = 0.055
KINDS = ("cached", "uncached", "nginx")


@dataclass
class Result:
    rps: list = field(default_factory=list)
    p50: list = field(default_factory=list)
    p99: list = field(default_factory=list)
    ratio: list = field(default_factory=list)


def require_tools():
    missing = [
        tool for tool in ("wrk", "nginx") if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists()
    ]
    if missing:
        raise SystemExit(f"bench: needs {' and '.join(missing)} (apt-get install {' '.join(missing)})")


def recreate_database(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def start(command, log, **kwargs):
    """A process in its own group (so its children stop with it), output to `log`."""
    with open(log, "w") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs)  # noqa: S603 - our own command lines


def stop(process):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_until(url, process, name, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench: {name} exited during start-up")
        with contextlib.suppress(requests.ConnectionError, requests.Timeout):
            if requests.get(url, timeout=10).status_code == 200:
                return
        time.sleep(0.2)
    raise SystemExit(f"bench: {name} did not answer in time")


def site_environment(folder, database):
    env = dict(os.environ)
    for name in ("DATABASE_URL", "REDIS_URL", "PAGE_CACHE"):
        env.pop(name, None)
    from cryptography.fernet import Fernet

    env.update(
        DJANGO_SETTINGS_MODULE="clinicsite.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        SUBMISSION_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database,
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        SERVE_MEDIA="true",
        PAGE_CACHE_DIR=str(folder / "page-cache"),
        WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000",
        LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join([str(BENCH), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - our own command line


def save_copies(base, root):
    """Each page as a file under `root`, for nginx; their sizes in bytes."""
    sizes = {}
    for _name, path in PAGES:
        response = requests.get(base + path, timeout=60)
        response.raise_for_status()
        target = root / path.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(response.content)
        sizes[path] = len(response.content)
    return sizes


def nginx_config(folder, root, port):
    config = folder / "nginx.conf"
    config.write_text(
        f"""worker_processes 2;
user root;
pid "{folder}/nginx.pid";
error_log "{folder}/nginx-error.log" warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root "{root}";
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""
    )
    return config


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0}


def wrk(url):
    """(req/s, p50 s, p99 s, problems) of one wrk run on `url`."""
    output = subprocess.run(  # noqa: S603 - our own command line
        [*WRK, "-d", f"{SECONDS}s", url], capture_output=True, text=True, check=True, timeout=SECONDS + 60
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {percent: float(value) * UNITS[unit] for percent, value, unit in LATENCY.findall(output)}
    problems = []
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        problems.append(f"{match.group(1)} responses were not 2xx or 3xx")
    if match := re.search(r"Socket errors: (.*)", output):
        problems.append(f"socket errors: {match.group(1)}")
    return rps, latency["50"], latency["99"], problems


def measure(label, database, redis_url=None):
    """Build, serve and measure one database's site; {(page, kind): Result}, floor Result, problems."""
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")  # "PostgreSQL + Redis": no spaces in nginx's paths
    folder = Path(tempfile.mkdtemp(prefix=f"clinicsite-bench-pages-{slug}-"))
    env = site_environment(folder, database)
    if redis_url:
        env["REDIS_URL"] = redis_url
    print(f"bench pages: {label}: preparing a demo site (migrate, collectstatic, demo content)")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage({**env, "DJANGO_SETTINGS_MODULE": "clinicsite.settings.dev"}, "load_demo_site")
    served = {**env, "DJANGO_SETTINGS_MODULE": "floor_settings"}
    ports = {"cached": free_port(8801), "uncached": free_port(8901), "nginx": free_port(9001)}
    gunicorn = [GUNICORN, "clinicsite.wsgi", "--workers", WORKERS, "--log-level", "warning"]
    processes = []
    problems = []
    results = {(name, kind): Result() for name, _path in PAGES for kind in KINDS}
    floor = Result()
    try:
        for kind, page_cache in (("cached", "true"), ("uncached", "false")):
            command = [*gunicorn, "--bind", f"127.0.0.1:{ports[kind]}"]
            process = start(
                command, folder / f"gunicorn-{kind}.log", cwd=ROOT, env={**served, "PAGE_CACHE": page_cache}
            )
            processes.append(process)
            wait_until(f"http://127.0.0.1:{ports[kind]}{FLOOR_PATH}", process, f"gunicorn ({kind})")
        uncached = f"http://127.0.0.1:{ports['uncached']}"
        cached = f"http://127.0.0.1:{ports['cached']}"
        copies = folder / "copies"
        sizes = save_copies(uncached, copies)
        for directory in [folder, *copies.rglob("*")]:
            if directory.is_dir():
                directory.chmod(0o755)
        config = nginx_config(folder, copies, ports["nginx"])
        nginx = start(["nginx", "-c", str(config), "-g", "daemon off;"], folder / "nginx.log")
        processes.append(nginx)
        wait_until(f"http://127.0.0.1:{ports['nginx']}/", nginx, "nginx")
        for _name, path in PAGES:  # renditions made, cache filled: neither is what is measured
            requests.get(uncached + path, timeout=60)
            requests.get(cached + path, timeout=60)
            state = requests.get(cached + path, timeout=60).headers.get("X-Cache")
            if state != "hit":
                problems.append(f"{label}: {path} was not served from the page cache (X-Cache: {state})")
        print(
            f"bench pages: {label}: {ROUNDS} rounds of {SECONDS} s per target, wrk -t2 -c16, gunicorn {WORKERS} sync workers"
        )
        for round_number in range(1, ROUNDS + 1):
            rps, p50, p99, found = wrk(cached + FLOOR_PATH)
            floor.rps.append(rps), floor.p50.append(p50), floor.p99.append(p99)
            problems += [f"{label}, floor: {problem}" for problem in found]
            for name, path in PAGES:
                for kind in KINDS:
                    base = f"http://127.0.0.1:{ports[kind]}"
                    rps, p50, p99, found = wrk(base + path)
                    result = results[(name, kind)]
                    result.rps.append(rps), result.p50.append(p50), result.p99.append(p99)
                    result.ratio.append(rps / floor.rps[-1])
                    problems += [f"{label}, {name} {kind}: {problem}" for problem in found]
            print(f"bench pages: {label}: round {round_number} done (floor {floor.rps[-1]:.0f} req/s)")
        report(label, results, floor, sizes)
    finally:
        for process in reversed(processes):
            stop(process)
    if problems:
        print(f"bench pages: {label}: logs kept in {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return results, problems


def ms(seconds):
    return f"{seconds * 1000:.1f}"


def report(label, results, floor, sizes):
    median = statistics.median
    print(f"\nbench pages: {label}: median of {ROUNDS} rounds")
    print(f"{'page':<12} {'kind':<9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'x floor':>8}  bytes")
    print(
        f"{'floor':<12} {'django':<9} {median(floor.rps):>8.0f} {ms(median(floor.p50)):>8} {ms(median(floor.p99)):>8} {1:>8.3f}"
    )
    for name, path in PAGES:
        for kind in KINDS:
            result = results[(name, kind)]
            print(
                f"{name:<12} {kind:<9} {median(result.rps):>8.1f} {ms(median(result.p50)):>8} "
                f"{ms(median(result.p99)):>8} {median(result.ratio):>8.3f}  {sizes[path]}"
            )
    cached = min(median(results[(name, "cached")].ratio) for name, _path in PAGES)
    article = median(results[("article", "uncached")].ratio)
    print(
        f"bench pages: {label}: slowest cached page {cached:.3f}x the floor (goal {GOAL_CACHED}x: "
        f"{'met' if cached >= GOAL_CACHED else 'NOT met'}); uncached article {article:.3f}x "
        f"(goal {GOAL_UNCACHED_ARTICLE}x: {'met' if article >= GOAL_UNCACHED_ARTICLE else 'NOT met'})\n"
    )


def main():
    # Stopped from outside (SIGTERM), still stop what it started on the way out (the `finally` below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    require_tools()
    problems = []
    for label in DATABASES:
        if label == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix="clinicsite-bench-pages-db-"))
            _results, found = measure("SQLite", f"sqlite:///{folder}/bench.sqlite3")
            shutil.rmtree(folder, ignore_errors=True)
        elif label == "postgres":
            recreate_database(DATABASE_URL)
            port = free_port(6390)
            redis_dir = Path(tempfile.mkdtemp(prefix="clinicsite-bench-redis-"))
            redis = start(
                [
                    "redis-server",
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(redis_dir),
                ],
                redis_dir / "redis.log",
            )
            try:
                _results, found = measure("PostgreSQL + Redis", DATABASE_URL, redis_url=f"redis://127.0.0.1:{port}/0")
            finally:
                stop(redis)
                shutil.rmtree(redis_dir, ignore_errors=True)
        else:
            raise SystemExit(f"bench pages: unknown database {label!r} (sqlite, postgres)")
        problems += found
    for problem in problems:
        print(f"bench pages: {problem}")
    print("bench pages: FAILED" if problems else "bench pages: OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
