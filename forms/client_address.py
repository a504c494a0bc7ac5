"""The visitor's address: the one answer the form rate limit and the sign-in lockout share.

Both ask the same question (who is this, to count their tries?), so both ask here:
forms/spam.py counts form submissions per address, and django-axes counts failed
staff sign-ins per (username, address) through ``AXES_CLIENT_IP_CALLABLE``
(settings/base.py). It lives in forms/, the bottom layer, so that every app may use it.

Without a proxy the address is the connection's, ``REMOTE_ADDR``. Behind a proxy
or CDN, ``FORMS_CLIENT_IP_HEADER`` names the header that carries the visitor's
address (e.g. ``X-Real-IP``, or ``X-Forwarded-For``); only trust it when the proxy
sets or overwrites it, since anyone can send the header. A header that holds a
chain (``X-Forwarded-For: <what the visitor sent>, <what our proxy saw>``) is read
from the right, as the proxies appended it: ``FORMS_CLIENT_IP_PROXY_COUNT`` is how
many trusted proxies *further* in front appended their own hop after the visitor's
(0 with one proxy; 1 with a CDN in front of it, and so on). django-ipware parses
the header and checks every entry is an address; when the header is missing, too
short or not an address, the connection's address is used.
"""

from django.conf import settings
from ipware import get_client_ip


def _meta_key(header):
    return "HTTP_" + header.upper().replace("-", "_")


def client_address(request):
    """The visitor's IP address as a string, or None when the request carries none at all."""
    header = settings.FORMS_CLIENT_IP_HEADER
    if header:
        address, _routable = get_client_ip(
            request,
            # The header lists the visitor first and each proxy's hop after it, so the
            # visitor is PROXY_COUNT entries from its right-hand end.
            proxy_order="left-most",
            proxy_count=settings.FORMS_CLIENT_IP_PROXY_COUNT,
            request_header_order=[_meta_key(header)],
            # A longer chain than the proxies make is normal: the visitor may send
            # a header of their own, which our proxies append to.
            strict=False,
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR") or None
