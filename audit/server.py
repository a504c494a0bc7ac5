"""The demo clinic served as in production, for the audits: gunicorn, the production settings, a TLS proxy.

    with production_site() as site:
        site.https_url("/")        # https://localhost:<port>/, through the proxy
        site.ca_file               # the throwaway CA that signed the proxy's certificate

What it does, in a scratch folder that is deleted afterwards (your db.sqlite3 is not touched):
1. a new SQLite database, migrated with the production settings, and the demo clinic loaded
   into it with the development settings (the demo app exists only there, README), with the
   same secret and submission key, so production can read what the demo stored;
2. `collectstatic` (WhiteNoise serves the fingerprinted files, as in production);
3. gunicorn with clinicsite.settings.production on 127.0.0.1, with throwaway values for what
   production requires (SECRET_KEY, ALLOWED_HOSTS, SUBMISSION_ENCRYPTION_KEYS) and nothing
   else changed but SECURE_SSL_HOST (the HTTPS redirect goes to the proxy's port, not 443) and
   SERVE_MEDIA (the demo's images are served, as a web server would);
4. audit/tls_proxy.py in front: HTTPS with a certificate for localhost signed by a throwaway
   CA, and plain HTTP, setting X-Forwarded-Proto as the production proxy does.
Every process it starts is stopped at the end by its own process id (and its process group,
which is its own: gunicorn's workers go with their master).
"""

import contextlib
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

AUDIT = Path(__file__).resolve().parent
ROOT = AUDIT.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
HOST = "localhost"

sys.path.insert(0, str(AUDIT))
from tls_proxy import make_certificates  # noqa: E402


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fernet_key():
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


@dataclass
class Site:
    https_port: int
    http_port: int
    ca_file: Path
    folder: Path

    def https_url(self, path="/"):
        return f"https://{HOST}:{self.https_port}{path}"

    def http_url(self, path="/"):
        return f"http://{HOST}:{self.http_port}{path}"

    def manage(self, *args, settings="clinicsite.settings.production"):
        """Run a manage.py command against this site's database; its output."""
        result = subprocess.run(  # noqa: S603 - our own command line
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**self.environment, "DJANGO_SETTINGS_MODULE": settings},
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout


# The first live page of each kind (demo content), by kind, in the order the audits print them.
FIRST_PAGE_OF_EACH_KIND = """
from blog.models import BlogIndexPage, BlogPage
from forms.models import FormPage
from treatments.models import ConditionPage, TreatmentPage
kinds = {"a treatment": TreatmentPage, "a condition": ConditionPage, "an article": BlogPage,
         "the blog index": BlogIndexPage, "a form page": FormPage}
for kind, model in kinds.items():
    page = model.objects.live().public().order_by("path").first()
    print("PAGE", kind, "|", page.get_url() if page else "-")
"""


def pages_of_kinds(site):
    """{kind: path}: the home page, then the first live page of each kind ("a treatment", "an article"...)."""
    output = site.manage("shell", "--no-imports", "-c", FIRST_PAGE_OF_EACH_KIND)
    found = dict(line[len("PAGE ") :].split(" | ", 1) for line in output.splitlines() if line.startswith("PAGE "))
    return {"home page": "/", **found}


def environment(folder, https_port):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_", "REDIS_", "EMAIL_"))
        and key not in {"DATABASE_URL", "SERVE_MEDIA", "MEDIA_ROOT", "STATIC_ROOT", "ALLOWED_HOSTS"}
    }
    origin = f"https://{HOST}:{https_port}"
    env.update(
        DJANGO_SETTINGS_MODULE="clinicsite.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        SUBMISSION_ENCRYPTION_KEYS=fernet_key(),
        DATABASE_URL=f"sqlite:///{folder / 'audit.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        SERVE_MEDIA="true",
        SECURE_SSL_HOST=f"{HOST}:{https_port}",
        WAGTAILADMIN_BASE_URL=origin,
        CSRF_TRUSTED_ORIGINS=origin,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    return env


def stop(process):
    """Stop a process started here, and its process group (its own), by its id."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def wait_until_serving(site, processes, timeout=60):
    context = ssl.create_default_context(cafile=str(site.ca_file))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                raise SystemExit(f"audit: {name} exited during start-up (log: {site.folder / (name + '.log')})")
        try:
            with urllib.request.urlopen(site.https_url("/"), context=context, timeout=10) as response:  # noqa: S310 - our own local URL
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise SystemExit("audit: the site did not answer in time")


@contextlib.contextmanager
def production_site(keep=False, users=False):
    """The demo site under the production settings behind a local TLS proxy (see the module docstring).

    `users=True` also makes the demo users (`manage.py ensure_demo_users`: admin, editor, ...; password
    `changeme`), for audits that sign in to the admin.
    """
    folder = Path(tempfile.mkdtemp(prefix="clinicsite-audit-"))
    https_port, http_port, upstream = free_port(), free_port(), free_port()
    site = Site(https_port=https_port, http_port=http_port, ca_file=folder / "certs" / "ca.pem", folder=folder)
    site.environment = environment(folder, https_port)
    make_certificates(folder / "certs")
    processes = {}
    try:
        print("audit: preparing a throwaway demo site (migrate, demo content, collectstatic)", flush=True)
        # System checks are CI's job (`check --deploy`, .ci/run); here only the site is served.
        site.manage("migrate", "--noinput", "--skip-checks")
        site.manage("load_demo_site", "--skip-checks", settings="clinicsite.settings.dev")
        if users:
            site.manage("ensure_demo_users", "--skip-checks", settings="clinicsite.settings.dev")
        site.manage("collectstatic", "--noinput", "--skip-checks")
        with (folder / "gunicorn.log").open("w") as log:
            processes["gunicorn"] = subprocess.Popen(  # noqa: S603 - our own command line
                [GUNICORN, "clinicsite.wsgi", "--bind", f"127.0.0.1:{upstream}", "--workers", "2"],
                cwd=ROOT,
                env=site.environment,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        with (folder / "tls_proxy.log").open("w") as log:
            processes["tls_proxy"] = subprocess.Popen(  # noqa: S603 - our own command line
                [
                    PYTHON,
                    str(AUDIT / "tls_proxy.py"),
                    "--upstream",
                    str(upstream),
                    "--https-port",
                    str(https_port),
                    "--http-port",
                    str(http_port),
                    "--certs",
                    str(folder / "certs"),
                ],
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        wait_until_serving(site, processes)
        print(f"audit: serving {site.https_url('/')} (production settings, gunicorn behind a TLS proxy)", flush=True)
        yield site
    finally:
        for process in reversed(list(processes.values())):
            stop(process)
        if keep:
            print(f"audit: kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
