"""Start-up configuration: each settings module, run in a fresh interpreter as a server would."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRINT_CONFIG = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE']); print(settings.CACHES['default']['BACKEND'])"
)


def start(settings_module, **env):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"}
    }
    clean_env.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PRINT_CONFIG],
        cwd=PROJECT_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = start("clinicsite.settings.production", ALLOWED_HOSTS="clinic.example")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]  # one line, no traceback
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = start("clinicsite.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode == 1
    assert "ALLOWED_HOSTS is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_starts_with_both():
    result = start("clinicsite.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="clinic.example")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("url", ["not a url", "postgres://", "nosuchdb://host/name"])
def test_malformed_database_url_names_the_variable(url):
    result = start("clinicsite.settings.dev", DATABASE_URL=url)
    assert result.returncode == 1
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
