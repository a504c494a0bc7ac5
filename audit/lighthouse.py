"""Lighthouse's four scores, layout shift, page weight and render-blocking scripts, on the site as in production.

Lighthouse (npm, pinned in audit/package.json) drives Debian's Chromium (CHROMIUM_PATH, else
/usr/bin/chromium) in its default mobile mode: a mid-range phone's screen and CPU, a slow 4G
network, simulated. Each page is measured RUNS times, through the TLS proxy (the throwaway CA is
not in Chromium's store: `--allow-insecure-localhost` accepts its certificate, for localhost only).
The CPU slowdown is relative to the machine, so the table ends with its benchmarkIndex.
Goals (issue 14, item 7), on home, a treatment, a condition, an article, the blog index and a
form page: 100 for performance, accessibility, best practices and SEO; a cumulative layout
shift of 0; the page's own HTML, CSS and JavaScript under 50 KB as sent (compressed); and no
script that blocks the first paint.
"""

import json
import os
import signal
import ssl
import subprocess
import tempfile
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from observatory import AUDIT, install_packages
from server import pages_of_kinds

CLI = AUDIT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SCORE_GOAL = 100
WEIGHT_GOAL = 50_000  # bytes as sent, HTML + CSS + JavaScript of the page's own origin
COUNTED_TYPES = {"Document", "Stylesheet", "Script"}
# One Lighthouse run moves by a point or so, and now and then fails to record its trace (NO_NAVSTART):
# each page is measured RUNS times and the run with the median performance score is reported, as
# Lighthouse's own documentation advises for variability.
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
# Lighthouse's SLOW_CPU_BENCHMARK_INDEX_THRESHOLD: on a host at or below it, the 4x slowdown emulates
# a slower phone than intended, and Lighthouse adds a run warning saying so.
SLOW_HOST_INDEX = 1000

# The six pages measured (audit/server.py finds the first live page of each kind).
KINDS = ("home page", "a treatment", "a condition", "an article", "the blog index", "a form page")


def pages_to_measure(site):
    paths = pages_of_kinds(site)
    return [(kind, paths[kind]) for kind in KINDS]


class RunFailed(Exception):
    """One Lighthouse run that gave no report."""


def median_run(url):
    """The report of the run with the median performance score among RUNS runs (failed runs left out)."""
    reports, failures = [], []
    for _ in range(RUNS):
        try:
            reports.append(measure(url))
        except RunFailed as failure:
            failures.append(str(failure))
    if not reports:
        raise SystemExit(failures[-1])
    reports.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
    return reports[len(reports) // 2]


def measure(url, timeout=300):
    """Lighthouse's JSON report for one URL.

    Lighthouse and the Chromium it starts run in a process group of their own, stopped as a whole
    when the time is up (killing node alone would leave Chromium running).
    """
    with tempfile.TemporaryDirectory() as profile:
        process = subprocess.Popen(  # noqa: S603 - our own command line
            [  # noqa: S607 - node from PATH
                "node",
                str(CLI),
                url,
                "--output=json",
                "--output-path=stdout",
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --allow-insecure-localhost "
                f"--user-data-dir={profile}",
            ],
            cwd=AUDIT,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise SystemExit(f"audit: Lighthouse took more than {timeout} s on {url}") from None
    if process.returncode != 0 or not stdout.startswith("{"):
        raise RunFailed(f"audit: Lighthouse failed on {url}:\n{stderr[-2000:]}")
    return json.loads(stdout)


class _BlockingScripts(HTMLParser):
    """The `<script src>` elements that stop the parser: neither `defer`, `async` nor a module."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        deferred = "defer" in attributes or "async" in attributes or attributes.get("type") == "module"
        if tag == "script" and attributes.get("src") and not deferred:
            self.found.append(attributes["src"])


def blocking_scripts(site, path):
    """The page's parser-blocking scripts, from its HTML: Lighthouse lists only those costing 50 ms or more."""
    context = ssl.create_default_context(cafile=str(site.ca_file))
    with urllib.request.urlopen(site.https_url(path), context=context, timeout=30) as response:  # noqa: S310 - our own site
        parser = _BlockingScripts()
        parser.feed(response.read().decode("utf-8", "replace"))
    return parser.found


def summary(report, origin):
    """The figures the goals are about, from one report."""
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    weight = sum(
        item.get("transferSize", 0)
        for item in requests
        if item.get("resourceType") in COUNTED_TYPES and item["url"].startswith(origin)
    )
    blocking = [
        item["url"]
        for item in (audits.get("render-blocking-resources", {}).get("details") or {}).get("items", [])
        if item["url"].split("?")[0].endswith(".js")
    ]
    failed = sorted(
        audit_id
        for category in CATEGORIES
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"])
        and audits[audit_id].get("score") is not None
        and audits[audit_id]["score"] < 1
    )
    return {
        "scores": [round((report["categories"][category]["score"] or 0) * 100) for category in CATEGORIES],
        "benchmark_index": report["environment"]["benchmarkIndex"],
        "warnings": report.get("runWarnings", []),
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "weight": weight,
        "blocking": blocking,
        "failed": failed,
    }


def met(figures):
    return (
        all(score >= SCORE_GOAL for score in figures["scores"])
        and figures["cls"] == 0
        and figures["weight"] < WEIGHT_GOAL
        and not figures["blocking"]
    )


def run(site):
    """Measure each page, print the table; True when every goal is met."""
    install_packages()
    origin = site.https_url("")
    print()
    print(
        f"Lighthouse 12, mobile (simulated slow 4G, 4x CPU slowdown), production settings behind TLS; "
        f"the median of {RUNS} runs per page"
    )
    print(f"{'page':<15} {'path':<38} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4} {'CLS':>6} {'KB':>5}  goals")
    all_met = True
    benchmark_indexes, warnings = [], {}
    for kind, path in pages_to_measure(site):
        figures = summary(median_run(site.https_url(path)), origin)
        figures["blocking"] = sorted({*figures["blocking"], *blocking_scripts(site, path)})
        page_met = met(figures)
        all_met &= page_met
        benchmark_indexes.append(figures["benchmark_index"])
        warnings.update(dict.fromkeys(figures["warnings"]))
        scores = " ".join(f"{score:>4}" for score in figures["scores"])
        remarks = "met" if page_met else "MISSED"
        if figures["blocking"]:
            remarks += f"; render-blocking: {', '.join(Path(url).name for url in figures['blocking'])}"
        if figures["failed"] and not page_met:
            remarks += f"; below 1: {', '.join(figures['failed'])}"
        print(f"{kind:<15} {path:<38} {scores} {figures['cls']:>6.3f} {figures['weight'] / 1000:>5.1f}  {remarks}")
    print(f"goals: {SCORE_GOAL} in each category, CLS 0, under {WEIGHT_GOAL // 1000} KB, no render-blocking script")
    # The 4x CPU slowdown is relative to this machine: the performance score is only comparable
    # between runs on hosts of a like benchmarkIndex (docs/performance.md, "The front end, measured").
    print(
        f"this machine's benchmarkIndex: {min(benchmark_indexes):.0f}-{max(benchmark_indexes):.0f} "
        f"(Lighthouse's 4x slowdown is meant for a desktop of 1500 or more, and it warns at {SLOW_HOST_INDEX} or less)"
    )
    for warning in warnings:
        print(f"Lighthouse warns: {warning}")
    print()
    return all_met
