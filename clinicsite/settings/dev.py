"""Development settings: DEBUG on, a fixed development key, emails to the console."""

import os

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    DEV_ONLY_SUBMISSION_ENCRYPTION_KEY,
    INSTALLED_APPS,
    SECRET_KEY,
    SUBMISSION_ENCRYPTION_KEYS,
    env_bool,
)

DEBUG = True

# Development only: this key is public, in the repository. Never use it in production.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
# Development only: submissions in a dev database are encrypted with this public key.
SUBMISSION_ENCRYPTION_KEYS = SUBMISSION_ENCRYPTION_KEYS or [DEV_ONLY_SUBMISSION_ENCRYPTION_KEY]

# Two-step verification is asked of whoever set it up; set MFA_REQUIRED=true to make
# every demo user set it up at sign-in, as production does (README).
MFA_REQUIRED = env_bool("MFA_REQUIRED", default=False)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# The demo clinic (demo/): its content, loader and demo users. Never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# No page cache unless PAGE_CACHE=true: a template being edited would otherwise be hidden behind the
# copy cached before (the Cache-Control headers are the same as in production).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", default=False)
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE", default=PAGE_CACHE_ENABLED)
