"""The demo clinic: home, about, contact and privacy pages, the site settings and a hero image.

Every function here creates what is missing and leaves what exists alone, so
running the loader again never overwrites an editor's changes.
"""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageChops, ImageDraw, ImageFilter
from wagtail.models import Page, Site

from forms.demo import appointment_form_page
from home.models import ClinicImage, ClinicSettings, HomePage, StandardPage

CLINIC_NAME = "Willow Bend Psychiatry"

HERO_IMAGE_TITLE = "Calm water at first light"


def section(heading, *paragraphs):
    """One body section in StreamField's raw form: a heading and its rich-text paragraphs."""
    text = "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs)
    return {"type": "section", "value": {"heading": heading, "text": text}}


def bullet_list(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def load(stdout):
    home = home_page(stdout)
    site = default_site(home)
    pages = {spec["slug"]: standard_page(home, spec, stdout) for spec in STANDARD_PAGES}
    appointment = appointment_form_page(home, stdout)
    if not home.cta_page_id:
        home.cta_label = "Request an appointment"
        home.cta_page = appointment
        home.save_revision().publish()
    clinic_settings(site, privacy=pages["privacy"], appointment=appointment, stdout=stdout)
    return home


def hero_image():
    """A generated picture of soft light over still water, made once and then reused."""
    existing = ClinicImage.objects.filter(title=HERO_IMAGE_TITLE).first()
    if existing:
        return existing
    width, height = 1600, 1200
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    horizon = int(height * 0.58)
    sky_top, sky_bottom = (206, 228, 226), (252, 236, 214)
    water_top, water_bottom = (150, 190, 190), (58, 112, 120)
    for y in range(height):
        if y < horizon:
            t = y / horizon
            top, bottom = sky_top, sky_bottom
        else:
            t = (y - horizon) / (height - horizon)
            top, bottom = water_top, water_bottom
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    sun_x, sun_y, radius = int(width * 0.68), horizon - 40, 120
    glow = PILImage.new("RGB", (width, height), (0, 0, 0))
    ImageDraw.Draw(glow).ellipse([sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=(110, 80, 30))
    picture = ImageChops.screen(picture, glow.filter(ImageFilter.GaussianBlur(90)))
    draw = ImageDraw.Draw(picture)
    draw.ellipse([sun_x - 70, sun_y - 70, sun_x + 70, sun_y + 70], fill=(255, 244, 222))
    for i in range(14):
        y = horizon + 30 + i * 30
        half = int(90 * math.exp(-i / 6)) + 20
        draw.line([(sun_x - half, y), (sun_x + half, y)], fill=(236, 230, 210), width=4)
    for x_start, peak, colour in ((0, 0.40, (120, 160, 160)), (int(width * 0.25), 0.47, (96, 142, 146))):
        draw.polygon([(x_start, horizon), (x_start + 380, int(height * peak)), (x_start + 900, horizon)], fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(1.5))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return ClinicImage.objects.create(
        title=HERO_IMAGE_TITLE,
        description="Soft morning light over still water, with low hills on the horizon.",
        credit="Illustration made for this site",
        file=ImageFile(buffer, name="calm-water.jpg"),
    )


def home_page(stdout):
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = HomePage(
        title="Home",
        slug="clinic-home",
        seo_title=f"{CLINIC_NAME}: ketamine, Spravato and TMS for depression, PTSD and OCD",
        search_description="Psychiatric care for treatment-resistant depression, PTSD and OCD, "
        "with ketamine therapy, Spravato (esketamine) and TMS.",
        hero_heading="New options when depression, PTSD or OCD have not lifted",
        hero_text="<p>We are a psychiatric clinic for people whose symptoms have not improved enough with "
        "talking therapy or medicines. We offer ketamine therapy, Spravato (esketamine) and TMS, "
        "with a psychiatrist beside you at every step.</p>",
        hero_image=hero_image(),
        body=[
            section(
                "Who we help",
                "Many of the people we see have tried two or more antidepressants without enough relief. "
                "Others live with post-traumatic stress disorder (PTSD) or obsessive-compulsive disorder "
                "(OCD) that still shapes their days despite treatment.",
                bullet_list(
                    "Treatment-resistant depression",
                    "Depression with thoughts of suicide",
                    "Post-traumatic stress disorder (PTSD)",
                    "Obsessive-compulsive disorder (OCD)",
                ),
            ),
            section(
                "How care works here",
                "Your first visit is a conversation with a psychiatrist about your history, your current "
                "treatment and what you hope will change. If a treatment we offer may suit you, we explain "
                "its benefits and its risks plainly, and we keep working with your own doctor and therapist.",
                "We never ask you to stop a treatment that helps you. New treatments are added to your care, "
                "not put in place of it.",
            ),
            section(
                "Insurance and cost",
                "Spravato and TMS are covered by many insurance plans when certain conditions are met. "
                "Ketamine infusions for depression are usually paid for by the patient. Our intake team "
                "checks your cover before your first treatment, so there are no surprises.",
            ),
        ],
    )
    root.add_child(instance=home)
    home.save_revision().publish()

    # Wagtail's migrations leave a "Welcome to Wagtail" page as the site root: replace it.
    site = Site.objects.filter(is_default_site=True).first()
    placeholder = site.root_page if site else None
    default_site(home)
    if placeholder and placeholder.specific_class is Page and not placeholder.get_children().exists():
        placeholder.delete()
    home.slug = "home"
    home.save_revision().publish()
    stdout.write("Created the home page.")
    # publish() saves a fresh copy from the revision; reload to get its new url_path.
    return HomePage.objects.get(pk=home.pk)


def default_site(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=CLINIC_NAME
        )
    if site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = CLINIC_NAME
        site.save()
    return site


def clinic_settings(site, *, privacy, appointment, stdout):
    clinic = ClinicSettings.for_site(site)
    if clinic.phone:
        return clinic  # already set up, perhaps edited since: leave it alone
    clinic.privacy_page = privacy
    clinic.appointment_page = appointment
    clinic.clinic_name = CLINIC_NAME
    clinic.phone = "(555) 010-2040"
    clinic.email = "care@willowbend.example"
    clinic.address = "Willow Bend Psychiatry\n410 Riverside Avenue, Suite 200\nSpringfield, OR 97477"
    clinic.opening_hours = "Monday–Friday: 8am–6pm\nSaturday: 9am–1pm (treatment sessions only)\nSunday: closed"
    clinic.certifications = "REMS-certified Spravato treatment center · NeuroStar TMS center"
    clinic.social_links = [
        {"type": "link", "value": {"network": "facebook", "url": "https://www.facebook.com/", "label": ""}},
        {"type": "link", "value": {"network": "instagram", "url": "https://www.instagram.com/", "label": ""}},
    ]
    clinic.save()
    stdout.write("Filled in the clinic settings.")
    return clinic


def standard_page(parent, spec, stdout):
    existing = parent.get_children().filter(slug=spec["slug"]).first()
    if existing:
        return existing.specific
    page = StandardPage(**spec)
    parent.add_child(instance=page)
    page.save_revision().publish()
    stdout.write(f"Created the {page.title} page.")
    return page


STANDARD_PAGES = [
    {
        "title": "About us",
        "slug": "about",
        "show_in_menus": True,
        "intro": "A small psychiatric clinic for people whose depression, PTSD or OCD has not got better with the usual treatments.",
        "search_description": "Who we are, what we believe, and how we look after you.",
        "body": [
            section(
                "Why we started",
                "Around a third of people with depression do not get enough relief from the first medicines "
                "they try. For them, being offered the same kind of treatment again can feel hopeless. "
                "We opened Willow Bend to bring newer, well-studied treatments to our community, given "
                "carefully and explained honestly.",
            ),
            section(
                "What we believe",
                bullet_list(
                    "You should understand a treatment's risks as clearly as its benefits.",
                    "Nobody should be rushed: you choose if and when to start.",
                    "Care works best when we stay in touch with your own doctor and therapist.",
                    "A calm, private setting matters, especially on a hard day.",
                ),
            ),
            section(
                "Our team",
                "Our psychiatrists and psychiatric nurse practitioners are licensed in Oregon and trained in "
                "giving ketamine, esketamine and TMS. A registered nurse monitors every treatment session.",
            ),
        ],
    },
    {
        "title": "Contact us",
        "slug": "contact",
        "show_in_menus": True,
        "intro": "Call, email or visit us. We answer calls on weekdays from 8am to 6pm.",
        "search_description": "How to reach the clinic, where we are, and what happens when you get in touch.",
        "body": [
            section(
                "Call or email",
                'Phone: <a href="tel:5550102040">(555) 010-2040</a>. '
                'Email: <a href="mailto:care@willowbend.example">care@willowbend.example</a>.',
                "Please do not send medical details by email. Our intake team will call you back to talk "
                "about your needs privately.",
            ),
            section(
                "What happens when you get in touch",
                "<ol><li>A member of our intake team calls you back, usually within one working day.</li>"
                "<li>They ask a few questions about your symptoms and treatment so far, and check your insurance.</li>"
                "<li>If a treatment we offer may suit you, we book a first visit with a psychiatrist.</li></ol>",
            ),
            section(
                "Finding us",
                "We are on the second floor of 410 Riverside Avenue, Springfield, with a lift from the lobby. "
                "There is free parking behind the building. After some treatments you cannot drive for the "
                "rest of the day, so please plan a ride home.",
            ),
        ],
    },
    {
        "title": "Privacy",
        "slug": "privacy",
        "show_in_menus": False,
        "intro": "What we collect through this website, why, and who can see it.",
        "search_description": "How this website handles the information you give us.",
        "body": [
            section(
                "What we collect",
                "When you ask for an appointment or a call-back, we keep what you type into the form: "
                "usually your name, phone number, email address and a short message. We do not use "
                "advertising trackers on this site.",
            ),
            section(
                "Who can see it",
                "Only our intake staff can read form requests. They use them to contact you and for "
                "nothing else. Every time a request is opened or exported, this is recorded.",
            ),
            section(
                "How long we keep it",
                "Requests are deleted automatically after one year. If you become a patient, your care "
                "records are kept in our clinical record system as the law requires.",
            ),
            section(
                "Your choices",
                "You can ask us to show you or delete what you sent us through this website. Call or email "
                "us and we will do so.",
            ),
        ],
    },
]
