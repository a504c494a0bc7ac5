"""`make audit`: measure the demo site served as in production, and print the scores.

    .venv/bin/python audit/run.py                 # every audit
    .venv/bin/python audit/run.py observatory     # only the ones named
    .venv/bin/python audit/run.py --keep          # keep the scratch folder (database, logs, certificates)

Each audit is a module in audit/ with `run(site) -> bool` (True: its goals are met), run in turn
against one throwaway site (audit/server.py: gunicorn with the production settings behind a
local TLS proxy). To add one, write its module and name it in AUDITS. The exit status is 1 when
any goal is missed. A measurement, not a test: the tests of the same headers are in
tests/test_security_headers.py.
"""

import argparse
import importlib
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import production_site

AUDITS = {
    "observatory": "observatory",  # MDN HTTP Observatory: security headers and cookies
    "lighthouse": "lighthouse",  # Lighthouse, mobile: the four scores, layout shift, page weight
}


def main():
    parser = argparse.ArgumentParser(description="Measure the demo site served as in production.")
    parser.add_argument("audits", nargs="*", help=f"which audits, of {', '.join(AUDITS)} (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    chosen = args.audits or list(AUDITS)
    if unknown := [name for name in chosen if name not in AUDITS]:
        parser.error(f"unknown audit {', '.join(unknown)}; known: {', '.join(AUDITS)}")
    modules = [importlib.import_module(AUDITS[name]) for name in chosen]
    # Stopped from outside (SIGTERM), still stop the server and the proxy on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with production_site(keep=args.keep) as site:
        results = {name: module.run(site) for name, module in zip(chosen, modules, strict=True)}
    missed = [name for name, met in results.items() if not met]
    if missed:
        print(f"audit: goals missed: {', '.join(missed)}")
        return 1
    print("audit: every goal met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
