"""The start-up check that the configured keys can read the stored form submissions.

clinicsite/wsgi.py runs it before serving and stops with its one line. It is also
a Django system check, run only when asked for with the database:
`manage.py check --deploy --database default` (never by migrate or runserver).
"""

from django.core import checks
from django.db import DatabaseError
from django.db.models import TextField
from django.db.models.functions import Cast

from . import crypto
from .models import FormSubmission


def stored_submissions_key_problem(sample_size=10):
    """A one-line reason to refuse to start, when the configured keys open none of the stored submissions.

    The newest and the oldest few are tried. One damaged row among readable ones
    is not a reason to stop (the inbox shows it as unreadable); no readable row at
    all means the keys are wrong. Without a database or the table yet, there is
    nothing to check.
    """
    # The stored tokens themselves, not decrypted by the field (which would log each failure).
    tokens = FormSubmission.objects.values_list(Cast("form_data", output_field=TextField()), flat=True)
    try:
        sample = list(tokens.order_by("-pk")[:sample_size]) + list(tokens.order_by("pk")[:sample_size])
    except DatabaseError:
        return None
    if not sample or any(crypto.opens(token) for token in sample):
        return None
    return (
        "SUBMISSION_ENCRYPTION_KEYS holds no key that can read the stored form submissions. "
        "Put the key they were encrypted with back in the list (see docs/patient-data.md)."
    )


@checks.register(checks.Tags.database, deploy=True)
def check_submission_keys(app_configs=None, databases=None, **kwargs):
    if not databases or FormSubmission.objects.db not in databases:
        return []
    problem = stored_submissions_key_problem()
    return [checks.Error(problem, id="forms.E001")] if problem else []
