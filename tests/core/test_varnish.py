"""A real Varnish in front of the site, with the configuration the deployment guide ships (docs/varnish.vcl).

The site is served by pytest-django's live server; Varnish (Debian's varnish package) runs on a free
loopback port in front of it, and wagtail.contrib.frontend_cache purges it with HTTP PURGE requests
(FRONTEND_CACHE=http). Without varnishd these tests are skipped locally and fail under CI=true.
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from wagtail.models import Site

from home.models import ClinicSettings
from tests.factories import site_root_home_page
from tests.factories.home import StandardPageFactory

ROOT = Path(__file__).resolve().parents[2]
VCL = ROOT / "docs" / "varnish.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # keeps Wagtail's own rows (locale, root page) for the tests after


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"varnishd exited during start-up (status {process.returncode})")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail("varnishd did not listen in time")


@pytest.fixture
def varnish(live_server, settings):
    """Varnish on a free port in front of the live server; its base URL. Stopped by its own pid."""
    if not Path(VARNISHD).exists():
        message = "varnishd not found: install Debian's varnish package"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(message)
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="clinicsite-varnish-"))
    folder.chmod(0o755)  # varnishd's worker runs as its own user
    backend_port = urlsplit(live_server.url).port
    shipped = VCL.read_text()
    assert '.port = "8000";' in shipped
    vcl = folder / "test.vcl"
    vcl.write_text(shipped.replace('.port = "8000";', f'.port = "{backend_port}";'))
    vcl.chmod(0o644)
    port = free_port()
    command = [
        VARNISHD,
        "-F",
        "-n",
        str(folder / "work"),
        "-a",
        f"127.0.0.1:{port}",
        "-f",
        str(vcl),
        "-s",
        "malloc,16m",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603 - our own command line
    try:
        wait_for_port(port, process)
        base = f"http://127.0.0.1:{port}"
        # The site's public address is Varnish's: the URLs Wagtail purges are the ones visitors ask for.
        Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=port)
        settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
        settings.WAGTAILFRONTENDCACHE = {
            "cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": base}
        }
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def about(db):
    home = site_root_home_page()
    return StandardPageFactory(parent=home, title="About the clinic", slug="about")


def get(url, **kwargs):
    response = requests.get(url, timeout=30, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_varnish_keeps_a_public_page_and_a_publish_purges_it_at_once(about, varnish):
    url = varnish + "/about/"
    first = get(url)
    assert first.headers["X-CDN-Cache"] == "miss"
    assert "s-maxage=" in first.headers["Cache-Control"]
    second = get(url)
    assert second.headers["X-CDN-Cache"] == "hit"
    assert second.text == first.text

    about.title = "About our clinic team"
    about.save_revision().publish()

    after = get(url)
    assert after.headers["X-CDN-Cache"] == "miss"
    assert "About our clinic team" in after.text
    assert get(url).headers["X-CDN-Cache"] == "hit"


def test_a_change_shown_on_every_page_purges_every_page_from_varnish(about, varnish):
    home_url, about_url = varnish + "/", varnish + "/about/"
    for url in (home_url, about_url):
        get(url)
        assert get(url).headers["X-CDN-Cache"] == "hit"

    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    clinic.phone = "(555) 010-9999"
    clinic.save()

    for url in (home_url, about_url):
        response = get(url)
        assert response.headers["X-CDN-Cache"] == "miss", url
        assert "(555) 010-9999" in response.text, url


def test_tracking_parameters_share_the_pages_copy(about, varnish):
    get(varnish + "/about/")
    campaign = get(varnish + "/about/?utm_source=newsletter&utm_medium=email")
    assert campaign.headers["X-CDN-Cache"] == "hit"


def test_a_signed_in_request_is_never_kept_by_varnish(about, varnish, settings):
    cookie = {settings.SESSION_COOKIE_NAME: "not-a-real-session"}
    for _ in range(2):
        assert get(varnish + "/about/", cookies=cookie).headers["X-CDN-Cache"] == "miss"
    admin = requests.get(varnish + "/admin/login/", timeout=30)
    assert "no-store" in admin.headers["Cache-Control"]
    assert requests.get(varnish + "/admin/login/", timeout=30).headers["X-CDN-Cache"] == "miss"


def purge_from(address, url):
    """The status of a PURGE of `url` sent from the loopback address `address`."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30, source_address=(address, 0))
    try:
        connection.request("PURGE", parts.path)
        return connection.getresponse().status
    finally:
        connection.close()


def test_only_the_apps_own_machines_may_purge(about, varnish):
    get(varnish + "/about/")
    assert purge_from("127.0.0.2", varnish + "/about/") == 403  # not in the purgers ACL
    assert get(varnish + "/about/").headers["X-CDN-Cache"] == "hit"
    assert purge_from("127.0.0.1", varnish + "/about/") == 200
    assert get(varnish + "/about/").headers["X-CDN-Cache"] == "miss"
