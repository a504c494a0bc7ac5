import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.listings import listing, sitemap_urls_of_a_list
from core.models import MedicalContentPage
from core.seo import promote_panels

SHORT_RICH_TEXT = ["bold", "italic", "link", "ul"]


class MedicalPage(MedicalContentPage):
    """What treatment and condition pages share beyond every medical content page: the articles linked to them."""

    class Meta:
        abstract = True

    def related_articles_queryset(self):
        # The reverse of the article's topics (blog.BlogPage.related_treatments / related_conditions).
        return self.articles.all()


class IndexPage(Page):
    """A list of its child pages as cards: the treatments, or the conditions."""

    intro = models.TextField(blank=True, help_text="A sentence or two above the list.")
    empty_message = ""

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = promote_panels("the introduction")

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        child_model = self.allowed_subpage_models()[0]
        context["items"] = listing(child_model.objects.child_of(self))
        return context

    def get_sitemap_urls(self, request=None):
        return sitemap_urls_of_a_list(super().get_sitemap_urls(request), self.get_children())


class TreatmentIndexPage(IndexPage):
    subpage_types = ["treatments.TreatmentPage"]
    template = "treatments/index_page.html"  # Wagtail gives each page class its own unless told
    empty_message = "Our treatments will be listed here soon. Please call us to ask about them."

    class Meta:
        verbose_name = "treatment index page"


class FDAStatus(models.TextChoices):
    """What the FDA has said about a treatment: a medicine is approved, a device is cleared."""

    APPROVED = "approved", "FDA-approved (a medicine)"
    CLEARED = "cleared", "FDA-cleared (a medical device, such as TMS)"
    OFF_LABEL = "off_label", "Off-label use (approved or cleared, but for something else)"
    NOT_APPROVED = "not_approved", "Not FDA-approved or cleared for any use"


# The heading the page shows above the status's text, and what an editor is asked to write under it.
FDA_HEADINGS = {
    FDAStatus.APPROVED: "FDA-approved for",
    FDAStatus.CLEARED: "FDA-cleared for",
    FDAStatus.OFF_LABEL: "Off-label use",
    FDAStatus.NOT_APPROVED: "Not FDA-approved",
}
FDA_INDICATION_MISSING = {
    FDAStatus.APPROVED: "Say what the FDA has approved it for, e.g. “Treatment-resistant depression in adults”.",
    FDAStatus.CLEARED: "Say what the FDA has cleared the device for, e.g. “Major depressive disorder in adults”.",
    FDAStatus.OFF_LABEL: "Say what the FDA has approved it for, and that our use of it is off-label.",
    FDAStatus.NOT_APPROVED: "Say in a sentence what the FDA has not approved, e.g. “any use of this treatment”.",
}
# "not approved", "has not been cleared", "isn't FDA-approved": a denial, not a claim.
_DENIED = re.compile(r"(?:\bnot|\bnever|n['’]t)\s+(?:been\s+|yet\s+)?(?:fda[-\s])?(?:approved|cleared)\b")
_CLAIMS_APPROVAL = re.compile(r"\bapprov(?:ed|al)\b")
_CLAIMS_CLEARANCE = re.compile(r"\bfda\b[^.;]{0,20}\bclear(?:ed|ance)\b|\bclear(?:ed|ance)\b[^.;]{0,20}\bfda\b")


def _claims(pattern, html):
    """Whether rich text says what `pattern` matches, other than to deny it."""
    text = " ".join(strip_tags(html).lower().split())
    return bool(pattern.search(_DENIED.sub(" ", text)))


class TreatmentPage(MedicalPage):
    how_given = models.CharField(
        "how it is given",
        max_length=120,
        help_text="e.g. “IV infusion or intramuscular injection”, “Nasal spray”, “Magnetic pulses”.",
    )
    session_length = models.CharField(
        max_length=120, blank=True, help_text="e.g. “40 minutes, then 2 hours of observation”."
    )
    course_length = models.CharField(max_length=160, blank=True, help_text="e.g. “6 sessions over 2–3 weeks”.")
    insurance_note = models.TextField(
        blank=True, max_length=400, help_text="Whether insurance usually covers it, in a sentence or two."
    )
    fda_status = models.CharField(
        "FDA status",
        max_length=20,
        choices=FDAStatus.choices,
        blank=True,
        help_text="A medicine is FDA-approved; a device, such as a TMS system, is FDA-cleared, never approved. "
        "Leave empty to say nothing about the FDA.",
    )
    fda_indication = RichTextField(
        "what the FDA status covers",
        features=SHORT_RICH_TEXT,
        blank=True,
        help_text="Shown under the status as its heading (e.g. “FDA-cleared for”): the conditions and people it is "
        "approved or cleared for, or, for off-label use, what the FDA has approved it for and what we use it for.",
    )
    off_label_uses = RichTextField(
        "off-label uses",
        features=SHORT_RICH_TEXT,
        blank=True,
        help_text="Uses we offer that the FDA has not approved or cleared, e.g. ketamine for PTSD. With the status "
        "“Off-label use”, they are shown under that heading.",
    )
    rems_requirements = RichTextField(
        "REMS requirements",
        features=SHORT_RICH_TEXT,
        blank=True,
        help_text="Safety rules the FDA requires (Risk Evaluation and Mitigation Strategy), e.g. for Spravato.",
    )

    parent_page_types = ["treatments.TreatmentIndexPage"]
    subpage_types = []
    schema_type = "MedicalTherapy"

    search_fields = [
        *MedicalContentPage.search_fields,
        index.SearchField("how_given"),
        index.SearchField("fda_indication"),
        index.SearchField("off_label_uses"),
    ]

    content_panels = [
        *Page.content_panels,
        *MedicalContentPage.summary_panels,
        MultiFieldPanel(
            [
                InlinePanel("treated_conditions", heading="Conditions it treats", label="Condition"),
                FieldPanel("how_given"),
                FieldPanel("session_length"),
                FieldPanel("course_length"),
                FieldPanel("insurance_note"),
            ],
            heading="At a glance",
        ),
        MultiFieldPanel(
            [
                FieldPanel("fda_status"),
                FieldPanel("fda_indication"),
                FieldPanel("off_label_uses"),
                FieldPanel("rems_requirements"),
            ],
            heading="Regulatory status",
        ),
        FieldPanel("body"),
        *MedicalContentPage.review_panels,
    ]

    class Meta:
        verbose_name = "treatment page"

    @property
    def fda_heading(self):
        """The heading over the FDA status's text: "FDA-cleared for", "Off-label use"…"""
        return FDA_HEADINGS.get(self.fda_status, "")

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field, message in self.fda_status_errors():
            errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)

    def fda_status_errors(self):
        """(field, message) for each way the FDA status and its text disagree."""
        status, text = self.fda_status, strip_tags(self.fda_indication).strip()
        if status and not text:
            yield "fda_indication", FDA_INDICATION_MISSING[status]
        if text and not status:
            yield "fda_status", "Choose the FDA status this text describes, or empty the text."
        if status == FDAStatus.APPROVED and _claims(_CLAIMS_CLEARANCE, self.fda_indication):
            yield (
                "fda_status",
                "The text says the FDA cleared it, and only devices are cleared. "
                "If this is a device, such as TMS, choose “FDA-cleared”.",
            )
        if status == FDAStatus.CLEARED and _claims(_CLAIMS_APPROVAL, self.fda_indication):
            yield (
                "fda_indication",
                "A device is FDA-cleared, never FDA-approved: take out “approved”. "
                "If this is a medicine, choose “FDA-approved” instead.",
            )
        if status == FDAStatus.CLEARED and strip_tags(self.rems_requirements).strip():
            yield (
                "rems_requirements",
                "Only medicines have a REMS safety program, not devices. "
                "If this is a medicine, choose “FDA-approved”; if it is a device, empty this box.",
            )

    def conditions(self):
        """The live conditions this treatment is for, in the editor's order (previews included)."""
        ids = [link.condition_id for link in self.treated_conditions.all()]
        pages = ConditionPage.objects.live().public().defer_streamfields().in_bulk(ids)
        return [pages[pk] for pk in ids if pk in pages]


class TreatmentCondition(Orderable):
    """One relation between treatments and conditions, shown on both pages."""

    treatment = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="treated_conditions")
    condition = models.ForeignKey("treatments.ConditionPage", on_delete=models.CASCADE, related_name="treatment_links")

    panels = [FieldPanel("condition")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["treatment", "condition"], name="unique_treatment_condition")]


class ConditionIndexPage(IndexPage):
    subpage_types = ["treatments.ConditionPage"]
    template = "treatments/index_page.html"
    empty_message = "The conditions we treat will be listed here soon. Please call us to ask."

    class Meta:
        verbose_name = "condition index page"


class ConditionPage(MedicalPage):
    common_symptoms = models.TextField(
        blank=True,
        help_text="One symptom per line, in everyday words, e.g. “Nightmares or flashbacks”.",
    )

    parent_page_types = ["treatments.ConditionIndexPage"]
    subpage_types = []
    schema_type = "MedicalCondition"

    search_fields = [*MedicalContentPage.search_fields, index.SearchField("common_symptoms")]

    content_panels = [
        *Page.content_panels,
        *MedicalContentPage.summary_panels,
        FieldPanel("common_symptoms"),
        HelpPanel(
            "The treatments listed for this condition are chosen on each treatment page, under “At a glance”.",
            heading="Treatments offered",
        ),
        FieldPanel("body"),
        *MedicalContentPage.review_panels,
    ]

    class Meta:
        verbose_name = "condition page"

    @property
    def symptoms(self):
        return [line.strip() for line in self.common_symptoms.splitlines() if line.strip()]

    def treatments(self):
        return listing(TreatmentPage.objects.filter(treated_conditions__condition=self)).order_by("title")
