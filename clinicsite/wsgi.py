import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinicsite.settings.production")

application = get_wsgi_application()

# Refuse to serve with keys that open none of the stored form submissions (a wrong
# SUBMISSION_ENCRYPTION_KEYS would otherwise show every request as unreadable).
from clinicsite.settings.base import stop  # noqa: E402 - needs the settings loaded above
from forms.checks import stored_submissions_key_problem  # noqa: E402 - needs the apps loaded above

if problem := stored_submissions_key_problem():
    stop(problem)
