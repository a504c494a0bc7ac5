from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The site's user model: in place from the first migration so fields can be added later."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
