from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo clinic: content as data files under content/, loaded by `load_demo_site`. Dev and test settings only."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "Demo clinic"
