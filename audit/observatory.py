"""The MDN HTTP Observatory's scores for the pages that matter, on the site served as in production.

The scanner is the npm package @mdn/mdn-http-observatory, pinned in audit/package.json and
driven by audit/observatory.mjs (its command line scans only ports 80 and 443 and only "/").
Goals (issue 12): A+ with at least 120 on the home page, a treatment, an article and a form
page; at least 90 on /admin/login/.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

from server import pages_of_kinds

AUDIT = Path(__file__).resolve().parent
PACKAGE = AUDIT / "node_modules" / "@mdn" / "mdn-http-observatory"

PUBLIC_GOAL = 120
ADMIN_GOAL = 90


def install_packages():
    """`npm ci` in audit/ when a package of audit/package.json is missing; post-install steps are skipped.

    The Observatory's downloads Chromium's HSTS preload list and a CA bundle from the internet;
    neither is needed here (localhost is on no preload list, and our CA is given with
    NODE_EXTRA_CA_CERTS), so the preload list is an empty one. Lighthouse's has nothing to do.
    Lighthouse's @paulirish/trace_engine asks for third-party-web "latest", which made the lock file
    stale (and `npm ci` refuse it) at each new release: package.json's `overrides` pins it.
    """
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise SystemExit("audit: Node.js 20+ and npm are needed for the audits (audit/package.json)")
    wanted = json.loads((AUDIT / "package.json").read_text())["dependencies"]
    if any(not (AUDIT / "node_modules" / name / "package.json").exists() for name in wanted):
        print("audit: installing the audits' packages (npm ci in audit/)", flush=True)
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],  # noqa: S607 - npm from PATH
            cwd=AUDIT,
            check=True,
        )
    preload_list = PACKAGE / "conf" / "hsts-preload.json"
    if not preload_list.exists():
        preload_list.write_text("{}\n")


def pages_to_scan(site):
    paths = pages_of_kinds(site)
    public = [(kind, paths[kind], PUBLIC_GOAL) for kind in ("home page", "a treatment", "an article", "a form page")]
    return [*public, ("admin sign-in", "/admin/login/", ADMIN_GOAL)]


def scan(site, paths):
    """{path: the scanner's result} for each path, through the site's TLS proxy."""
    result = subprocess.run(  # noqa: S603 - our own command line
        [  # noqa: S607 - node from PATH
            "node",
            str(AUDIT / "observatory.mjs"),
            "--host",
            "localhost",
            "--https-port",
            str(site.https_port),
            "--http-port",
            str(site.http_port),
            *paths,
        ],
        cwd=AUDIT,
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(site.ca_file)},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    results = {}
    for line in result.stdout.splitlines():
        if line.startswith("{"):
            scanned = json.loads(line)
            results[scanned["path"]] = scanned
    if not results:
        raise SystemExit(f"audit: the Observatory scanner failed:\n{result.stderr}")
    return results


def notes(tests):
    """The tests that cost or earned points, e.g. `csp +10, hsts -10`."""
    return ", ".join(
        f"{name} {modifier:+d}"
        for name, test in sorted(tests.items())
        if (modifier := test.get("scoreModifier") or 0) != 0
    )


def run(site):
    """Scan, print the table; True when every goal is met."""
    install_packages()
    pages = pages_to_scan(site)
    results = scan(site, [path for _kind, path, _goal in pages])
    print()
    print("MDN HTTP Observatory (@mdn/mdn-http-observatory), production settings behind TLS")
    print(f"{'page':<15} {'path':<38} {'grade':<5} {'score':>5}  {'goal':<16} points")
    all_met = True
    for kind, path, goal in pages:
        scanned = results.get(path, {"error": "not scanned"})
        if scanned.get("error"):
            all_met = False
            print(f"{kind:<15} {path:<38} {'-':<5} {'-':>5}  {'MISSED':<16} {scanned['error']}")
            continue
        met = scanned["score"] >= goal and (goal < PUBLIC_GOAL or scanned["grade"] == "A+")
        all_met &= met
        target = f"{'A+ ' if goal >= PUBLIC_GOAL else ''}>={goal}"
        print(
            f"{kind:<15} {path:<38} {scanned['grade']:<5} {scanned['score']:>5}  "
            f"{(target if met else 'MISSED ' + target):<16} {notes(scanned['tests'])}"
        )
    print()
    return all_met
