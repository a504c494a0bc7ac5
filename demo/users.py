"""The demo site's people: one administrator, editor and intake account, and a clinical reviewer per demo clinician.

The demo app is installed by the development and test settings only, so the
production settings have no such accounts and no published password. Each
reviewer account is linked to its clinician, so their approvals in Medical
review sign the demo pages (demo/loader.py).
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.models import Clinician
from home.roles import CLINICAL_REVIEWERS, EDITORS, INTAKE_STAFF

DEMO_PASSWORD = "changeme"  # noqa: S105 - a published demo password, refused outside development


class DemoUsersError(Exception):
    """The demo accounts cannot be made, e.g. a role's group is missing."""


@dataclass(frozen=True)
class DemoUser:
    username: str
    group: str | None  # None: a superuser
    does: str
    clinician: str | None = None  # the demo clinician whose reviews this account signs


DEMO_USERS = [
    DemoUser("admin", None, "administrator: everything"),
    DemoUser("editor", EDITORS, "edits pages and forms; sends medical pages to review; cannot see form submissions"),
    DemoUser(
        "reviewer", CLINICAL_REVIEWERS, "Dr. Helen Marsh: approves medical pages sent for review", "Dr. Helen Marsh"
    ),
    DemoUser(
        "okoro", CLINICAL_REVIEWERS, "Dr. Samuel Okoro: approves medical pages sent for review", "Dr. Samuel Okoro"
    ),
    DemoUser("delgado", CLINICAL_REVIEWERS, "Rosa Delgado: approves medical pages sent for review", "Rosa Delgado"),
    DemoUser("intake", INTAKE_STAFF, "reads, exports and deletes form submissions; cannot edit pages"),
]


def ensure_demo_users():
    """Make the demo accounts that are missing and link reviewers to their clinicians: [(DemoUser, created)]."""
    return [(spec, ensure(spec)) for spec in DEMO_USERS]


def ensure(spec):
    User = get_user_model()
    user = User.objects.filter(username=spec.username).first()
    created = user is None
    if created and spec.group is None:
        user = User.objects.create_superuser(
            spec.username, email=f"{spec.username}@example.com", password=DEMO_PASSWORD
        )
    elif created:
        user = User.objects.create_user(spec.username, email=f"{spec.username}@example.com", password=DEMO_PASSWORD)
    if spec.group is not None:
        try:
            user.groups.add(Group.objects.get(name=spec.group))
        except Group.DoesNotExist:
            raise DemoUsersError(f"The group “{spec.group}” is missing: run manage.py migrate first.") from None
    if spec.clinician and not Clinician.objects.filter(user=user).exists():
        # Only a clinician nobody signs for yet: an administrator's own link is left alone.
        Clinician.objects.filter(name=spec.clinician, user=None).update(user=user)
    return created


def demo_user(username):
    return get_user_model().objects.get(username=username)


def signer_of(clinician_name):
    """The account whose approval signs a review by this demo clinician."""
    user = get_user_model().objects.filter(clinician__name=clinician_name, is_active=True).first()
    if user is None:
        raise DemoUsersError(f"No active account is linked to the clinician “{clinician_name}”.")
    return user
