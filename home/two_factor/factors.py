"""A staff user's second factors: what they have, adding one, checking a code, removing.

Every change is one audit entry on the user (Wagtail's log, shown in the user's
history and the site history report); a code itself is never recorded.
"""

from math import ceil

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.log_actions import log

ADDED = "home.two_factor.added"
REMOVED = "home.two_factor.removed"
RECOVERY_CODES = "home.two_factor.recovery_codes"
RESET = "home.two_factor.reset"
FAILED = "home.two_factor.failed"

AUTHENTICATOR_APP = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"

ALL_DEVICES = (TOTPDevice, WebAuthnCredential, StaticDevice)


def audit(user, action, by, **data):
    """One entry on the user's history. request.user comes wrapped (twice: Django's and django-otp's
    lazy objects), and Wagtail's log files an entry by the instance's class, so unwrap it."""
    user, by = unwrapped(user), unwrapped(by)
    log(instance=user, action=action, user=by, data=data)


def unwrapped(user):
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def confirmed(model, user):
    return model.objects.filter(user=user, confirmed=True)


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def enrolled(user):
    """Whether the user has a second factor to give: an app, a passkey or an unused recovery code.

    Someone enrolled must give one before adding another; someone who is not (first
    sign-in, or after a superuser's reset) sets one up instead.
    """
    return (
        confirmed(TOTPDevice, user).exists()
        or confirmed(WebAuthnCredential, user).exists()
        or StaticToken.objects.filter(device__user=user, device__confirmed=True).exists()
    )


def second_factor_needed(user):
    """Whether this signed-in user must give a second factor before the admin opens."""
    return settings.MFA_REQUIRED or enrolled(user)


def factors_of(user):
    """What the account page lists: authenticator apps, passkeys, and how many recovery codes are left."""
    return {
        "apps": list(confirmed(TOTPDevice, user).order_by("pk")),
        "passkeys": list(confirmed(WebAuthnCredential, user).order_by("pk")),
        "recovery_codes_left": recovery_codes_left(user),
    }


def has_passkey(user):
    return confirmed(WebAuthnCredential, user).exists()


def new_authenticator_app(user):
    """An unconfirmed TOTP device for the set-up page; it counts once a code from it is confirmed.

    One pending device per user: starting again replaces the one not confirmed.
    """
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_APP, confirmed=False)


def pending_authenticator_app(user):
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def confirm_authenticator_app(device, code, by):
    """Confirm a pending app with a code it shows; True when it fitted."""
    if not device.verify_token(code):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit(device.user, ADDED, by, kind="authenticator app")
    return True


def record_passkey_added(sender, instance, created, **kwargs):
    """post_save of a passkey (home/apps.py): django-otp-webauthn adds it, for its own user only."""
    if created:
        audit(instance.user, ADDED, instance.user, kind="passkey")


def new_recovery_codes(user, by):
    """A new set of one-time recovery codes, replacing any earlier set; returned once, to be shown once."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(settings.MFA_RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        audit(user, RECOVERY_CODES, by, count=len(codes))
    return codes


def normalise_code(code):
    """What people type: spaces and hyphens between groups, capitals in a recovery code."""
    return "".join(code.split()).replace("-", "").lower()


def looks_like_app_code(code):
    """An app's code is its digits (6); a recovery code is 8 letters and digits. Telling them apart
    means a recovery code never counts as a wrong app code, and so never slows the app down."""
    return code.isascii() and code.isdigit() and len(code) == TOTPDevice._meta.get_field("digits").default


def check_code(user, code):
    """Check a typed code: (the device it belongs to or None, seconds to wait before another try).

    Each device counts its own failures and makes the next try wait longer
    (django-otp's throttling), so codes cannot be guessed quickly.
    """
    code = normalise_code(code)
    model = TOTPDevice if looks_like_app_code(code) else StaticDevice
    wait = 0
    for device in confirmed(model, user):
        seconds = wait_seconds(device)
        if seconds:
            wait = max(wait, seconds)
        elif device.verify_token(code):
            return device, 0
    return None, wait


def wait_seconds(device):
    """Seconds before this device takes another code (0: now)."""
    allowed, info = device.verify_is_allowed()
    if allowed:
        return 0
    locked_until = (info or {}).get("locked_until")
    return max(1, ceil((locked_until - timezone.now()).total_seconds())) if locked_until else 1


def record_failure(user):
    audit(user, FAILED, user)


def remove_factor(user, model, pk, by):
    """Remove one of the user's own apps or passkeys; False when there is no such factor."""
    if model not in (TOTPDevice, WebAuthnCredential):
        return False
    with transaction.atomic():
        deleted, _ = model.objects.filter(user=user, pk=pk).delete()
        if deleted:
            kind = "authenticator app" if model is TOTPDevice else "passkey"
            audit(user, REMOVED, by, kind=kind)
    return bool(deleted)


def reset(user, by):
    """A superuser's reset for someone who lost their factors: all of them go, and the next
    sign-in sets up new ones. Recorded on the user, naming who did it."""
    with transaction.atomic():
        removed = sum(model.objects.filter(user=user).delete()[0] for model in ALL_DEVICES)
        audit(user, RESET, by, removed=removed)
