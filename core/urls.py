"""The self-check questionnaires' no-JavaScript result (core/self_check_views.py), included by clinicsite/urls.py."""

from django.urls import path

from . import self_check_views

urlpatterns = [
    path("<slug:instrument>/", self_check_views.self_check, name="self_check"),
]
