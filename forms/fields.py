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


class UnreadableText(str):
    """A note no configured key opens: reads as crypto.UNREADABLE, and saving writes the original ciphertext back."""

    def __new__(cls, token):
        text = super().__new__(cls, crypto.UNREADABLE)
        text.token = token
        return text


class EncryptedTextField(EncryptedJSONField):
    """Holds text (an intake note), stored encrypted like the submissions; unreadable text reads as UnreadableText."""

    description = "Text, encrypted at rest"

    def from_db_value(self, value, expression, connection):
        return self._readable(super().from_db_value(value, expression, connection))

    def to_python(self, value):
        return self._readable(super().to_python(value))

    def get_prep_value(self, value):
        if isinstance(value, UnreadableText):
            return value.token
        return super().get_prep_value(value)

    @staticmethod
    def _readable(value):
        if isinstance(value, crypto.UnreadableData):
            return UnreadableText(value.token)
        return value
