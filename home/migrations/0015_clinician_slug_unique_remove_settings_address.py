"""Clinician slugs are unique (0014 filled them in); Clinic settings' address and opening hours, moved to the
first location by 0014, are removed: Locations is their one place now."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("home", "0014_fill_slugs_move_address_to_location")]

    operations = [
        migrations.AlterField(
            model_name="clinician",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="The last part of their profile's address, e.g. “amara-okafor”. Leave empty to make one from the name.",
                max_length=80,
                unique=True,
            ),
        ),
        migrations.RemoveField(model_name="clinicsettings", name="address"),
        migrations.RemoveField(model_name="clinicsettings", name="opening_hours"),
    ]
