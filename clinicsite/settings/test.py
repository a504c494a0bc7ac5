"""Test settings: fast password hashing, emails kept in memory, SQLite unless DATABASE_URL is set."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import CACHES, INSTALLED_APPS

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# The demo clinic (demo/): its content, loader and demo users. Never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
# Tests only: a public key, so every test run encrypts the same way whatever the environment says.
SUBMISSION_ENCRYPTION_KEYS = ["dGVzdC1vbmx5IGtleSwgbm90IGZvciByZWFsIHVzZSE="]  # "test-only key, not for real use!"

# Tests sign in without a second factor unless they test it (tests/home/test_two_factor.py
# turns this on, as production has it).
MFA_REQUIRED = False

# Uploaded images go to a scratch folder and are served, so browser tests see them.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "clinicsite-test-media"
SERVE_MEDIA = True

# Background tasks run at once, in the test's own process: a submission's notification
# is sent (or fails) inside the request. The tests of the worker configure the
# database backend themselves (tests/forms/test_notifications_worker.py).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "notifications": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

# The page cache (core/caching.py) lives in this process's memory, emptied before every test
# (tests/conftest.py). It is off unless a test turns it on (tests/core/test_page_cache.py,
# test_cache_policy.py): the other tests measure and read the uncached render.
PAGE_CACHE_ENABLED = False
# Fragments are on, as in production: a test that changes what a page shows sees it at once, as an
# editor would (every change purges them), unless it changes rows behind Django's signals (.update()).
FRAGMENT_CACHE_ENABLED = True
CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}}
