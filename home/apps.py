from django.apps import AppConfig
from django.db.models.signals import post_save


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Site"

    def ready(self):
        from django_otp_webauthn.models import WebAuthnCredential

        from home.two_factor.factors import record_passkey_added

        post_save.connect(record_passkey_added, sender=WebAuthnCredential, dispatch_uid="two_factor_passkey_added")
