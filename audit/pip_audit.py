"""Known vulnerabilities in the pinned requirements: pip-audit, with the allow-list in the repository.

    .venv/bin/python audit/pip_audit.py               # as CI (.ci/run) and `make audit` run it
    .venv/bin/python audit/pip_audit.py --require-data

It audits requirements.txt and requirements-dev.txt exactly as pinned (`--no-deps`: every package
is pinned, so nothing is resolved or installed) against PyPI's vulnerability data, and prints
each known vulnerability with the versions that fix it. Exit status 1 when one is found that
audit/pip-audit-allowlist.txt does not accept (each accepted entry has a date and a reason),
or when only some packages could be audited.

When neither service answers for any package (no network, or a package index mirror without
PyPI's per-version JSON, and OSV unreachable too), it falls back to PyPI's per-project JSON, whose
vulnerability list is that of the project's newest release: a package pinned at its newest release
is audited with it, and every other one is listed as NOT AUDITED, with the newest version. Those
gaps fail only with --require-data; a known vulnerability always fails.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

AUDIT = Path(__file__).resolve().parent
ROOT = AUDIT.parent
ALLOWLIST = AUDIT / "pip-audit-allowlist.txt"
REQUIREMENTS = ["requirements.txt", "requirements-dev.txt"]
PIP_AUDIT = str(Path(sys.executable).with_name("pip-audit"))
PYPI_PROJECT_JSON = "https://pypi.org/pypi/{name}/json"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.\-]+)(\[[\w,]+\])?==(?P<version>[\w.]+)")
ENTRY = re.compile(r"^(?P<id>[A-Z]+-[\w-]+)\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<reason>\S.*)$")


def read_allowlist(path=ALLOWLIST):
    """{advisory id: (date, reason)}; stops with a message at an entry without both."""
    accepted = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = ENTRY.match(line)
        if not match:
            raise SystemExit(f"pip-audit: {path.name} line {number}: write `ID YYYY-MM-DD reason`, got {line!r}")
        try:
            date.fromisoformat(match["date"])
        except ValueError:
            raise SystemExit(f"pip-audit: {path.name} line {number}: {match['date']!r} is not a date") from None
        accepted[match["id"]] = (match["date"], match["reason"])
    return accepted


def run_pip_audit(service):
    """pip-audit's JSON report for the pinned requirements, or None when the service cannot be reached."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        command = [PIP_AUDIT, "--no-deps", "--disable-pip", "--progress-spinner", "off", "--format", "json"]
        command += ["--output", report.name, "--vulnerability-service", service]
        for requirements in REQUIREMENTS:
            command += ["-r", requirements]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603 - our own command line
        text = Path(report.name).read_text()
    if not text.strip():
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"pip-audit: the {service} vulnerability service could not be used: {last}")
        return None
    return json.loads(text)


def main():
    parser = argparse.ArgumentParser(description="Known vulnerabilities in the pinned requirements.")
    parser.add_argument("--require-data", action="store_true", help="fail when nothing could be audited")
    args = parser.parse_args()
    accepted = read_allowlist()

    report = None
    for service in ("pypi", "osv"):
        report = run_pip_audit(service)
        if report and any("skip_reason" not in dependency for dependency in report["dependencies"]):
            break
        if report:
            print(f"pip-audit: the {service} vulnerability service had data for no pinned package")
        report = None
    gaps_fail = True
    if report is None:
        print("pip-audit: falling back to PyPI's per-project data, which covers each project's newest release")
        report = newest_release_report(pinned_requirements())
        gaps_fail = args.require_data
        if not any("skip_reason" not in dependency for dependency in report["dependencies"]):
            print("pip-audit: NOT AUDITED: no vulnerability data could be had for any pinned package.")
            return 1 if args.require_data else 0

    lines, failed = summary(report, accepted, gaps_fail=gaps_fail)
    print("\n".join(lines))
    return 1 if failed else 0


def pinned_requirements():
    """[(name, version)] of every `name==version` line of the requirements files."""
    pins = []
    for requirements in REQUIREMENTS:
        for line in (ROOT / requirements).read_text().splitlines():
            match = PIN.match(line.split("#", 1)[0].strip())
            if match:
                pins.append((match["name"], match["version"]))
    return pins


def newest_release_report(pins, fetch=None):
    """A report shaped like pip-audit's from PyPI's per-project JSON.

    Its `vulnerabilities` are those of the newest release only, so only a pin at the newest
    release is audited; any other is skipped, with the reason.
    """
    fetch = fetch or fetch_project

    def audit(pin):
        name, version = pin
        project = fetch(name)
        if project is None:
            return {"name": name, "version": version, "skip_reason": "PyPI's project data could not be fetched"}
        newest = project["info"]["version"]
        if newest != version:
            reason = f"the data reachable here is for the newest release, {newest}, only"
            return {"name": name, "version": version, "skip_reason": reason}
        vulns = [
            {"id": v["id"], "aliases": v.get("aliases", []), "fix_versions": v.get("fixed_in", [])}
            for v in project.get("vulnerabilities", [])
            if not v.get("withdrawn")
        ]
        return {"name": name, "version": version, "vulns": vulns}

    with ThreadPoolExecutor(max_workers=8) as pool:
        return {"dependencies": list(pool.map(audit, pins)), "fixes": []}


def fetch_project(name):
    try:
        with urllib.request.urlopen(PYPI_PROJECT_JSON.format(name=name), timeout=30) as response:  # noqa: S310 - a fixed https URL
            return json.load(response)
    except (urllib.error.URLError, TimeoutError, ValueError):
        return None


def summary(report, accepted, gaps_fail=True):
    """The lines to print for pip-audit's JSON report, and whether the audit failed.

    It fails on a vulnerability the allow-list does not accept (by its id or an alias), and, with
    gaps_fail, on a package that could not be audited.
    """
    dependencies = report["dependencies"]
    skipped = [dependency for dependency in dependencies if "skip_reason" in dependency]
    found, allowed, matched = [], [], set()
    for dependency in dependencies:
        for vulnerability in dependency.get("vulns", []):
            ids = [vulnerability["id"], *vulnerability.get("aliases", [])]
            entry = next((advisory for advisory in ids if advisory in accepted), None)
            row = (
                dependency["name"],
                dependency["version"],
                vulnerability["id"],
                vulnerability.get("fix_versions", []),
            )
            if entry:
                matched.add(entry)
                allowed.append((*row, entry))
            else:
                found.append(row)

    audited = len(dependencies) - len(skipped)
    lines = [
        f"pip-audit: {audited} pinned packages audited, {len(found)} known vulnerabilities, {len(allowed)} accepted"
    ]
    for name, version, advisory, fixed, entry in allowed:
        accepted_on, reason = accepted[entry]
        lines.append(
            f"  accepted {advisory}: {name} {version} (fixed in {', '.join(fixed) or 'nothing yet'}), {accepted_on}: {reason}"
        )
    for name, version, advisory, fixed in found:
        lines.append(f"  VULNERABLE {name} {version}: {advisory}, fixed in {', '.join(fixed) or 'no release yet'}")
    for stale in sorted(set(accepted) - matched):
        lines.append(f"  allow-list entry {stale} matches nothing any more: remove it from {ALLOWLIST.name}")
    label = "not audited" if gaps_fail else "NOT AUDITED"
    for dependency in skipped:
        lines.append(f"  {label}: {dependency['name']} {dependency.get('version', '')}: {dependency['skip_reason']}")
    return lines, bool(found or (skipped and gaps_fail))


if __name__ == "__main__":
    sys.exit(main())
