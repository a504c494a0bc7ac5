"""Start-up configuration: each settings module, run in a fresh interpreter as a server would."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from clinicsite.settings.base import DEV_ONLY_SUBMISSION_ENCRYPTION_KEY as DEV_KEY

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRINT_CONFIG = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE']); print(settings.CACHES['default']['BACKEND'])"
)


KEY = Fernet.generate_key().decode()
STOPPED = 3  # clinicsite.settings.base.stop(): gunicorn's "worker failed to boot", so it does not retry


def start(settings_module, code=PRINT_CONFIG, *, argv=None, **env):
    """Run `python -c code` (or `python *argv`) with these settings and only the environment given."""
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "REDIS_URL",
            "SUBMISSION_ENCRYPTION_KEYS",
            "SUBMISSION_RETENTION_DAYS",
        }
    }
    clean_env.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, *(argv or ["-c", code])],
        cwd=PROJECT_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = start("clinicsite.settings.production", ALLOWED_HOSTS="clinic.example")
    assert result.returncode == STOPPED
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]  # one line, no traceback
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = start("clinicsite.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode == STOPPED
    assert "ALLOWED_HOSTS is not set" in result.stderr
    assert "Traceback" not in result.stderr


PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "clinic.example", "SUBMISSION_ENCRYPTION_KEYS": KEY}


def test_production_starts_with_a_secret_key_allowed_hosts_and_an_encryption_key():
    result = start("clinicsite.settings.production", **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_an_encryption_key():
    result = start("clinicsite.settings.production", **{**PRODUCTION, "SUBMISSION_ENCRYPTION_KEYS": ""})
    assert result.returncode == STOPPED
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "SUBMISSION_ENCRYPTION_KEYS is not set" in result.stderr


@pytest.mark.parametrize("settings_module", ["clinicsite.settings.production", "clinicsite.settings.dev"])
@pytest.mark.parametrize("keys", ["not-a-key", f"{KEY},short", "x" * 44])
def test_a_malformed_encryption_key_stops_start_up_naming_the_variable(settings_module, keys):
    result = start(settings_module, **{**PRODUCTION, "SUBMISSION_ENCRYPTION_KEYS": keys})
    assert result.returncode == STOPPED
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "SUBMISSION_ENCRYPTION_KEYS" in result.stderr and "not a Fernet key" in result.stderr
    assert keys.split(",")[-1] not in result.stderr  # a key is a secret: never printed


def test_production_refuses_the_public_development_key():
    result = start("clinicsite.settings.production", **{**PRODUCTION, "SUBMISSION_ENCRYPTION_KEYS": DEV_KEY})
    assert result.returncode == STOPPED
    assert "SUBMISSION_ENCRYPTION_KEYS holds the public development key" in result.stderr


def dev_setting(name, **env):
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    return start("clinicsite.settings.dev", code=code, **env).stdout.strip()


def test_development_uses_its_fixed_public_key_unless_one_is_given():
    assert dev_setting("SUBMISSION_ENCRYPTION_KEYS") == str([DEV_KEY])
    assert dev_setting("SUBMISSION_ENCRYPTION_KEYS", SUBMISSION_ENCRYPTION_KEYS=KEY) == str([KEY])


def test_submissions_are_kept_for_a_year_unless_told_otherwise():
    assert dev_setting("SUBMISSION_RETENTION_DAYS") == "365"
    assert dev_setting("SUBMISSION_RETENTION_DAYS", SUBMISSION_RETENTION_DAYS="90") == "90"


@pytest.mark.parametrize("days", ["0", "-5", "soon"])
def test_retention_days_must_be_a_whole_number_of_at_least_one(days):
    result = start("clinicsite.settings.dev", SUBMISSION_RETENTION_DAYS=days)
    assert result.returncode == STOPPED
    assert "SUBMISSION_RETENTION_DAYS" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("url", ["not a url", "postgres://", "nosuchdb://host/name"])
def test_malformed_database_url_names_the_variable(url):
    result = start("clinicsite.settings.dev", DATABASE_URL=url)
    assert result.returncode == STOPPED
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_sqlite_is_the_default_and_postgres_comes_from_database_url():
    assert start("clinicsite.settings.dev").stdout.split()[0] == "django.db.backends.sqlite3"
    result = start("clinicsite.settings.dev", DATABASE_URL="postgres://postgres@127.0.0.1:5432/clinicsite")
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


def test_redis_url_switches_to_a_shared_cache():
    assert start("clinicsite.settings.dev").stdout.split()[1].endswith("LocMemCache")
    result = start("clinicsite.settings.dev", REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.stdout.split()[1] == "django.core.cache.backends.redis.RedisCache"


def database_with_a_submission_encrypted_under(key, path):
    """Just the submissions table, holding one row, as the start-up check reads it."""
    with sqlite3.connect(path) as database:
        database.execute(
            "CREATE TABLE forms_formsubmission (id integer PRIMARY KEY, form_data text, page_id integer, submit_time datetime)"
        )
        token = Fernet(key.encode()).encrypt(b'{"your_name": "Alex"}').decode()
        database.execute("INSERT INTO forms_formsubmission VALUES (1, ?, 1, '2026-01-05 10:00:00')", [token])
    database.close()
    return f"sqlite:///{path}"


def test_serving_stops_when_no_key_opens_the_stored_submissions(tmp_path):
    serve = "import clinicsite.wsgi; print('serving')"
    old_key = Fernet.generate_key().decode()
    database_url = database_with_a_submission_encrypted_under(old_key, tmp_path / "db.sqlite3")

    wrong = start("clinicsite.settings.dev", code=serve, DATABASE_URL=database_url, SUBMISSION_ENCRYPTION_KEYS=KEY)
    assert wrong.returncode == STOPPED
    assert wrong.stderr.strip().splitlines() == [
        "clinicsite: SUBMISSION_ENCRYPTION_KEYS holds no key that can read the stored form submissions. "
        "Put the key they were encrypted with back in the list (see docs/patient-data.md)."
    ]

    rotated = start(
        "clinicsite.settings.dev", code=serve, DATABASE_URL=database_url, SUBMISSION_ENCRYPTION_KEYS=f"{KEY},{old_key}"
    )
    assert rotated.returncode == 0, rotated.stderr
    assert rotated.stdout.strip() == "serving"


def test_gunicorn_stops_instead_of_restarting_workers_without_an_encryption_key():
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    env = {key: value for key, value in os.environ.items() if key != "SUBMISSION_ENCRYPTION_KEYS"}
    env.update(
        {**PRODUCTION, "SUBMISSION_ENCRYPTION_KEYS": ""}, DJANGO_SETTINGS_MODULE="clinicsite.settings.production"
    )
    result = subprocess.run(  # noqa: S603 - our own server and code
        [gunicorn, "clinicsite.wsgi", "--bind", "127.0.0.1:0", "--workers", "1"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,  # a server that kept restarting its worker would never return
    )
    assert result.returncode == STOPPED
    assert "clinicsite: SUBMISSION_ENCRYPTION_KEYS is not set" in result.stderr
