"""No admin URL, the API and previews included, opens before the second factor.

A signed-in user who has not given a second factor in this session is sent to the
factor step (or, with none set up, to set-up) from every URL under /admin/ but the
few the steps themselves need: sign-in and sign-out, password reset, the steps and
the passkey endpoints. On the public site such a user is treated as a visitor, so a
password alone opens no private page or document there either.

It comes after AuthenticationMiddleware, django-otp's OTPMiddleware (which knows
whether this session gave a factor) and StaffSessionMiddleware in MIDDLEWARE.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from home.two_factor.factors import enrolled, second_factor_needed

# The URLs a signed-in user reaches before the second factor: the steps need them.
BEFORE_SECOND_FACTOR = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",  # the icons every admin page, these steps too, loads
        "two_factor_verify",
        "two_factor_setup",
        "two_factor_setup_app",
    }
)
PASSKEY_NAMESPACE = "otp_webauthn"


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match and (match.url_name in BEFORE_SECOND_FACTOR or PASSKEY_NAMESPACE in match.namespaces):
            return None
        if not second_factor_needed(user):
            return None
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            request.user = AnonymousUser()
            return None
        step = "two_factor_verify" if enrolled(user) else "two_factor_setup"
        next_url = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
        return redirect_to_login(next_url, login_url=reverse(step))
