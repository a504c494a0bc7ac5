"""The two-step verification pages, under /admin/two-factor/ (registered by home/wagtail_hooks.py)."""

from django.urls import include, path

from home.two_factor import views

urlpatterns = [
    path("", views.VerifyView.as_view(), name="two_factor_verify"),
    path("set-up/", views.SetupView.as_view(), name="two_factor_setup"),
    path("set-up/app/", views.SetupAppView.as_view(), name="two_factor_setup_app"),
    path("recovery-codes/", views.RecoveryCodesView.as_view(), name="two_factor_recovery_codes"),
    path("account/", views.AccountFactorsView.as_view(), name="two_factor_account"),
    path("account/remove/<slug:kind>/<int:pk>/", views.RemoveFactorView.as_view(), name="two_factor_remove"),
    path("reset/<int:user_id>/", views.ResetView.as_view(), name="two_factor_reset"),
    # django-otp-webauthn's JSON endpoints for adding and using a passkey.
    path("passkeys/", include("django_otp_webauthn.urls")),
]
