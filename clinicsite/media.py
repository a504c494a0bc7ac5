"""Uploaded images served by Django itself, for one machine with no web server in front."""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

# The folders of MEDIA_ROOT that may be served as plain files: Wagtail's images (the originals
# and their renditions). Documents (`documents/`) are never among them: they are served only by
# Wagtail's document view, which checks their collection's privacy first.
SERVED_MEDIA_FOLDERS = ("original_images", "images")


def serve_media(request, path):
    """An uploaded image from MEDIA_ROOT; 404 for anything else there, documents included."""
    clean = posixpath.normpath(path).lstrip("/")
    if clean.split("/", 1)[0] not in SERVED_MEDIA_FOLDERS or "/" not in clean:
        raise Http404
    return serve(request, clean, document_root=settings.MEDIA_ROOT)
