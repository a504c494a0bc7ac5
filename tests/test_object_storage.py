"""Uploaded media on S3-compatible object storage (settings/base.py, "Object storage").

A real S3-compatible server, moto in server mode, runs on a free loopback port for this module;
each test gets a bucket of its own, set up as docs/deployment.md ("More than one machine") says:
no public object ACLs, a bucket policy that lets anyone read the image folders and nothing else.
STORAGES is built by the same function the settings use for AWS_STORAGE_BUCKET_NAME and friends.

- an image uploaded through the admin lands in the bucket; the home page's renditions are made
  there and linked by plain (unsigned) bucket URLs that answer a visitor;
- a document uploaded through the admin lands in the bucket, is streamed to a visitor by
  /documents/<id>/<name>, and its object cannot be read anonymously from the bucket;
- a bad object-storage configuration stops start-up with a one-line message.
"""

import io
import json
import os
import re
import secrets
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from clinicsite.settings.base import OBJECT_STORAGE_PUBLIC_FOLDERS, object_storage

PROJECT_DIR = Path(__file__).resolve().parents[1]
REGION = "us-east-1"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test-only-key-id", "AWS_SECRET_ACCESS_KEY": "test-only-secret"}  # moto takes any
DOCUMENT = b"%PDF-1.4 Aftercare leaflet: for patients, through the site only"
STOPPED = 3  # clinicsite.settings.base.stop()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a free loopback port, for this module; stopped at the end."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: object

    def stored_keys(self):
        listing = self.client.list_objects_v2(Bucket=self.name)
        return [item["Key"] for item in listing.get("Contents", [])]

    def object_url(self, key):
        return f"{self.endpoint}/{self.name}/{key}"


def public_image_folders_policy(bucket):
    """The bucket policy docs/deployment.md gives: anyone may read the image folders, nothing else."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicImages",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": [f"arn:aws:s3:::{bucket}/{folder}/*" for folder in OBJECT_STORAGE_PUBLIC_FOLDERS],
                }
            ],
        }
    )


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A new bucket, and STORAGES["default"] on it as the settings make it from the environment."""
    name = f"clinic-media-{secrets.token_hex(4)}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name)
    client.put_bucket_policy(Bucket=name, Policy=public_image_folders_policy(name))
    storage = object_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": name,
            "AWS_S3_ENDPOINT_URL": s3_endpoint,
            "AWS_S3_REGION_NAME": REGION,
            **CREDENTIALS,
        }
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    return Bucket(name=name, endpoint=s3_endpoint, client=client)


@pytest.fixture
def admin_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("media", "media@clinic.example", "x"))
    return client


def png(width=320, height=240):
    data = io.BytesIO()
    PILImage.new("RGB", (width, height), (70, 130, 120)).save(data, "PNG")
    return data.getvalue()


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_an_image_uploaded_in_the_admin_is_stored_and_its_renditions_served_from_the_bucket(
    bucket, admin_client, client, home_page
):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Treatment room",
            "description": "A reclining chair by a window in a quiet treatment room.",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("treatment-room.png", png(), content_type="image/png"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    image = get_image_model().objects.get(title="Treatment room")
    assert image.file.name == "original_images/treatment-room.png"
    assert image.file.name in bucket.stored_keys()

    home_page.hero_image = image
    home_page.save_revision().publish()
    admin_client.logout()
    page = client.get("/")
    assert page.status_code == 200
    html = page.content.decode()
    urls = set(re.findall(r'(?:src|srcset)="([^" ]+)', html)) | set(re.findall(r", ([^ ]+) \d+w", html))
    rendition_urls = {url for url in urls if "/images/" in url and not url.startswith("/static/")}
    assert rendition_urls, "the home page shows no rendition of its hero image"
    stored = set(bucket.stored_keys())
    for url in rendition_urls:
        assert url.startswith(f"{bucket.endpoint}/{bucket.name}/images/"), url
        assert "Signature" not in url and "?" not in url, url  # plain, not signed: it can be cached
        key = urlsplit(url).path.removeprefix(f"/{bucket.name}/")
        assert key in stored, url
        answer = requests.get(url, timeout=10)  # a visitor's browser: no credentials
        assert answer.status_code == 200, url
        assert answer.headers["Content-Type"].startswith("image/"), url
    assert requests.get(bucket.object_url(image.file.name), timeout=10).status_code == 200  # the original too


def test_a_document_is_stored_privately_and_streamed_by_the_document_view(bucket, admin_client, client):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Aftercare leaflet",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("aftercare.pdf", DOCUMENT, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    document = get_document_model().objects.get(title="Aftercare leaflet")
    assert document.file.name == "documents/aftercare.pdf"
    assert document.file.name in bucket.stored_keys()
    assert bucket.client.get_object(Bucket=bucket.name, Key=document.file.name)["Body"].read() == DOCUMENT

    admin_client.logout()
    assert document.url == f"/documents/{document.pk}/aftercare.pdf"  # the view, never the bucket
    served = client.get(document.url)
    assert served.status_code == 200
    assert content(served) == DOCUMENT

    # Straight from the bucket, without credentials: refused, by the bucket as configured.
    for url in (bucket.object_url(document.file.name), document.file.url):
        answer = requests.get(url, timeout=10)
        assert answer.status_code == 403, url
        assert DOCUMENT not in answer.content


def test_a_name_already_in_the_bucket_is_never_overwritten(bucket, db):
    first = get_document_model().objects.create(
        title="First",
        file=SimpleUploadedFile("consent.pdf", b"%PDF first"),
        collection=Collection.get_first_root_node(),
    )
    second = get_document_model().objects.create(
        title="Second",
        file=SimpleUploadedFile("consent.pdf", b"%PDF second"),
        collection=Collection.get_first_root_node(),
    )
    assert first.file.name != second.file.name
    first.file.open("rb")
    with first.file:
        assert first.file.read() == b"%PDF first"


def start(**env):
    """The settings loaded in a fresh interpreter, as a server starts, with these object-storage variables."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="clinicsite.settings.test")
    code = "import django; django.setup(); from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=PROJECT_DIR, env=clean, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"AWS_S3_ENDPOINT_URL": "https://s3.example.com"},
            "AWS_S3_ENDPOINT_URL set but AWS_STORAGE_BUCKET_NAME is empty",
        ),
        ({"AWS_STORAGE_BUCKET_NAME": "Clinic_Media"}, "AWS_STORAGE_BUCKET_NAME='Clinic_Media' is not a bucket name"),
        (
            {"AWS_STORAGE_BUCKET_NAME": "clinic-media", "AWS_S3_ENDPOINT_URL": "s3.example.com"},
            "AWS_S3_ENDPOINT_URL='s3.example.com' must be a URL",
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "clinic-media", "AWS_S3_CUSTOM_DOMAIN": "https://media.example.com"},
            "AWS_S3_CUSTOM_DOMAIN='https://media.example.com' must be a host name",
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "clinic-media", "AWS_S3_ADDRESSING_STYLE": "dns"},
            "AWS_S3_ADDRESSING_STYLE must be auto, path or virtual",
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "clinic-media", "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE"},
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together",
        ),
    ],
)
def test_a_bad_object_storage_configuration_is_refused_with_a_message(env, message, capsys):
    with pytest.raises(SystemExit) as stopped:
        object_storage(env)
    assert stopped.value.code == STOPPED
    assert message in capsys.readouterr().err


def test_without_a_bucket_uploads_stay_on_disk():
    assert object_storage({}) is None
    assert object_storage({"AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "y"}) is None  # e.g. for CloudFront


def test_a_bad_configuration_stops_start_up_in_one_line_and_a_good_one_starts():
    result = start(AWS_STORAGE_BUCKET_NAME="clinic-media", AWS_S3_ENDPOINT_URL="s3.example.com")
    assert result.returncode == STOPPED, result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]  # one line, no traceback
    assert "AWS_S3_ENDPOINT_URL='s3.example.com' must be a URL" in result.stderr

    result = start(AWS_STORAGE_BUCKET_NAME="clinic-media", AWS_S3_REGION_NAME=REGION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "storages.backends.s3.S3Storage"  # no request to any server at start-up


def test_behind_the_cdn_on_the_sites_host_image_urls_are_the_sites_own():
    """docs/deployment.md: the CDN serves /media/ from the bucket, so images are 'self' for the CSP."""
    from storages.backends.s3 import S3Storage

    storage = object_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": "clinic-media",
            "AWS_S3_CUSTOM_DOMAIN": "www.clinic.example",
            "AWS_LOCATION": "media",
        }
    )
    backend = S3Storage(**storage["OPTIONS"])
    assert backend.url("images/calm.width-800.jpg") == "https://www.clinic.example/media/images/calm.width-800.jpg"
    assert backend._normalize_name("images/calm.width-800.jpg") == "media/images/calm.width-800.jpg"  # its key


@pytest.mark.parametrize(
    ("environment", "origins"),
    [
        ({}, []),
        (
            {"AWS_STORAGE_BUCKET_NAME": "clinic-media", "AWS_S3_REGION_NAME": "eu-central-1"},
            ["https://clinic-media.s3.amazonaws.com", "https://clinic-media.s3.eu-central-1.amazonaws.com"],
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "clinic-media", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"},
            ["http://127.0.0.1:9000", "http://clinic-media.127.0.0.1:9000"],
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "clinic-media", "AWS_S3_CUSTOM_DOMAIN": "media.clinic.example/uploads"},
            ["https://media.clinic.example"],
        ),
    ],
)
def test_the_pages_policy_allows_images_from_where_the_bucket_serves_them(environment, origins):
    from clinicsite.settings import base

    assert base.media_origins(base.object_storage(environment)) == origins
