"""Uploaded documents are served only by Wagtail's document view, which checks their collection's privacy.

The media route (DEBUG or SERVE_MEDIA, clinicsite/media.py) serves Wagtail's image folders and
nothing else of MEDIA_ROOT: a document's file URL under /media/documents/ is a 404 in every mode,
however the path is written. docs/deployment.md says the same for the web server in front.
"""

import importlib

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import clear_url_caches, reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from clinicsite import urls as site_urls

pytestmark = pytest.mark.django_db

SECRET_TEXT = b"%PDF-1.4 Discharge summary: not for the public"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def collection(name, **restriction):
    child = Collection.get_first_root_node().add_child(name=name)
    if restriction:
        CollectionViewRestriction.objects.create(collection=child, **restriction)
    return child


def document(in_collection, filename="discharge-summary.pdf"):
    return get_document_model().objects.create(
        title="Discharge summary", file=ContentFile(SECRET_TEXT, name=filename), collection=in_collection
    )


@pytest.fixture
def password_protected():
    return document(
        collection("Password protected", restriction_type=CollectionViewRestriction.PASSWORD, password="s3cret")
    )


@pytest.fixture
def staff_only():
    return document(collection("Staff only", restriction_type=CollectionViewRestriction.LOGIN))


def content(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def media_paths(file_name):
    """The ways a client may write a document's file URL under /media/."""
    return [
        f"/media/{file_name}",
        f"/media//{file_name}",
        f"/media/./{file_name}",
        f"/media/images/../{file_name}",
        f"/media/original_images/../../media/{file_name}",
        "/media/documents/",
        "/media/documents",
    ]


def test_documents_are_served_by_wagtails_view():
    assert django_settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_a_private_document_is_never_served_from_media(client, password_protected, staff_only, media_root):
    for private in (password_protected, staff_only):
        assert private.file.name.startswith("documents/")
        assert (media_root / private.file.name).read_bytes() == SECRET_TEXT  # the file is there
        for url in media_paths(private.file.name):
            response = client.get(url)
            assert response.status_code == 404, url
            assert SECRET_TEXT not in content(response), url


def test_a_password_protected_document_needs_its_password(client, password_protected):
    response = client.get(password_protected.url)
    assert response.status_code == 200
    assert SECRET_TEXT not in content(response)
    assert b'name="password"' in response.content  # Wagtail's password form

    restriction = password_protected.collection.get_view_restrictions().get()
    unlock = reverse("wagtaildocs_authenticate_with_password", args=[restriction.id])
    client.post(unlock, {"password": "wrong", "return_url": password_protected.url})
    assert SECRET_TEXT not in content(client.get(password_protected.url))
    client.post(unlock, {"password": "s3cret", "return_url": password_protected.url})
    response = client.get(password_protected.url)
    assert response.status_code == 200
    assert content(response) == SECRET_TEXT
    assert client.get(f"/media/{password_protected.file.name}").status_code == 404  # still never there


def test_a_staff_only_document_needs_a_signed_in_user(client, staff_only):
    response = client.get(staff_only.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailcore_login"))  # Wagtail's sign-in for visitors
    assert SECRET_TEXT not in content(response)

    client.force_login(get_user_model().objects.create_user("reader", "reader@clinic.example", "x"))
    response = client.get(staff_only.url)
    assert response.status_code == 200
    assert content(response) == SECRET_TEXT


def test_a_public_document_is_streamed_by_the_view_not_sent_to_media(client):
    public = document(Collection.get_first_root_node(), filename="leaflet.pdf")
    response = client.get(public.url)
    assert response.status_code == 200
    assert content(response) == SECRET_TEXT
    assert client.get(f"/media/{public.file.name}").status_code == 404


def test_images_are_still_served_from_media_in_development(client, media_root):
    for folder in ("original_images", "images"):
        (media_root / folder).mkdir()
        (media_root / folder / "calm-water.png").write_bytes(PNG)
        response = client.get(f"/media/{folder}/calm-water.png")
        assert response.status_code == 200
        assert content(response) == PNG


def test_nothing_else_in_media_is_served(client, media_root):
    (media_root / "exports").mkdir()
    (media_root / "exports" / "submissions.csv").write_text("name,phone\n")
    (media_root / "notes.txt").write_text("private")
    for url in ("/media/exports/submissions.csv", "/media/notes.txt", "/media/", "/media/images/../notes.txt"):
        assert client.get(url).status_code == 404, url


@pytest.fixture
def urls_in_mode(settings):
    """clinicsite.urls as built under other DEBUG and SERVE_MEDIA values; the test settings' again afterwards."""
    saved = settings.DEBUG, settings.SERVE_MEDIA

    def build(*, debug, serve_media):
        settings.DEBUG, settings.SERVE_MEDIA = debug, serve_media
        importlib.reload(site_urls)
        clear_url_caches()

    yield build
    settings.DEBUG, settings.SERVE_MEDIA = saved
    importlib.reload(site_urls)
    clear_url_caches()


@pytest.mark.parametrize(("debug", "serve_media"), [(True, False), (False, True), (True, True), (False, False)])
def test_in_every_mode_documents_are_not_under_media(urls_in_mode, staff_only, debug, serve_media):
    urls_in_mode(debug=debug, serve_media=serve_media)
    browser = Client(raise_request_exception=False)
    for url in media_paths(staff_only.file.name):
        response = browser.get(url, follow=True)  # "/media/documents" may first get its slash
        assert response.status_code == 404, (url, debug, serve_media)
        assert SECRET_TEXT not in content(response)
