from django.apps import AppConfig


class FormsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forms"
    verbose_name = "Forms"

    def ready(self):
        from django.db.models.signals import pre_delete

        from . import checks  # noqa: F401 - registers the system check
        from .models import FormPage
        from .page_deletion import record_submissions_deleted_with_page

        # Every way a form page is deleted (one page, a page above it, a bulk delete) ends in this signal.
        pre_delete.connect(
            record_submissions_deleted_with_page, sender=FormPage, dispatch_uid="forms.deleted_with_page"
        )
