from django.apps import AppConfig


class FormsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forms"
    verbose_name = "Forms"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system check
