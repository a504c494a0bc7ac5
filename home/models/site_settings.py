import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

DEFAULT_CRISIS_NOTICE = (
    '<p><b>In crisis or thinking about suicide?</b> Call <a href="tel:988">988</a> or text '
    '<a href="sms:988">988</a> (Suicide &amp; Crisis Lifeline), any time, day or night. '
    'If you are in immediate danger, call <a href="tel:911">911</a>.</p>'
)
# A phone number people can dial: country code, area code and number.
PHONE_DIGITS = range(7, 16)


def tel_href(phone):
    """A phone number as a tel: link target: digits and a leading +, nothing else ("" without one)."""
    if not phone:
        return ""
    return "tel:" + re.sub(r"[^\d+]", "", phone)


SOCIAL_NETWORKS = [
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("youtube", "YouTube"),
    ("x", "X (Twitter)"),
    ("other", "Other"),
]


class SocialLinkValue(blocks.StructValue):
    def link_text(self):
        return self.get("label") or dict(SOCIAL_NETWORKS).get(self.get("network"), "")


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(choices=SOCIAL_NETWORKS)
    url = blocks.URLBlock(label="Address of the profile")
    label = blocks.CharBlock(required=False, help_text="Link text, if different from the network's name.")

    class Meta:
        icon = "link"
        label = "Social link"
        value_class = SocialLinkValue


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting):
    """Who the clinic is and how to reach it: shown in the header, the footer and on every page."""

    # Fetched with the settings, in the same query: every page shows the logo and links to these pages.
    select_related = ["logo", "share_image", "appointment_page", "contact_page", "privacy_page"]

    clinic_name = models.CharField(
        max_length=120, default="Clinic", help_text="Shown in the header, footer and page titles."
    )
    logo = models.ForeignKey(
        "home.ClinicImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. Without a logo the clinic name is shown as text.",
    )
    share_image = models.ForeignKey(
        "home.ClinicImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="default share image",
        help_text=(
            "The picture shown when a page without an image of its own is shared on social media or in a "
            "message, cropped to 1200 × 630 around its focal point. Choose one at least that size. "
            "Without one, such pages are shared without a picture."
        ),
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="Main phone number as people should read it, e.g. (555) 010-2040. It becomes a tap-to-call link.",
    )
    email = models.EmailField(blank=True, help_text="General enquiries address shown in the footer.")
    certifications = models.CharField(
        max_length=255,
        blank=True,
        help_text="Accreditations shown in the footer, e.g. “REMS-certified Spravato treatment center · NeuroStar TMS center”.",
    )
    appointment_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page the header's button opens on every page, usually the appointment form.",
    )
    appointment_label = models.CharField(
        "button label", max_length=40, default="Request an appointment", help_text="What the header's button says."
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page that shows the clinic's locations (Locations in the admin menu) under its text.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the footer of every page.",
    )
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, use_json_field=True)
    crisis_notice = RichTextField(
        features=["bold", "link"],
        default=DEFAULT_CRISIS_NOTICE,
        help_text="Shown at the top of every page. Keep the crisis line (988) and emergency number (911) in it.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("clinic_name"), FieldPanel("logo"), FieldPanel("share_image"), FieldPanel("certifications")],
            heading="Clinic",
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("contact_page")],
            heading="Contact details",
            help_text="Addresses and opening hours are in Locations, in the admin menu.",
        ),
        MultiFieldPanel([FieldPanel("appointment_page"), FieldPanel("appointment_label")], heading="Header button"),
        FieldPanel("crisis_notice"),
        FieldPanel("privacy_page"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = "Clinic settings"

    def __str__(self):
        return self.clinic_name

    def clean(self):
        super().clean()
        if self.phone and len(re.sub(r"\D", "", self.phone)) not in PHONE_DIGITS:
            raise ValidationError(
                {"phone": "Enter a phone number people can dial, e.g. (555) 010-2040: it becomes a tap-to-call link."}
            )

    @property
    def phone_href(self):
        """The phone number as a tel: link target: digits and a leading +, nothing else."""
        return tel_href(self.phone)
