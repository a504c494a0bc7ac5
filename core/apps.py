from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared layer: blocks, the abstract medical content page, listings, structured data. No concrete models."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Shared content"

    def ready(self):
        from . import caching

        # Every change that can show on a page purges the page cache (core/caching.py) ...
        caching.connect_purge_signals()
        # ... and so does starting the site: pages cached by the code deployed before are not served.
        caching.purge_at_start()
