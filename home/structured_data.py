"""The clinic as schema.org data, from Clinic settings, the locations and the live treatment pages.

Shown on the home page and the contact page (MedicalClinic, one per location); articles name
the clinic as their publisher and profiles as the clinician's employer (`organization`).
Nothing here is typed by editors twice: every value is a field they already fill in.
"""

from urllib.parse import urljoin

from wagtail.models import Site

from core.seo import share_image
from core.structured_data import without_empty

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def clinic_id(root_url):
    return f"{root_url}/#clinic"


def logo_url(clinic, root_url):
    if not clinic.logo_id:
        return ""
    try:
        rendition = clinic.logo.get_rendition("height-112|format-png")
    except OSError:  # the file is gone: no logo rather than a broken one
        return ""
    return urljoin(root_url + "/", rendition.url)


def share_image_url(clinic, request):
    """The default share image (1200 × 630) at the Site's address, or "" without one (or without its file)."""
    rendition = share_image(None, clinic.share_image) if clinic.share_image_id else None
    return urljoin(_site_root(request) + "/", rendition.url) if rendition else ""


def organization(clinic, request, main_location=None):
    """The clinic in short, for an article's publisher or a clinician's employer: its name, address, logo
    and number (a MedicalClinic is a LocalBusiness, which Google wants with its address)."""
    root_url = _site_root(request)
    data = {
        "@type": "MedicalClinic",
        "@id": clinic_id(root_url),
        "name": clinic.clinic_name,
        "url": root_url + "/",
    }
    logo = logo_url(clinic, root_url)
    if logo:
        data["logo"] = {"@type": "ImageObject", "url": logo}
    if main_location is not None:
        data["address"] = postal_address(main_location)
    if clinic.phone:
        data["telephone"] = clinic.phone
    return data


def opening_hours_specification(rows):
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[day]}" for day in row.days],
            "opens": row.opens.strftime("%H:%M"),
            "closes": row.closes.strftime("%H:%M"),
        }
        for row in rows
        if not row.closed and row.opens and row.closes
    ]


def postal_address(location):
    return without_empty(
        {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(location.street_lines),
            "addressLocality": location.locality,
            "addressRegion": location.region,
            "postalCode": location.postal_code,
            "addressCountry": location.country,
        }
    )


def medical_clinics(clinic, locations, treatments, request):
    """A MedicalClinic per location (the first is the clinic itself), or one without an address if none."""
    base = organization(clinic, request, locations[0] if locations else None)
    root_url = _site_root(request)
    shared = {
        "telephone": clinic.phone,
        "email": clinic.email,
        "image": base.get("logo", {}).get("url", ""),
        "medicalSpecialty": "https://schema.org/Psychiatric",
        "availableService": [
            {"@type": "MedicalTherapy", "name": page.title, "url": page.get_full_url(request)} for page in treatments
        ],
        "sameAs": [link.value["url"] for link in clinic.social_links if link.value.get("url")],
    }
    if not locations:
        return [without_empty({**base, **shared})]
    clinics = []
    for number, location in enumerate(locations):
        data = {**base, **shared}
        if number:
            data["@id"] = f"{root_url}/#location-{location.pk}"
            data["name"] = f"{clinic.clinic_name}, {location.name}"
            data["parentOrganization"] = {"@id": base["@id"]}
        data["telephone"] = location.phone or clinic.phone
        data["address"] = postal_address(location)
        if location.latitude is not None and location.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(location.latitude),
                "longitude": float(location.longitude),
            }
        data["hasMap"] = location.map_url
        data["openingHoursSpecification"] = opening_hours_specification(location.hours_rows())
        clinics.append(without_empty(data))
    return clinics
