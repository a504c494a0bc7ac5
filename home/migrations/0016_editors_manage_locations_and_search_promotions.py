"""Editors manage the clinic's locations (home 0013) and pin results to searches (search promotions).

As home/0005_roles.py: it only adds what is missing, and taking it back removes only these.
"""

from django.db import migrations

EDITORS = "Editors"
PERMISSIONS = [
    *[
        ("home", "location", f"{action}_location", f"Can {action} location")
        for action in ("add", "change", "delete", "view")
    ],
    *[
        ("wagtailsearchpromotions", "searchpromotion", f"{action}_searchpromotion", f"Can {action} search promotion")
        for action in ("add", "change", "delete")
    ],
]


def permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, model, codename, name in PERMISSIONS:
        # Django makes model permissions after migrating, so a new database may not have them yet.
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        found.append(
            # By id: a migration test may render the two models from different states of the project.
            Permission.objects.get_or_create(
                content_type_id=content_type.pk, codename=codename, defaults={"name": name}
            )[0]
        )
    return found


def grant(apps, schema_editor):
    editors, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITORS)
    editors.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    editors = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0015_clinician_slug_unique_remove_settings_address"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
