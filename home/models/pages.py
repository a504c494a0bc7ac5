from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock, HomeBodyBlock
from core.models import TraumaAwareReading
from core.panels import WritingChecksPanel
from core.routing import DirectRoutingMixin
from core.seo import promote_panels
from home import structured_data as clinic_data

from .locations import locations_for
from .site_settings import ClinicSettings


def clinic_settings_for(page, request):
    if request is not None:
        return ClinicSettings.for_request(request)
    return ClinicSettings.for_site(page.get_site())


def clinic_structured_data(page, request):
    """The clinic's MedicalClinic data: its settings, its locations and its live treatments."""
    from treatments.models import TreatmentPage

    clinic = clinic_settings_for(page, request)
    locations = locations_for(request)
    treatments = TreatmentPage.objects.live().public().order_by("path")
    return clinic_data.medical_clinics(clinic, locations, treatments, request)


class HomePage(DirectRoutingMixin, Page):
    """The root of a clinic site: a welcome, one clear call to action, and sections below."""

    hero_heading = models.CharField(
        max_length=120,
        help_text="The page's main heading, e.g. “Relief when depression has not lifted”.",
    )
    hero_text = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="One or two sentences under the heading: who the clinic helps and how.",
    )
    hero_image = models.ForeignKey(
        "home.ClinicImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "A calm, wide photograph. Its description in the image library is used as alt text. "
            "Cropped to 1200 × 630, it is also the picture shown when the home page is shared."
        ),
    )
    cta_label = models.CharField(
        "button label",
        max_length=60,
        blank=True,
        help_text="What the button says, e.g. “Request an appointment”.",
    )
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="button links to",
        help_text="The page the button opens, usually the appointment form.",
    )
    body = StreamField(
        HomeBodyBlock(),
        blank=True,
        use_json_field=True,
        help_text="Sections shown below the welcome: text sections, and featured pages such as the treatments.",
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "treatments.TreatmentIndexPage",
        "treatments.ConditionIndexPage",
        "blog.BlogIndexPage",
        "forms.FormPage",
        "home.TeamPage",
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("cta_label"),
                PageChooserPanel("cta_page"),
            ],
            heading="Welcome",
        ),
        FieldPanel("body"),
        WritingChecksPanel(),
    ]
    promote_panels = promote_panels("the welcome text")

    class Meta:
        verbose_name = "home page"

    def body_groups(self):
        """The body in runs: each featured-pages section on its own (full width), other blocks together."""
        return [
            {"featured": featured, "blocks": list(run)}
            for featured, run in groupby(self.body, key=lambda block: block.block_type == "featured_pages")
        ]

    def structured_data(self, request):
        return clinic_structured_data(self, request)

    def structured_data_organization(self, request):
        """The clinic in short: an article's publisher, a clinician's employer."""
        locations = locations_for(request)
        return clinic_data.organization(
            clinic_settings_for(self, request), request, locations[0] if locations else None
        )

    def structured_data_share_image(self, request):
        """The site's default share image (Clinic settings), for an article without a picture of its own."""
        return clinic_data.share_image_url(clinic_settings_for(self, request), request)

    def clean(self):
        super().clean()
        if self.cta_label and not self.cta_page:
            raise ValidationError({"cta_page": "Choose the page the button opens, or clear the button label."})


class StandardPage(TraumaAwareReading, Page):
    """A plain page such as About, Contact or Privacy: an introduction and sections."""

    intro = models.TextField(blank=True, help_text="One or two sentences under the title, in plain language.")
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "home.TeamPage"]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        *TraumaAwareReading.trauma_aware_panels,
        FieldPanel("body"),
        WritingChecksPanel(),
    ]
    promote_panels = promote_panels("the introduction")

    class Meta:
        verbose_name = "standard page"

    def is_contact_page(self, request=None):
        return clinic_settings_for(self, request).contact_page_id == self.pk

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["is_contact_page"] = self.is_contact_page(request)
        return context

    def structured_data(self, request):
        """The contact page carries the clinic's MedicalClinic data (the home page does too)."""
        return clinic_structured_data(self, request) if self.is_contact_page(request) else []
