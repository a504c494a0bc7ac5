"""Every clinician gets a unique slug from their name; Clinic settings' address and opening hours become the
first location, nothing lost.

The address's last line "Springfield, OR 97477" gives the town, state and ZIP code; the lines above it the
street (a first line that is the clinic's own name is the location's name). An opening-hours line such as
"Monday–Friday: 8am–6pm" or "Saturday: 9am–1pm (treatment sessions only)" or "Sunday: closed" becomes a row;
a line that does not read like one is kept, word for word, in the location's note about the hours, so an
editor can turn it into rows. Going back puts the address and hours text back from the location.
"""

import datetime
import re

from django.db import migrations
from django.utils.text import slugify

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DAY_PREFIX = {name[:3]: number for number, name in enumerate(DAYS)}
DASH = r"\s*(?:–|—|-|to)\s*"
TIME = r"\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?"
HOURS_LINE = re.compile(
    rf"^(?P<first>[a-z]+)(?:{DASH}(?P<last>[a-z]+))?\s*:?\s*"
    rf"(?:(?P<closed>closed)|(?P<opens>{TIME}){DASH}(?P<closes>{TIME}))"
    r"\s*(?:\((?P<note>[^)]*)\))?\.?$",
    re.IGNORECASE,
)
LAST_ADDRESS_LINE = re.compile(r"^(?P<locality>[^,]+),\s*(?P<region>[A-Za-z]{2})\.?\s+(?P<postal>\d{5}(?:-\d{4})?)$")


def day_number(word):
    return DAY_PREFIX.get(word.lower()[:3])


def clock_time(text):
    text = text.lower().replace(".", "").replace(" ", "")
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(am|pm)?", text)
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half == "pm" and hour != 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


def hours_row(line):
    """(first_day, last_day, closed, opens, closes, note) from one line of text, or None if it does not read."""
    match = HOURS_LINE.match(line.strip())
    if not match:
        return None
    first = day_number(match["first"])
    last = day_number(match["last"]) if match["last"] else None
    if first is None or (match["last"] and last is None) or (last is not None and last <= first):
        return None
    if match["closed"]:
        return first, last, True, None, None, match["note"] or ""
    opens, closes = clock_time(match["opens"]), clock_time(match["closes"])
    if opens is None or closes is None or closes <= opens:
        return None
    return first, last, False, opens, closes, (match["note"] or "")[:80]


def split_address(lines, clinic_name):
    """(name, street lines, locality, region, postal code) from the address's lines."""
    name = clinic_name
    if len(lines) > 1 and lines[0].casefold() == clinic_name.casefold():
        lines = lines[1:]
    match = LAST_ADDRESS_LINE.match(lines[-1]) if len(lines) > 1 else None
    if match:
        return name, lines[:-1], match["locality"].strip(), match["region"].upper(), match["postal"]
    return name, lines, "", "", ""


def forwards(apps, schema_editor):
    Clinician = apps.get_model("home", "Clinician")
    taken = set()
    for clinician in Clinician.objects.order_by("pk"):
        base = slugify(clinician.name)[:70].strip("-") or "clinician"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        Clinician.objects.filter(pk=clinician.pk).update(slug=slug)

    ClinicSettings = apps.get_model("home", "ClinicSettings")
    Location = apps.get_model("home", "Location")
    OpeningHours = apps.get_model("home", "OpeningHours")
    for order, clinic in enumerate(ClinicSettings.objects.order_by("pk")):
        address_lines = [line.strip() for line in clinic.address.splitlines() if line.strip()]
        hours_lines = [line.strip() for line in clinic.opening_hours.splitlines() if line.strip()]
        if not address_lines and not hours_lines:
            continue
        name, street, locality, region, postal = split_address(address_lines or [""], clinic.clinic_name)
        rows, unread = [], []
        for line in hours_lines:
            row = hours_row(line)
            (rows if row else unread).append(row or line)
        location = Location.objects.create(
            sort_order=order,
            name=name,
            street_address="\n".join(street),
            locality=locality,
            region=region,
            postal_code=postal,
            hours_note="\n".join(unread),
        )
        for sort_order, (first, last, closed, opens, closes, note) in enumerate(rows):
            OpeningHours.objects.create(
                location=location,
                sort_order=sort_order,
                first_day=first,
                last_day=last,
                closed=closed,
                opens=opens,
                closes=closes,
                note=note,
            )


def backwards(apps, schema_editor):
    ClinicSettings = apps.get_model("home", "ClinicSettings")
    Location = apps.get_model("home", "Location")
    first = Location.objects.order_by("sort_order", "pk").first()
    if first is None:
        return
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    hours = []
    for row in first.opening_hours.order_by("sort_order", "pk"):
        days = names[row.first_day] + (f"–{names[row.last_day]}" if row.last_day is not None else "")
        time = "closed" if row.closed else f"{row.opens:%H:%M}–{row.closes:%H:%M}"
        hours.append(f"{days}: {time}" + (f" ({row.note})" if row.note else ""))
    if first.hours_note:
        hours.append(first.hours_note)
    region = " ".join(part for part in (first.region, first.postal_code) if part)
    last_line = ", ".join(part for part in (first.locality, region) if part)
    address = "\n".join(line for line in [first.name, first.street_address, last_line] if line)
    ClinicSettings.objects.update(address=address, opening_hours="\n".join(hours))


class Migration(migrations.Migration):
    dependencies = [("home", "0013_team_page_profiles_locations")]

    operations = [migrations.RunPython(forwards, backwards)]
