"""Passkeys and security keys (django-otp-webauthn) for the host the admin is served on.

A passkey belongs to a relying party: the host name, without port. It is taken from
the request, whose host Django has already checked against ALLOWED_HOSTS, so one
setting fewer can be wrong. Browsers refuse IP addresses here: on the demo, open
http://localhost:8000/admin/ rather than 127.0.0.1 to add a passkey.
"""

from django.http.request import split_domain_port
from django_otp_webauthn.helpers import WebAuthnHelper


def relying_party_id(request):
    domain, _port = split_domain_port(request.get_host())
    return domain


class PasskeyHelper(WebAuthnHelper):
    def get_allowed_origins(self):
        """The origin the browser signs must be the admin's own (scheme, host and port)."""
        return [f"{self.request.scheme}://{self.request.get_host()}"]
