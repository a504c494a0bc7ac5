"""A model field for submitted values: JSON in Python, a Fernet token in the database (forms/crypto.py)."""

from django.db import models

from . import crypto


class EncryptedJSONField(models.TextField):
    """Holds a JSON value, stored encrypted as text; reads as crypto.UnreadableData when no key opens it.

    Serialisation (dumpdata, the test database's copies) keeps the ciphertext too.
    Values cannot be searched or filtered in the database, which is the point.
    """

    description = "JSON, encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return crypto.decrypt(value)

    def to_python(self, value):
        if isinstance(value, str):
            return crypto.decrypt(value)
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        if isinstance(value, crypto.UnreadableData):
            return value.token  # never re-encrypt a placeholder: keep the original ciphertext
        return crypto.encrypt(value)

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))
