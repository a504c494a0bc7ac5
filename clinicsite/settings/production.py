"""Production settings: refuse to start without a secret key, allowed hosts and submission encryption keys."""

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

# Behind a TLS-terminating proxy or CDN that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
