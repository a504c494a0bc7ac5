"""Where the clinic sees people: its locations, each with structured opening hours.

Edited as a snippet (Locations in the admin menu), in the order they are listed there: the
first is the clinic's main address. The footer and the contact page show them, and the
MedicalClinic structured data (home/structured_data.py) is built from them.
"""

import re
from urllib.parse import quote_plus

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .site_settings import PHONE_DIGITS, tel_href

DAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]
DAY_NAMES = dict(DAYS)
TIME_EXAMPLE = "Enter a time on the 24-hour clock, e.g. 08:00 or 17:30 (or 8:00am, 5:30pm)."
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"]


class ClockTimeField(models.TimeField):
    """A time of day whose admin field accepts 17:30 or 5:30pm and, when it cannot read one, shows an example."""

    def formfield(self, **kwargs):
        return super().formfield(
            **{"error_messages": {"invalid": TIME_EXAMPLE}, "input_formats": TIME_INPUT_FORMATS, **kwargs}
        )


class ClockTimeInput(forms.TimeInput):
    """A plain text box (the admin's time picker writes only 24-hour times and hides the example)."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class Location(ClusterableModel, Orderable):
    name = models.CharField(
        max_length=120,
        help_text="How patients know this place, e.g. “Riverside Avenue clinic”. With one location, the clinic's name.",
    )
    street_address = models.TextField(
        help_text="Building, street and suite, one line per line, e.g. “410 Riverside Avenue, Suite 200”."
    )
    locality = models.CharField("town or city", max_length=80)
    region = models.CharField("state", max_length=40, blank=True)
    postal_code = models.CharField("ZIP code", max_length=20, blank=True)
    country = models.CharField(max_length=2, default="US", help_text="Two-letter country code (ISO 3166), e.g. US.")
    phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="Only if this location has its own number; otherwise the clinic's main number (Clinic settings) is shown.",
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="Optional, e.g. 44.046236. With the longitude, the map link points at the door, and search engines get it.",
    )
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True, help_text="e.g. -123.022029")
    hours_note = models.TextField(
        "about the hours",
        blank=True,
        help_text="Anything the hours above do not say, e.g. “Closed on public holidays”.",
    )
    parking = models.TextField(
        blank=True, help_text="Where to park and how to get there, e.g. “Free parking behind the building”."
    )
    accessibility = models.TextField(
        blank=True, help_text="Step-free access, lifts, accessible toilets, e.g. “Second floor, lift from the lobby”."
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("locality"), FieldPanel("region"), FieldPanel("postal_code")]),
                FieldPanel("country"),
                FieldPanel("phone"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Address",
        ),
        InlinePanel(
            "opening_hours",
            heading="Opening hours",
            label="Opening hours",
            help_text="One row per day or run of days, e.g. Monday to Friday, 08:00 to 18:00. Days not listed are shown as closed.",
        ),
        FieldPanel("hours_note"),
        MultiFieldPanel([FieldPanel("parking"), FieldPanel("accessibility")], heading="Getting here"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "location"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.phone and len(re.sub(r"\D", "", self.phone)) not in PHONE_DIGITS:
            errors["phone"] = "Enter a phone number people can dial, e.g. (555) 010-2040."
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = (
                "Give both the latitude and the longitude, or neither."
            )
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = "A latitude is between -90 and 90, e.g. 44.046236."
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = "A longitude is between -180 and 180, e.g. -123.022029."
        if errors:
            raise ValidationError(errors)

    @property
    def street_lines(self):
        return [line.strip() for line in self.street_address.splitlines() if line.strip()]

    @property
    def locality_line(self):
        """e.g. “Springfield, OR 97477”."""
        region = " ".join(part for part in (self.region, self.postal_code) if part)
        return ", ".join(part for part in (self.locality, region) if part)

    @property
    def address_lines(self):
        return [*self.street_lines, self.locality_line]

    @property
    def phone_href(self):
        return tel_href(self.phone)

    @property
    def map_url(self):
        """The place on OpenStreetMap (a link: nothing is loaded from it until the visitor follows it)."""
        if self.latitude is not None and self.longitude is not None:
            lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
            return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"
        query = ", ".join([*self.street_lines, self.locality_line, self.country])
        return f"https://www.openstreetmap.org/search?query={quote_plus(query)}"

    def hours_rows(self):
        """The opening hours, in their order, for templates and structured data (prefetch `opening_hours`)."""
        return list(self.opening_hours.all())


def locations_for(request=None):
    """Every location with its opening hours, in the editors' order: fetched once per request (the footer,
    the contact page and the structured data all use them)."""
    if request is not None and hasattr(request, "_clinic_locations"):
        return request._clinic_locations
    locations = list(Location.objects.prefetch_related("opening_hours"))
    if request is not None:
        request._clinic_locations = locations
    return locations


class OpeningHours(Orderable):
    """A day or run of days with the same hours: “Monday to Friday, 08:00–18:00”, or closed."""

    location = ParentalKey(Location, on_delete=models.CASCADE, related_name="opening_hours")
    first_day = models.PositiveSmallIntegerField("day", choices=DAYS)
    last_day = models.PositiveSmallIntegerField(
        "to", choices=DAYS, null=True, blank=True, help_text="Last day of a run; empty for one day."
    )
    closed = models.BooleanField(default=False)
    opens = ClockTimeField(null=True, blank=True, help_text="e.g. 08:00")
    closes = ClockTimeField(null=True, blank=True, help_text="e.g. 18:00")
    note = models.CharField(max_length=80, blank=True, help_text="Optional, e.g. “treatment sessions only”.")

    panels = [
        FieldRowPanel([FieldPanel("first_day"), FieldPanel("last_day")]),
        FieldRowPanel(
            [
                FieldPanel("opens", widget=ClockTimeInput),
                FieldPanel("closes", widget=ClockTimeInput),
                FieldPanel("closed"),
            ]
        ),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"

    def __str__(self):
        return f"{self.days_label}: {self.hours_label}"

    def clean(self):
        super().clean()
        errors = {}
        if self.last_day is not None and self.first_day is not None and self.last_day <= self.first_day:
            errors["last_day"] = (
                "The last day comes after the first, e.g. Monday to Friday. Leave it empty for one day."
            )
        if self.closed:
            if self.opens or self.closes:
                errors["closed"] = (
                    "A day that is closed has no opening and closing times: clear them, or untick Closed."
                )
        elif self.opens is None or self.closes is None:
            for field in ("opens", "closes"):
                if getattr(self, field) is None:
                    errors[field] = "Give the time, e.g. 08:00 to 18:00, or tick Closed."
        elif self.closes <= self.opens:
            errors["closes"] = "Closing comes after opening, e.g. opens 08:00, closes 18:00 (24-hour clock)."
        if errors:
            raise ValidationError(errors)

    @property
    def days(self):
        """The days as numbers, Monday 0."""
        last = self.last_day if self.last_day is not None else self.first_day
        return list(range(self.first_day, last + 1))

    @property
    def day_names(self):
        return [DAY_NAMES[day] for day in self.days]

    @property
    def days_label(self):
        names = self.day_names
        return names[0] if len(names) == 1 else f"{names[0]}–{names[-1]}"

    @property
    def hours_label(self):
        if self.closed or self.opens is None or self.closes is None:
            return "closed"
        return f"{clock(self.opens)}–{clock(self.closes)}"


def clock(value):
    """9:00am, 5:30pm: how people read times in the US."""
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"
