"""Production settings: refuse to start without a secret key, allowed hosts and submission encryption keys."""

import os

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    DEV_ONLY_SUBMISSION_ENCRYPTION_KEY,
    MIDDLEWARE,
    SECRET_KEY,
    STORAGES,
    SUBMISSION_ENCRYPTION_KEYS,
    env_bool,
    env_int,
    stop,
)

DEBUG = False

if not SECRET_KEY:
    stop(
        "SECRET_KEY is not set. Set it to a long random string, e.g. the output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not ALLOWED_HOSTS:
    stop(
        "ALLOWED_HOSTS is not set. Set it to the site's host names, comma-separated, e.g. ALLOWED_HOSTS=clinic.example.com"
    )
if not SUBMISSION_ENCRYPTION_KEYS:
    stop(
        "SUBMISSION_ENCRYPTION_KEYS is not set. Form submissions are encrypted at rest: set it to a Fernet key, made with: python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
    )
if DEV_ONLY_SUBMISSION_ENCRYPTION_KEY in SUBMISSION_ENCRYPTION_KEYS:
    stop(
        "SUBMISSION_ENCRYPTION_KEYS holds the public development key. Make a real one with: python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
    )

# Static files are compressed and fingerprinted by `manage.py collectstatic`
# and served by WhiteNoise, right after SecurityMiddleware, with far-future cache headers.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Behind a TLS-terminating proxy or CDN that sets X-Forwarded-Proto (docs/deployment.md,
# "Security headers"). `manage.py check --deploy --fail-level WARNING` passes with these
# defaults; .ci/run checks it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
# Where the redirect to HTTPS goes, when not to the host asked for (e.g. "clinic.example.com",
# or "localhost:8443" for the local audit, audit/run.py). Empty: the same host.
SECURE_SSL_HOST = os.environ.get("SECURE_SSL_HOST", "") or None
# HSTS for a year, for every subdomain, with consent to the browsers' preload list. Turn
# SECURE_HSTS_INCLUDE_SUBDOMAINS off only if a subdomain of the site's domain is still served
# over plain HTTP; submitting the domain to hstspreload.org is a separate, deliberate step.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)

# Cookies: Secure, and named with the __Host- prefix, so a browser accepts them only over
# HTTPS, from this host itself, for Path=/ and with no Domain: no subdomain (and no network
# attacker) can set or overwrite them. Development serves plain HTTP, so only production does
# this; nothing reads the names but Django (the admin and forms.js take the CSRF token from
# the page or the fresh-token endpoint, never from the cookie, which is HttpOnly: base.py).
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
