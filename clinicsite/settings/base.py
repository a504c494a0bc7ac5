"""Settings shared by every environment.

All configuration comes from environment variables and is read here, in one
place; dev.py, production.py and test.py only choose defaults and refuse to start
when something they need is missing.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def stop(message):
    """Stop start-up with a one-line message instead of a traceback.

    The exit status is 3, gunicorn's "worker failed to boot": its master then
    shuts down instead of starting the failing worker again and again.
    """
    sys.stderr.write(f"clinicsite: {message}\n")
    raise SystemExit(3)


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name, "")
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        stop(f"{name} must be a whole number, got {value!r}.")


def env_required(name):
    """The variable's value; start-up stops, naming it, when it is empty."""
    value = os.environ.get(name, "").strip()
    if not value:
        stop(f"{name} must be set.")
    return value


# --- Secrets and hosts -------------------------------------------------------
# dev.py and test.py supply development-only fallbacks; production.py refuses
# to start without real values.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DEBUG = False

# Base URL of the site, used for links in notification emails. No trailing slash.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


# --- Database ----------------------------------------------------------------
# DATABASE_URL switches from the embedded SQLite file to PostgreSQL, e.g.
# postgres://user:password@127.0.0.1:5432/clinicsite
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    try:
        _database = dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        stop(f"DATABASE_URL is not a valid database URL ({error}). Example: postgres://user:password@host:5432/name")
    if not _database.get("ENGINE") or not _database.get("NAME"):
        stop("DATABASE_URL must name a database engine and a database, e.g. postgres://user@host:5432/clinicsite")
else:
    _database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }

if _database["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent form posts otherwise fail with "database is locked": take the
    # write lock at the start of each transaction and wait for it, with WAL so
    # readers never block the writer.
    _database["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    _database.pop("CONN_HEALTH_CHECKS", None)

DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- Cache -------------------------------------------------------------------
# REDIS_URL gives every process one shared cache; without it each process has
# its own in memory, which is right for one machine.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "clinicsite",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "clinicsite",
        }
    }


# --- Email ---------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# Seconds to wait on the mail server. Notifications are sent by the worker, not in a
# visitor's request, so a short timeout only means a hung server is retried sooner.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 5)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "clinic website <no-reply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL


# --- Applications --------------------------------------------------------
INSTALLED_APPS = [
    # The project's apps, from the top layer down (docs/architecture.md).
    "home",
    "blog",
    "treatments",
    "core",
    "forms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",  # editors pin pages to searches; the search-terms report
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",  # staff sign-in lockout: see "Staff sign-in" below
    # Staff sign-in's second factor: see "Two-step verification" below.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # gzip for the public site's text, on the way out (clinicsite/middleware.py); a page cache hit
    # comes compressed already.
    "clinicsite.middleware.CompressTextMiddleware",
    # The page cache and every response's Cache-Control (core/caching.py, "Page cache" below). A hit
    # is answered here, before sessions, users and the page are looked at: only requests without a
    # session cookie get one. Its copy carries the CSP and framing headers the middlewares below
    # added; SecurityMiddleware above still adds its own. production.py puts WhiteNoise before it.
    "core.caching.PageCacheMiddleware",
    # Before anything reads request.POST (the CSRF check): a body Django cannot read is
    # read once and becomes no fields, never a 500 (forms/request_checks.py).
    "clinicsite.middleware.ReadableRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user as verified once a second factor was given in this session.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs staff out after SESSION_IDLE_TIMEOUT_MINUTES idle or SESSION_MAX_HOURS in all.
    "home.staff_sessions.StaffSessionMiddleware",
    # No admin URL before the second factor (home/two_factor/middleware.py).
    "home.two_factor.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clinicsite.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinicsite.urls"
WSGI_APPLICATION = "clinicsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

AUTH_USER_MODEL = "home.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True


# --- Static and media files -------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "collected-static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Serve uploaded images from Django itself when no web server or object storage does. Only
# the image folders are served under MEDIA_URL (clinicsite/urls.py), never `documents/`.
SERVE_MEDIA = env_bool("SERVE_MEDIA")
# Documents are served only by Wagtail's document view (/documents/<id>/<filename>), which
# checks the collection's privacy (login, password, groups) first: never a plain file URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


# --- Object storage (docs/deployment.md, "More than one machine") --------------------------
# AWS_STORAGE_BUCKET_NAME puts uploaded images and documents in an S3-compatible bucket
# (django-storages' S3 backend) instead of MEDIA_ROOT, so every machine sees the same files.
# Static files stay with WhiteNoise. The bucket holds no public-read ACL on any object:
# documents stay private and are streamed by Wagtail's document view (WAGTAILDOCS_SERVE_METHOD
# above), and a bucket policy (docs/deployment.md) makes only the image folders, `images/` and
# `original_images/`, readable by anyone. So URLs are plain, never signed (AWS_QUERYSTRING_AUTH
# off): a signed URL would expire inside the page cache and the CDN. A file never replaces
# another of the same name (as on disk). Credentials: AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or, when both are empty, whatever boto3 finds (an instance role).
# The Content-Security-Policy's img-src names the bucket's host (MEDIA_ORIGINS, below); best is
# the bucket behind the CDN on the site's own host, AWS_S3_CUSTOM_DOMAIN=<the site's host> with
# AWS_LOCATION=media, so an image's URL is https://<the site's host>/media/images/<name>.
_OBJECT_STORAGE_VARIABLES = (
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_S3_ADDRESSING_STYLE",
    "AWS_LOCATION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
)
OBJECT_STORAGE_PUBLIC_FOLDERS = ("images", "original_images")  # as clinicsite/media.py serves


def object_storage(environ):
    """The STORAGES entry for the bucket `environ` names, or None without one; stops on a bad value."""
    import re  # here, not among the file's imports: only this section needs it

    value = {name: environ.get(name, "").strip() for name in ("AWS_STORAGE_BUCKET_NAME", *_OBJECT_STORAGE_VARIABLES)}
    bucket = value["AWS_STORAGE_BUCKET_NAME"]
    if not bucket:
        if given := [name for name in _OBJECT_STORAGE_VARIABLES[:5] if value[name]]:
            stop(f"{', '.join(given)} set but AWS_STORAGE_BUCKET_NAME is empty: name the bucket, or unset them.")
        return None
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", bucket):
        stop(f"AWS_STORAGE_BUCKET_NAME={bucket!r} is not a bucket name: 3-63 lowercase letters, digits, dots, -.")
    endpoint = value["AWS_S3_ENDPOINT_URL"]
    if endpoint and not re.fullmatch(r"https?://[^/\s]+/?", endpoint):
        stop(f"AWS_S3_ENDPOINT_URL={endpoint!r} must be a URL without a path, e.g. https://s3.eu-central-1.example.com")
    domain = value["AWS_S3_CUSTOM_DOMAIN"]
    if domain and not re.fullmatch(r"[^/:\s]+(:\d+)?(/[^\s]*)?", domain):
        stop(f"AWS_S3_CUSTOM_DOMAIN={domain!r} must be a host name (and path), no https://: media.clinic.example")
    if value["AWS_S3_ADDRESSING_STYLE"] not in ("", "auto", "path", "virtual"):
        stop("AWS_S3_ADDRESSING_STYLE must be auto, path or virtual.")
    location = value["AWS_LOCATION"].strip("/")
    if not re.fullmatch(r"[\w.-]*(/[\w.-]+)*", location):
        stop(f"AWS_LOCATION={location!r} must be a folder name (letters, digits, . - _), e.g. media")
    if bool(value["AWS_ACCESS_KEY_ID"]) != bool(value["AWS_SECRET_ACCESS_KEY"]):
        stop("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together (or both left empty for boto3's own).")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint.rstrip("/") or None,
            "region_name": value["AWS_S3_REGION_NAME"] or None,
            "access_key": value["AWS_ACCESS_KEY_ID"] or None,
            "secret_key": value["AWS_SECRET_ACCESS_KEY"] or None,
            "custom_domain": domain.rstrip("/") or None,  # a CDN or the bucket's own host name
            "addressing_style": value["AWS_S3_ADDRESSING_STYLE"] or None,
            "location": location,  # a folder in the bucket that every key starts with
            "default_acl": None,  # no object ACL: the bucket policy decides who may read
            "querystring_auth": False,
            "file_overwrite": False,
            # Images: browsers and the CDN keep them a month (file names change with the content).
            "object_parameters": {"CacheControl": "public, max-age=2592000"},
        },
    }


def media_origins(storage):
    """Where image URLs point when uploads are in a bucket: the origins the CSP's img-src must name."""
    if storage is None:
        return []
    options = storage["OPTIONS"]
    if options["custom_domain"]:
        return [f"https://{options['custom_domain'].split('/')[0]}"]
    bucket = options["bucket_name"]
    if options["endpoint_url"]:
        scheme, _, host = options["endpoint_url"].partition("://")
        return [f"{scheme}://{host}", f"{scheme}://{bucket}.{host}"]  # path-style and virtual-host URLs
    region = options["region_name"]
    return [f"https://{bucket}.s3.amazonaws.com", *([f"https://{bucket}.s3.{region}.amazonaws.com"] if region else [])]


_object_storage = object_storage(os.environ)
if _object_storage:
    STORAGES["default"] = _object_storage
MEDIA_ORIGINS = media_origins(_object_storage)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# --- Security headers: CSP, Permissions-Policy, framing, cookies (docs/deployment.md) --------
# Every response gets them from clinicsite.middleware.ContentSecurityPolicyMiddleware, Django's
# SecurityMiddleware (nosniff, Referrer-Policy, Cross-Origin-Opener-Policy; HSTS in production)
# and XFrameOptionsMiddleware. tests/test_security_headers.py checks them on every page.
_PLAYERS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]  # the Video block's two players

# The public site: nothing is allowed unless named. No inline script or style, no eval, no
# framing (a page previewed in the admin is framed by the admin only: clinicsite/middleware.py),
# forms post only here, videos play only from the two players.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *MEDIA_ORIGINS],  # uploads in a bucket on another host (object storage)
        "frame-src": _PLAYERS,
        "connect-src": ["'self'"],  # forms.js: the fresh-token endpoint
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
# The Wagtail admin, signed in. Wagtail 8 needs three exceptions, and only here:
# - script-src 'unsafe-inline': its widgets start themselves with inline <script> elements
#   whose text differs on every page (so no hash fits, and nothing can add a nonce to them):
#   every chooser (BaseChooser.render), InlinePanel, MultipleChooserPanel, the date and time
#   pickers of listings and schedules; its modals run the inline scripts of the HTML they
#   fetch; the focal-point editor (Jcrop) uses inline event handlers.
# - style-src 'unsafe-inline': the page editor's scripts (Draftail, StreamField, tooltips)
#   insert <style> elements and style attributes.
# - img-src blob: data:: an image picked for upload is previewed from a blob: before it is
#   sent; jQuery UI's menu (tag suggestions) draws its items with a data: image.
# Each was checked in Chromium by taking it away (tests/e2e/test_admin_csp.py fails on any
# refusal). Nothing needs 'unsafe-eval' (the editor's checks panel included), https: images or
# frames (no Gravatar, no provider thumbnails). frame-ancestors follows Wagtail: 'self' for the
# preview views it lets the editor frame (X-Frame-Options: SAMEORIGIN), 'none' everywhere else.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *MEDIA_ORIGINS],
    "font-src": ["'self'"],
    "frame-src": ["'self'", *_PLAYERS],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
# The admin pages anyone can reach without signing in (sign-in, password reset): they render
# no widget with an inline script, so they get the public site's strictness.
ADMIN_SIGN_IN_CONTENT_SECURITY_POLICY = {
    **ADMIN_CONTENT_SECURITY_POLICY,
    "script-src": ["'self'"],
    "style-src": ["'self'"],
}

# Browser features no page of the site uses are off for it and every frame in it. The players
# may autoplay (loaded by the visitor's press on play, they start without a second press), go
# full screen, picture-in-picture and play protected media; passkeys (the admin's second
# factor) and the clipboard keep the browser's default, this site only.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": ["self", *_PLAYERS],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": ["self", *_PLAYERS],
    "fullscreen": ["self", *_PLAYERS],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "local-fonts": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self", *_PLAYERS],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
# No other site may embed this site's responses (pages, images, files) with <img>, <script> or
# fetch(); Django sends Cross-Origin-Opener-Policy: same-origin by default.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No page may be framed; Wagtail's preview views say SAMEORIGIN themselves.
X_FRAME_OPTIONS = "DENY"
# The CSRF cookie: never readable by scripts (Wagtail's admin and forms.js take the token from
# the page or the form's fresh-token endpoint), and gone when the browser closes, not kept a
# year. It is set only by a page that shows a form (tests/test_security_headers.py).
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_AGE = None


# --- Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Clinic")
WAGTAILIMAGES_IMAGE_MODEL = "home.ClinicImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send staff email hashes to a third party, and the admin's CSP blocks it.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# A page that passed its workflow (e.g. Medical review) is published even when the
# last approver, a clinical reviewer, may not publish pages herself (home/workflows.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "home.workflows.publish_approved"
# Approving a medical page in Medical review sets its next review this many months
# ahead; the reviewer may choose an earlier date (home/models/medical_review.py).
MEDICAL_REVIEW_INTERVAL_MONTHS = env_int("MEDICAL_REVIEW_INTERVAL_MONTHS", 12)


# --- Forms (forms/, docs/forms.md) ---------------------------------------------
# A form POST larger than this gets the 413 page.
FORMS_MAX_BODY_BYTES = env_int("FORMS_MAX_BODY_BYTES", 100 * 1024)
# Spam checks: the fewest seconds between showing a form and sending it, the most
# (keep it longer than any cache keeps pages), and how many submissions one address
# may send in a window (0 turns the limit off).
FORMS_MIN_SECONDS = env_int("FORMS_MIN_SECONDS", 3)
FORMS_MAX_AGE_SECONDS = env_int("FORMS_MAX_AGE_SECONDS", 2 * 24 * 60 * 60)
FORMS_RATE_LIMIT = env_int("FORMS_RATE_LIMIT", 10)
FORMS_RATE_LIMIT_WINDOW_SECONDS = env_int("FORMS_RATE_LIMIT_WINDOW_SECONDS", 10 * 60)
# Behind a proxy or CDN: the request header that carries the visitor's address
# (e.g. X-Real-IP). Empty: the address of the connection (REMOTE_ADDR).
FORMS_CLIENT_IP_HEADER = os.environ.get("FORMS_CLIENT_IP_HEADER", "")
# A form page whose cached copy carried a stale CSRF token is shown again with
# what the visitor typed, instead of Django's bare 403 page.
CSRF_FAILURE_VIEW = "forms.views.csrf_failure"


# --- Background tasks (django-tasks) ---------------------------------------------
# "default" is where Wagtail's own tasks go (search and reference index updates):
# they run at once, in the process that queues them, as before. "notifications"
# holds the form notification emails (forms/tasks.py): stored in the database
# (django-tasks-db) and sent by the worker, `manage.py db_worker --backend
# notifications` (started by `make run`; a systemd unit in production,
# docs/deployment.md), so a slow or hung mail server never holds up a visitor.
# test.py runs both at once.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "notifications": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# A notification email is tried this many times, waiting FORMS_NOTIFICATION_RETRY_SECONDS
# after the first failure and four times as long after each next one (1, 4, 16, 64
# minutes by default); after the last, the submission shows "Notification failed".
FORMS_NOTIFICATION_ATTEMPTS = env_int("FORMS_NOTIFICATION_ATTEMPTS", 5)
FORMS_NOTIFICATION_RETRY_SECONDS = env_int("FORMS_NOTIFICATION_RETRY_SECONDS", 60)
if FORMS_NOTIFICATION_ATTEMPTS < 1 or FORMS_NOTIFICATION_RETRY_SECONDS < 0:
    stop("FORMS_NOTIFICATION_ATTEMPTS must be at least 1 and FORMS_NOTIFICATION_RETRY_SECONDS at least 0.")


# --- Patient data in form submissions (docs/patient-data.md) ---------------------
# Fernet keys that encrypt submitted values at rest, comma-separated, newest first:
# values are encrypted with the first and read with whichever key fits, so a key is
# rotated by putting a new one in front and running `manage.py rotate_submission_keys`.
# dev.py and test.py supply public development-only keys; production.py requires this.
SUBMISSION_ENCRYPTION_KEYS = env_list("SUBMISSION_ENCRYPTION_KEYS")
for _position, _key in enumerate(SUBMISSION_ENCRYPTION_KEYS, start=1):
    try:
        Fernet(_key)
    except ValueError:
        stop(
            f"SUBMISSION_ENCRYPTION_KEYS: key number {_position} is not a Fernet key (44 characters of URL-safe "
            "base64). Make one with: python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
        )
# The development settings' key. It is public (it is in this repository), so
# production.py refuses to start with it.
DEV_ONLY_SUBMISSION_ENCRYPTION_KEY = (
    "ZGV2LW9ubHkga2V5OiBuZXZlciB1c2UgZm9yIHJlYWw="  # "dev-only key: never use for real"
)

# Submissions older than this many days are deleted by `manage.py purge_old_submissions`.
SUBMISSION_RETENTION_DAYS = env_int("SUBMISSION_RETENTION_DAYS", 365)
if SUBMISSION_RETENTION_DAYS < 1:
    stop(f"SUBMISSION_RETENTION_DAYS must be at least 1 (days), got {SUBMISSION_RETENTION_DAYS}.")


# --- Staff sign-in: lockout and sessions (docs/patient-data.md) ------------------
# django-axes counts failed sign-ins per (username, address) in the database, so
# every process sees the same lock. After AXES_FAILURE_LIMIT failures that pair is
# locked for AXES_COOLOFF_MINUTES, the right password included, and gets the 429
# page (home/sign_in.py); each try while locked starts the wait again. Unlock with
# `manage.py axes_reset_username <username>` (or `axes_reset_ip_username`, `axes_reset`).
# Axes first: it refuses a locked-out pair before any password is checked; then
# ModelBackend checks the password and loads the signed-in user. With two backends,
# `User.objects.with_perm()` must be told which: name ModelBackend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 60)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "home.sign_in.locked_out"
# The same address the form rate limit counts (forms/client_address.py): the
# connection's, or FORMS_CLIENT_IP_HEADER's behind a proxy.
AXES_CLIENT_IP_CALLABLE = "forms.client_address.client_address"
# Every success (AccessLog) and every failure (AccessFailureLog) is kept with the
# address and user agent; passwords never are. `manage.py axes_reset_logs --age 365`
# and `axes_reset_failure_logs --age 365` delete old rows.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# No start-up banner on stderr; log lines name only what the lock counts, masked.
AXES_VERBOSE = False
# Behind proxies: how many trusted proxies further in front than the one that sets
# FORMS_CLIENT_IP_HEADER appended their own hop to it (0: just that one).
FORMS_CLIENT_IP_PROXY_COUNT = env_int("FORMS_CLIENT_IP_PROXY_COUNT", 0)
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_MINUTES < 1 or FORMS_CLIENT_IP_PROXY_COUNT < 0:
    stop("AXES_FAILURE_LIMIT and AXES_COOLOFF_MINUTES must be at least 1, FORMS_CLIENT_IP_PROXY_COUNT at least 0.")

# Staff sessions (home/staff_sessions.py): signed out after this many minutes
# without a request, and this many hours after signing in, whatever they do.
# Visitors have no session: public pages set no cookie.
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 8)
if SESSION_IDLE_TIMEOUT_MINUTES < 1 or SESSION_MAX_HOURS < 1:
    stop("SESSION_IDLE_TIMEOUT_MINUTES and SESSION_MAX_HOURS must be at least 1.")
# The cookie, and the stored session, last no longer than the longest session.
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60


# --- Two-step verification (home/two_factor/, docs/patient-data.md) ---------------
# A password is not enough: after it, staff give a code from an authenticator app
# (django-otp's TOTP), a passkey or security key (django-otp-webauthn) or a one-time
# recovery code, before any admin URL opens. Anyone who has set up a factor is always
# asked for it. MFA_REQUIRED also makes everyone without one set one up at sign-in:
# on by default (production); dev.py turns it off unless MFA_REQUIRED=true.
MFA_REQUIRED = env_bool("MFA_REQUIRED", default=True)
# The name authenticator apps and passkey prompts show.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
# Passkeys are scoped to the host the admin is served on (an allowed host); they are a
# second factor only, never a way in without the password (that would bypass axes).
OTP_WEBAUTHN_RP_ID_CALLABLE = "home.two_factor.passkeys.relying_party_id"
OTP_WEBAUTHN_HELPER_CLASS = "home.two_factor.passkeys.PasskeyHelper"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# The origin a passkey is used from must be the admin's own: PasskeyHelper takes it
# from the request (scheme, and the host Django checked against ALLOWED_HOSTS, with
# its port), so the library's check for a fixed list does not apply.
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]
# Where a passkey sign-in goes when no page was asked for.
LOGIN_REDIRECT_URL = "wagtailadmin_home"
# How many one-time recovery codes a set holds.
MFA_RECOVERY_CODES = 10


# --- Logging -------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "INFO"},
        # Wagtail's tasks run in-process; their start/finish lines are noise. (The
        # notification worker, `db_worker`, sets its own level from --verbosity.)
        "django_tasks": {"level": "WARNING"},
    },
}

# Videos play from YouTube's privacy-enhanced domain or Vimeo, built without
# calling the provider (see core/embeds.py); other embeds are refused.
WAGTAILEMBEDS_FINDERS = [{"class": "core.embeds"}]

# Results on each page of the site search.
SEARCH_RESULTS_PER_PAGE = 10
# Days of searches kept for Reports → Search terms; `manage.py searchpromotions_garbage_collect`,
# run daily (docs/deployment.md), deletes older counts.
WAGTAILSEARCH_HITS_MAX_AGE = env_int("SEARCH_TERMS_KEEP_DAYS", 30)

# Articles on each page of the blog's list.
BLOG_ARTICLES_PER_PAGE = env_int("BLOG_ARTICLES_PER_PAGE", 6)


# --- Page cache and Cache-Control (core/caching.py, docs/performance.md) -----------------------
# How long a public page may be kept: by browsers (max-age; their copies cannot be purged, so it
# is short), by shared caches such as a CDN (s-maxage), and how much longer a CDN may serve its
# copy while it fetches a fresh one. Personal and staff responses are never kept by anyone.
CACHE_MAX_AGE = env_int("CACHE_MAX_AGE", 60)
CACHE_S_MAXAGE = env_int("CACHE_S_MAXAGE", 300)
CACHE_STALE_WHILE_REVALIDATE = env_int("CACHE_STALE_WHILE_REVALIDATE", 60)
# The page cache inside the app: whole public pages for visitors, purged the moment an editor
# publishes or changes anything a page shows, and kept at most this long otherwise.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", default=True)
# Pieces of pages (header, footer, metadata, related lists) kept in the same cache under the same
# purge, for the pages the page cache cannot answer: PAGE_CACHE=false still renders from them.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE", default=True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60)
# The query parameters pages read (core/pagination.py); any other (utm_source, fbclid...) gets the
# page's copy without it. Search (?q=) is never cached.
PAGE_CACHE_QUERY_PARAMETERS = env_list("PAGE_CACHE_QUERY_PARAMETERS", "page")
if min(CACHE_MAX_AGE, CACHE_S_MAXAGE, CACHE_STALE_WHILE_REVALIDATE, PAGE_CACHE_SECONDS) < 0:
    stop("CACHE_MAX_AGE, CACHE_S_MAXAGE, CACHE_STALE_WHILE_REVALIDATE and PAGE_CACHE_SECONDS must be 0 or more.")
if max(PAGE_CACHE_SECONDS, CACHE_S_MAXAGE + CACHE_STALE_WHILE_REVALIDATE) >= FORMS_MAX_AGE_SECONDS:
    stop("FORMS_MAX_AGE_SECONDS must be longer than any cache keeps a page (PAGE_CACHE_SECONDS, CACHE_S_MAXAGE).")
# Where: with REDIS_URL the same Redis as the rest of the cache, answering within half a second or
# treated as down (pages are then served uncached, never an error). Without it, files shared by
# every process of the machine (gunicorn's workers, a scheduled publish from cron), so a purge by
# one is seen by all; process memory, the default cache, would leave the other workers stale.
PAGE_CACHE_ALIAS = "pages"
if REDIS_URL:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "clinicsite-pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": Path(os.environ.get("PAGE_CACHE_DIR", BASE_DIR / "page-cache")),
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 5000)},
    }


# --- A cache in front: Varnish or nginx, Cloudflare, CloudFront (docs/deployment.md) ---------------
# It keeps what the site marks public (s-maxage above) and is purged through
# wagtail.contrib.frontend_cache whenever the page cache is (core/caching.py): every live page's
# URL, so a change shown on many pages is gone from it too. FRONTEND_CACHE picks the kind:
# "http" (Varnish or nginx, PURGE requests to FRONTEND_CACHE_LOCATION; docs/varnish.vcl),
# "cloudflare" (CLOUDFLARE_BEARER_TOKEN, CLOUDFLARE_ZONE_ID), "cloudfront"
# (CLOUDFRONT_DISTRIBUTION_ID; credentials as boto3 finds them; needs boto3 installed).
FRONTEND_CACHE = os.environ.get("FRONTEND_CACHE", "").strip().lower()
_FRONTEND_CACHE_BACKENDS = "wagtail.contrib.frontend_cache.backends"
if FRONTEND_CACHE == "http":
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": f"{_FRONTEND_CACHE_BACKENDS}.HTTPBackend",
            "LOCATION": env_required("FRONTEND_CACHE_LOCATION"),
        }
    }
elif FRONTEND_CACHE == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": f"{_FRONTEND_CACHE_BACKENDS}.CloudflareBackend",
            "BEARER_TOKEN": env_required("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env_required("CLOUDFLARE_ZONE_ID"),
        }
    }
elif FRONTEND_CACHE == "cloudfront":
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": f"{_FRONTEND_CACHE_BACKENDS}.CloudfrontBackend",
            "DISTRIBUTION_ID": env_required("CLOUDFRONT_DISTRIBUTION_ID"),
        }
    }
elif FRONTEND_CACHE:
    stop(f"FRONTEND_CACHE={FRONTEND_CACHE!r}: use http, cloudflare or cloudfront, or leave it empty.")
else:
    WAGTAILFRONTENDCACHE = {}
