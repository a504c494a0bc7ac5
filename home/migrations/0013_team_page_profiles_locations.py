"""Clinician profiles and clinic locations (issue 13): a team page, a slug, specialties and treatments for each
clinician, and locations with structured opening hours. Adds only; 0014 moves the data, 0015 tidies up."""

import django.db.models.deletion
import modelcluster.fields
import wagtail.contrib.routable_page.models
from django.conf import settings
from django.db import migrations, models

import home.models.locations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0012_self_check_block"),
        ("treatments", "0007_self_check_block"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Location",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "name",
                    models.CharField(
                        help_text="How patients know this place, e.g. “Riverside Avenue clinic”. With one location, the clinic's name.",
                        max_length=120,
                    ),
                ),
                (
                    "street_address",
                    models.TextField(
                        help_text="Building, street and suite, one line per line, e.g. “410 Riverside Avenue, Suite 200”."
                    ),
                ),
                ("locality", models.CharField(max_length=80, verbose_name="town or city")),
                ("region", models.CharField(blank=True, max_length=40, verbose_name="state")),
                ("postal_code", models.CharField(blank=True, max_length=20, verbose_name="ZIP code")),
                (
                    "country",
                    models.CharField(
                        default="US", help_text="Two-letter country code (ISO 3166), e.g. US.", max_length=2
                    ),
                ),
                (
                    "phone",
                    models.CharField(
                        blank=True,
                        help_text="Only if this location has its own number; otherwise the clinic's main number (Clinic settings) is shown.",
                        max_length=40,
                    ),
                ),
                (
                    "latitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        help_text="Optional, e.g. 44.046236. With the longitude, the map link points at the door, and search engines get it.",
                        max_digits=9,
                        null=True,
                    ),
                ),
                (
                    "longitude",
                    models.DecimalField(
                        blank=True, decimal_places=6, help_text="e.g. -123.022029", max_digits=9, null=True
                    ),
                ),
                (
                    "hours_note",
                    models.TextField(
                        blank=True,
                        help_text="Anything the hours above do not say, e.g. “Closed on public holidays”.",
                        verbose_name="about the hours",
                    ),
                ),
                (
                    "parking",
                    models.TextField(
                        blank=True,
                        help_text="Where to park and how to get there, e.g. “Free parking behind the building”.",
                    ),
                ),
                (
                    "accessibility",
                    models.TextField(
                        blank=True,
                        help_text="Step-free access, lifts, accessible toilets, e.g. “Second floor, lift from the lobby”.",
                    ),
                ),
            ],
            options={
                "verbose_name": "location",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="TeamPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("intro", models.TextField(blank=True, help_text="A sentence or two above the list of clinicians.")),
            ],
            options={
                "verbose_name": "team page",
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
        ),
        migrations.AddField(
            model_name="clinician",
            name="slug",
            # Not unique yet: 0014 fills it from the names, 0015 makes it unique.
            field=models.SlugField(blank=True, default="", max_length=80),
        ),
        migrations.AddField(
            model_name="clinician",
            name="specialties",
            field=models.CharField(
                blank=True,
                help_text="What they care for most, separated by commas, e.g. “Treatment-resistant depression, PTSD, OCD”.",
                max_length=255,
            ),
        ),
        migrations.AddField(
            model_name="clinician",
            name="treatments",
            field=models.ManyToManyField(
                blank=True,
                help_text="Listed on their profile.",
                related_name="clinicians",
                to="treatments.treatmentpage",
                verbose_name="treatments they provide",
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="contact_page",
            field=models.ForeignKey(
                blank=True,
                help_text="The page that shows the clinic's locations (Locations in the admin menu) under its text.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.WAGTAIL_PAGE_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="clinician",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                help_text="A friendly portrait. Without one the team page shows a neutral outline.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="home.clinicimage",
            ),
        ),
        migrations.CreateModel(
            name="OpeningHours",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "first_day",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (0, "Monday"),
                            (1, "Tuesday"),
                            (2, "Wednesday"),
                            (3, "Thursday"),
                            (4, "Friday"),
                            (5, "Saturday"),
                            (6, "Sunday"),
                        ],
                        verbose_name="day",
                    ),
                ),
                (
                    "last_day",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        choices=[
                            (0, "Monday"),
                            (1, "Tuesday"),
                            (2, "Wednesday"),
                            (3, "Thursday"),
                            (4, "Friday"),
                            (5, "Saturday"),
                            (6, "Sunday"),
                        ],
                        help_text="Last day of a run; empty for one day.",
                        null=True,
                        verbose_name="to",
                    ),
                ),
                ("closed", models.BooleanField(default=False)),
                ("opens", home.models.locations.ClockTimeField(blank=True, help_text="e.g. 08:00", null=True)),
                ("closes", home.models.locations.ClockTimeField(blank=True, help_text="e.g. 18:00", null=True)),
                (
                    "note",
                    models.CharField(blank=True, help_text="Optional, e.g. “treatment sessions only”.", max_length=80),
                ),
                (
                    "location",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="opening_hours", to="home.location"
                    ),
                ),
            ],
            options={
                "verbose_name": "opening hours",
                "verbose_name_plural": "opening hours",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
    ]
