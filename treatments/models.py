from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.listings import listing
from core.models import MedicalContentPage

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

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        child_model = self.allowed_subpage_models()[0]
        context["items"] = listing(child_model.objects.child_of(self))
        return context


class TreatmentIndexPage(IndexPage):
    subpage_types = ["treatments.TreatmentPage"]
    template = "treatments/index_page.html"  # Wagtail gives each page class its own unless told
    empty_message = "Our treatments will be listed here soon. Please call us to ask about them."

    class Meta:
        verbose_name = "treatment index page"


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
    fda_approved_for = RichTextField(
        "FDA-approved for",
        features=SHORT_RICH_TEXT,
        blank=True,
        help_text="The conditions the FDA has approved this treatment for. Leave empty if none.",
    )
    off_label_uses = RichTextField(
        "off-label uses",
        features=SHORT_RICH_TEXT,
        blank=True,
        help_text="Uses we offer that the FDA has not approved, e.g. ketamine for PTSD.",
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
        index.SearchField("fda_approved_for"),
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
            [FieldPanel("fda_approved_for"), FieldPanel("off_label_uses"), FieldPanel("rems_requirements")],
            heading="Regulatory status",
        ),
        FieldPanel("body"),
        *MedicalContentPage.review_panels,
    ]

    class Meta:
        verbose_name = "treatment page"

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
