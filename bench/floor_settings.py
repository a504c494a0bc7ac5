"""The production settings, with the bench's floor view added to the URLs (bench/floor.py)."""

from clinicsite.settings.production import *  # noqa: F403

ROOT_URLCONF = "floor"
