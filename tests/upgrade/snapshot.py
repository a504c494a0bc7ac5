"""Write what a clinic database holds as JSON, for test_from_previous_main.py.

    python snapshot.py OUT.json [URL ...]

Run from the root of the code to use (this checkout, or the previous main's), with
DJANGO_SETTINGS_MODULE and DATABASE_URL set. The previous main runs it too, so it
reads every model generically, through `_meta`, and names only models both have.
Each URL is fetched with Django's test client and its status code recorded.
"""

import json
import os
import sys

sys.path.insert(0, os.getcwd())

import django

django.setup()  # the imports below need the apps loaded

from django.apps import apps  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.serializers.json import DjangoJSONEncoder  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.fields import StreamField  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import GroupPagePermission, Page, Revision, Workflow, WorkflowContentType, WorkflowPage  # noqa: E402

from forms.models import FormSubmission  # noqa: E402
from home.models import Clinician, ClinicSettings  # noqa: E402

LOCATIONS = any(model._meta.label_lower == "home.location" for model in apps.get_models())


def value(obj, field):
    if isinstance(field, StreamField):
        return list(field.value_from_object(obj).raw_data)  # as stored, block ids and all
    if field.many_to_many:
        return sorted(str(related.pk) for related in field.value_from_object(obj))
    return field.value_to_string(obj)


def row(obj, skip=()):
    """Every field of a model instance, many-to-many ones included, as JSON-ready values."""
    fields = [*obj._meta.concrete_fields, *obj._meta.many_to_many]
    return {field.name: value(obj, field) for field in fields if field.name not in skip}


def rows(queryset, **kwargs):
    return [row(obj, **kwargs) for obj in queryset.order_by("pk")]


snapshot = {
    "pages": {
        str(page.pk): {
            "type": f"{page.content_type.app_label}.{page.content_type.model}",
            "url": page.url,
            "revisions": page.revisions.count(),
            "fields": row(page),
        }
        for page in Page.objects.order_by("path").specific()
    },
    "revisions": {str(revision.pk): row(revision) for revision in Revision.objects.order_by("pk")},
    "settings": rows(ClinicSettings.objects),
    "clinicians": rows(Clinician.objects),
    "submissions": [
        {**row(submission, skip={"form_data"}), "form_data": submission.form_data}  # decrypted
        for submission in FormSubmission.objects.order_by("pk")
    ],
    "workflows": [
        {**row(workflow), "tasks": [row(link.task.specific) for link in workflow.workflow_tasks.order_by("sort_order")]}
        for workflow in Workflow.objects.order_by("pk")
    ],
    "workflow_pages": rows(WorkflowPage.objects),
    "workflow_content_types": rows(WorkflowContentType.objects),
    "users": rows(get_user_model().objects),
    "groups": rows(Group.objects),
    "group_page_permissions": rows(GroupPagePermission.objects),
    "images": rows(get_image_model().objects),
    # Clinic locations exist only after the upgrade (home 0013): the settings' address moves there.
    "locations": [
        {**row(location), "opening_hours": rows(location.opening_hours)}
        for location in (apps.get_model("home", "Location").objects.order_by("sort_order", "pk") if LOCATIONS else [])
    ],
    "responses": {url: Client(HTTP_HOST="localhost").get(url).status_code for url in sys.argv[2:]},
}

with open(sys.argv[1], "w") as out:
    json.dump(snapshot, out, cls=DjangoJSONEncoder, indent=1)
