"""Submitted values encrypted at rest: Fernet (the `cryptography` package) with keys from the environment.

`SUBMISSION_ENCRYPTION_KEYS` holds one or more Fernet keys, newest first. Values
are always encrypted with the newest; reading tries each key, so a new key can be
put in front while older submissions stay readable, until
`manage.py rotate_submission_keys` has re-encrypted them all under the new one.

A stored value that no configured key opens (a key that was dropped too early,
the wrong key, or ciphertext changed in the database) never comes back as
ciphertext and never raises: it reads as `UnreadableData`, which shows
`UNREADABLE` for every field, so the row is still listed in the inbox and exports.
"""

import functools
import json
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

logger = logging.getLogger(__name__)

UNREADABLE = "Unreadable (encrypted with an unknown key, or damaged)"


class UnreadableData(dict):
    """Stands in for submitted values that no configured key can decrypt.

    Every field reads as UNREADABLE. The original ciphertext is kept, and saving
    the submission writes it back unchanged, so adding the right key later makes
    the values readable again.
    """

    def __init__(self, token):
        super().__init__()
        self.token = token

    def get(self, key, default=None):
        return super().get(key, UNREADABLE)

    def __missing__(self, key):
        return UNREADABLE

    def with_submit_time(self, submit_time):
        data = UnreadableData(self.token)
        data["submit_time"] = submit_time
        return data


@functools.lru_cache(maxsize=8)
def _multi_fernet(keys):
    return MultiFernet([Fernet(key) for key in keys])


def fernet():
    """The configured keys, newest first. Cached per key list, so changed settings take effect at once."""
    return _multi_fernet(tuple(settings.SUBMISSION_ENCRYPTION_KEYS))


def encrypt(data):
    """JSON-encode submitted values and encrypt them under the newest key; a text token for the database."""
    return fernet().encrypt(json.dumps(data, cls=DjangoJSONEncoder).encode()).decode("ascii")


def decrypt(token):
    """The submitted values in a stored token, or UnreadableData when no configured key opens it."""
    try:
        return json.loads(fernet().decrypt(token))
    except (InvalidToken, ValueError, TypeError):
        # The id of the row is not known here; the values are never logged.
        logger.warning(
            "A stored submission or intake note could not be decrypted with any key in SUBMISSION_ENCRYPTION_KEYS."
        )
        return UnreadableData(token)


def is_readable(data):
    return not isinstance(data, UnreadableData)


def opens(token):
    """Whether a configured key opens this token."""
    try:
        fernet().decrypt(token)
    except (InvalidToken, TypeError):
        return False
    return True
