"""The demo clinic never reaches production: the production settings do not install `demo`, so it has no commands there."""

import pytest

from tests.home.test_settings_startup import PRODUCTION, start

INSTALLED = "import django; django.setup(); from django.conf import settings; print('demo' in settings.INSTALLED_APPS)"


@pytest.mark.parametrize(
    ("settings_module", "installed"),
    [
        ("clinicsite.settings.production", "False"),
        ("clinicsite.settings.dev", "True"),
        ("clinicsite.settings.test", "True"),
    ],
)
def test_only_development_and_test_settings_install_the_demo(settings_module, installed):
    result = start(settings_module, code=INSTALLED, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == installed


@pytest.mark.parametrize("command", ["load_demo_site", "ensure_demo_users", "dump_demo_page"])
def test_the_demo_commands_are_unknown_under_the_production_settings(command, tmp_path):
    # An empty database of its own: the command must be refused before anything is read or written.
    database = tmp_path / "production.sqlite3"
    args = [command, "home"] if command == "dump_demo_page" else [command]
    result = start(
        "clinicsite.settings.production",
        argv=["manage.py", *args],
        **PRODUCTION,
        DATABASE_URL=f"sqlite:///{database}",
    )
    assert result.returncode != 0
    assert f"Unknown command: '{command}'" in result.stderr
    assert not database.exists() or database.stat().st_size == 0
