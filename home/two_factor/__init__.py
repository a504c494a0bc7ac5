"""Two-step verification for staff (settings/base.py, "Two-step verification").

After the password, every staff account gives a second factor before any admin URL
opens: a code from an authenticator app, a passkey or security key, or one of its
one-time recovery codes. The factors are django-otp devices (TOTP and static tokens)
and django-otp-webauthn credentials; this package adds what the Wagtail admin needs
around them:

- ``factors``: the one place that reads, adds, checks and removes a user's factors,
  each change recorded in Wagtail's audit log;
- ``middleware``: no admin URL before the second factor, and a password alone opens
  nothing on the public site either;
- ``views`` and ``forms``: the factor step, set-up (forced at first sign-in when
  MFA_REQUIRED), recovery codes, the account's factors and a superuser's reset;
- ``passkeys``: the relying party (the host the admin is served on).
"""
