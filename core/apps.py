from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared layer: blocks, the abstract medical content page, listings, structured data. No concrete models."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Shared content"
