"""The bench's floor: a constant response through the site's whole middleware (bench/pages.py).

Served beside the site's own URLs, by the bench's gunicorns only (bench/floor_settings.py).
"""

from django.http import HttpResponse
from django.urls import path

from clinicsite.urls import urlpatterns as site_urlpatterns


def floor(request):
    return HttpResponse(b"floor\n", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), *site_urlpatterns]
