"""The factor step after the password, set-up, recovery codes, the account's factors and a superuser's reset.

Every page is private and never cached; the codes and the app's secret appear only
in the response that shows them.
"""

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.admin import messages

from home.two_factor import factors
from home.two_factor.forms import AppCodeForm, CodeForm

STEP_TEMPLATES = "home/admin/two_factor/"
REMOVABLE = {"app": TOTPDevice, "passkey": WebAuthnCredential}


def next_url(request):
    """Where to go once this step is done: the page they asked for, if it is this site's."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def step_context(request, **context):
    return {"next": next_url(request), **context}


@method_decorator(never_cache, name="dispatch")
class SignedInView(View):
    """Signed in with a password, second factor or not: the middleware lets these through, and
    Wagtail's admin URLs send anyone not signed in to the sign-in page."""


class VerifyView(SignedInView):
    """The second step of signing in: a passkey, an app's code or a recovery code."""

    template_name = STEP_TEMPLATES + "verify.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_verified():
            return redirect(next_url(request))
        if not factors.enrolled(user):
            return redirect(f"{reverse('two_factor_setup')}?next={next_url(request)}")
        return super().dispatch(request, *args, **kwargs)

    def render(self, form, status=200):
        context = step_context(self.request, form=form, has_passkey=factors.has_passkey(self.request.user))
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        device, wait = factors.check_code(request.user, form.cleaned_data["code"])
        if wait:
            form.add_error("code", too_soon(wait))
            return self.render(form, status=429)
        if device is None:
            factors.record_failure(request.user)
            form.add_error(
                "code", "That code did not work. Check the app shows this account, and type the code it shows now."
            )
            return self.render(form, status=400)
        django_otp.login(request, device)
        if isinstance(device, StaticDevice):
            left = device.token_set.count()
            messages.warning(
                request,
                f"You used a recovery code; {left} left. If you lost your authenticator, set up a new one "
                "and make new recovery codes in your account.",
            )
        return redirect(next_url(request))


class SetupView(SignedInView):
    """Choose a second factor: an authenticator app or a passkey. Forced at first sign-in when MFA_REQUIRED."""

    template_name = STEP_TEMPLATES + "setup.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_add_factor(request.user):
            return redirect(f"{reverse('two_factor_verify')}?next={next_url(request)}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        context = step_context(
            request,
            forced=not request.user.is_verified(),
            recovery_codes_url=f"{reverse('two_factor_recovery_codes')}?next={next_url(request)}",
        )
        return render(request, self.template_name, context)


def too_soon(seconds):
    return f"Too many codes that did not work. Wait {seconds} second{'s' if seconds != 1 else ''}, then try again."


def may_add_factor(user):
    """Someone who gave a second factor in this session, or who has none yet (first sign-in, or after a reset)."""
    return user.is_verified() or not factors.enrolled(user)


def qr_code_svg(device):
    return segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff", title="")


def grouped(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class SetupAppView(SetupView):
    """Add an authenticator app: scan the code (or type the key), then confirm with the code the app shows."""

    template_name = STEP_TEMPLATES + "setup_app.html"

    def render(self, device, form, status=200):
        secret = b32encode(device.bin_key).decode().rstrip("=")
        context = step_context(
            self.request,
            form=form,
            qr_code=qr_code_svg(device),
            secret=grouped(secret),
            forced=not self.request.user.is_verified(),
        )
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(factors.new_authenticator_app(request.user), AppCodeForm())

    def post(self, request):
        device = factors.pending_authenticator_app(request.user)
        if device is None:
            return redirect(f"{reverse('two_factor_setup_app')}?next={next_url(request)}")
        form = AppCodeForm(request.POST)
        if not form.is_valid():
            return self.render(device, form, status=400)
        wait = factors.wait_seconds(device)
        if wait:
            form.add_error("code", too_soon(wait))
            return self.render(device, form, status=429)
        if not factors.confirm_authenticator_app(
            device, factors.normalise_code(form.cleaned_data["code"]), request.user
        ):
            form.add_error("code", "That code did not work. Type the code the app shows now for this account.")
            return self.render(device, form, status=400)
        first_factor = not request.user.is_verified()
        if first_factor:
            django_otp.login(request, device)
        if first_factor or not factors.recovery_codes_left(request.user):
            return show_recovery_codes(request, factors.new_recovery_codes(request.user, by=request.user))
        messages.success(request, "Authenticator app added.")
        return redirect("two_factor_account")


def show_recovery_codes(request, codes):
    """The only time the codes are shown: this response, never cached."""
    return render(request, STEP_TEMPLATES + "recovery_codes.html", step_context(request, codes=codes))


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(View):
    """Make a new set of recovery codes (after a passkey is added, or when codes run out)."""

    template_name = STEP_TEMPLATES + "make_recovery_codes.html"

    def get(self, request):
        context = step_context(request, left=factors.recovery_codes_left(request.user))
        return render(request, self.template_name, context)

    def post(self, request):
        return show_recovery_codes(request, factors.new_recovery_codes(request.user, by=request.user))


@method_decorator(never_cache, name="dispatch")
class AccountFactorsView(View):
    """The account's factors: add, remove, new recovery codes."""

    template_name = STEP_TEMPLATES + "account.html"

    def get(self, request):
        context = {
            **factors.factors_of(request.user),
            "required": settings.MFA_REQUIRED,
            "next": reverse("two_factor_account"),
        }
        return render(request, self.template_name, context)


@method_decorator(never_cache, name="dispatch")
class RemoveFactorView(View):
    http_method_names = ["post"]

    def post(self, request, kind, pk):
        model = REMOVABLE.get(kind)
        if model is None or not factors.remove_factor(request.user, model, pk, by=request.user):
            messages.error(request, "That sign-in method was not found: it may have been removed already.")
        else:
            messages.success(request, "Sign-in method removed.")
        return redirect("two_factor_account")


@method_decorator(never_cache, name="dispatch")
class ResetView(View):
    """A superuser clears someone's factors (a lost phone): their next sign-in sets up new ones."""

    template_name = STEP_TEMPLATES + "reset.html"

    def dispatch(self, request, user_id):
        if not request.user.is_superuser:
            raise PermissionDenied
        self.person = get_object_or_404(get_user_model(), pk=user_id)
        return super().dispatch(request, user_id)

    def get(self, request, user_id):
        return render(request, self.template_name, {"person": self.person, **factors.factors_of(self.person)})

    def post(self, request, user_id):
        factors.reset(self.person, by=request.user)
        messages.success(
            request,
            f"Two-step verification reset for {self.person.get_username()}: "
            "they set up a new method when they next sign in.",
        )
        return redirect("wagtailusers_users:edit", self.person.pk)
