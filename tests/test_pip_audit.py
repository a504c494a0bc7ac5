"""The pip-audit gate (audit/pip_audit.py): what fails it, and what its allow-list must say.

CI runs it against PyPI's vulnerability data; these tests feed it pip-audit reports, so the
rules hold whether or not that data can be reached from here.
"""

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("pip_audit_gate", ROOT / "audit" / "pip_audit.py")
gate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gate)


def report(*dependencies):
    return {"dependencies": list(dependencies), "fixes": []}


CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
VULNERABLE = {
    "name": "pillow",
    "version": "13.0.0",
    "vulns": [{"id": "PYSEC-2026-1", "aliases": ["CVE-2026-0001", "GHSA-aaaa-bbbb-cccc"], "fix_versions": ["13.0.1"]}],
}


def test_the_repositorys_allow_list_gives_every_entry_a_date_and_a_reason():
    accepted = gate.read_allowlist()
    for advisory, (accepted_on, reason) in accepted.items():
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", accepted_on), advisory
        assert len(reason.split()) >= 3, advisory


@pytest.mark.parametrize(
    "line",
    ["GHSA-aaaa-bbbb-cccc", "GHSA-aaaa-bbbb-cccc 2026-12-01", "GHSA-aaaa-bbbb-cccc 2026-13-45 a reason here"],
)
def test_an_entry_without_a_real_date_or_a_reason_is_refused(tmp_path, line):
    allowlist = tmp_path / "allowlist.txt"
    allowlist.write_text(f"# a comment\n\n{line}\n")
    with pytest.raises(SystemExit):
        gate.read_allowlist(allowlist)


def test_no_known_vulnerability_passes():
    lines, failed = gate.summary(report(CLEAN), accepted={})
    assert not failed
    assert lines == ["pip-audit: 1 pinned packages audited, 0 known vulnerabilities, 0 accepted"]


def test_a_known_vulnerability_fails_and_names_the_fixed_version():
    lines, failed = gate.summary(report(CLEAN, VULNERABLE), accepted={})
    assert failed
    assert "  VULNERABLE pillow 13.0.0: PYSEC-2026-1, fixed in 13.0.1" in lines


def test_an_accepted_vulnerability_passes_by_any_of_its_names_and_says_why():
    accepted = {"GHSA-aaaa-bbbb-cccc": ("2026-12-01", "only the ICNS decoder, which the site never uses")}
    lines, failed = gate.summary(report(VULNERABLE), accepted=accepted)
    assert not failed
    assert any("accepted PYSEC-2026-1" in line and "ICNS decoder" in line and "2026-12-01" in line for line in lines)


def test_an_entry_that_matches_nothing_is_pointed_out():
    accepted = {"PYSEC-2020-9": ("2026-01-01", "fixed long ago, entry kept by mistake")}
    lines, failed = gate.summary(report(CLEAN), accepted=accepted)
    assert not failed
    assert any("PYSEC-2020-9 matches nothing" in line for line in lines)


def test_a_package_that_could_not_be_audited_fails():
    skipped = {"name": "wagtail", "version": "8.0.1", "skip_reason": "Dependency not found on PyPI"}
    lines, failed = gate.summary(report(CLEAN, skipped), accepted={})
    assert failed
    assert any(line.startswith("  not audited: wagtail 8.0.1") for line in lines)


def test_every_requirement_is_pinned_exactly_so_no_deps_audits_what_is_installed():
    for name in gate.REQUIREMENTS:
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if line and not line.startswith("-r "):
                assert re.fullmatch(r"[A-Za-z0-9_.\-]+(\[[\w,]+\])?==[\w.]+", line), f"{name}: {line}"
    assert "pip-audit==" in (ROOT / "requirements-dev.txt").read_text()


def project(version, *vulnerabilities):
    return {"info": {"version": version}, "vulnerabilities": list(vulnerabilities)}


def test_the_fallback_audits_a_pin_at_the_newest_release_with_the_projects_data():
    advisory = {"id": "GHSA-aaaa-bbbb-cccc", "aliases": ["CVE-2026-0001"], "fixed_in": ["13.0.1"], "withdrawn": None}
    data = {"pillow": project("13.0.0", advisory), "django": project("6.1.3")}
    built = gate.newest_release_report([("pillow", "13.0.0"), ("django", "5.2.19")], fetch=data.get)
    lines, failed = gate.summary(built, accepted={}, gaps_fail=False)
    assert failed, "a known vulnerability fails even when some packages could not be audited"
    assert "  VULNERABLE pillow 13.0.0: GHSA-aaaa-bbbb-cccc, fixed in 13.0.1" in lines
    assert any(line.startswith("  NOT AUDITED: django 5.2.19") and "6.1.3" in line for line in lines)


def test_the_fallback_says_what_it_could_not_audit_and_fails_on_it_only_when_asked():
    data = {"django": project("6.1.3"), "wagtail": project("8.0.1", {"id": "PYSEC-2026-2", "withdrawn": "2026-02-01"})}
    built = gate.newest_release_report([("django", "5.2.19"), ("wagtail", "8.0.1"), ("gone", "1.0")], fetch=data.get)
    lines, failed = gate.summary(built, accepted={}, gaps_fail=False)
    assert not failed, "a withdrawn advisory is no vulnerability; the gaps are printed, not failed"
    assert lines[0] == "pip-audit: 1 pinned packages audited, 0 known vulnerabilities, 0 accepted"
    assert any("NOT AUDITED: gone 1.0: PyPI's project data could not be fetched" in line for line in lines)
    assert gate.summary(built, accepted={}, gaps_fail=True)[1]


def test_every_pin_is_read_from_the_requirements_files_extras_and_all():
    pins = dict(gate.pinned_requirements())
    assert pins["Django"].startswith("5.2.")
    assert "pip-audit" in pins
    assert "django-tasks-db" in pins
