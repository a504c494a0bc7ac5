from django.db import models
from django.db.models import Prefetch
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from blog.models import article_listing
from home.blocks import BodyBlock, table_of_contents
from home.models import MedicalReview
from home.structured_data import faq_page, person, without_empty

# A table of contents is shown once a page has this many headed sections.
TABLE_OF_CONTENTS_MIN_SECTIONS = 3

SHORT_RICH_TEXT = ["bold", "italic", "link", "ul"]


def listing(pages):
    """Live, public pages for a list of cards, with their images' renditions in one query."""
    images = get_image_model().objects.prefetch_renditions()
    return pages.live().public().defer_streamfields().prefetch_related(Prefetch("hero_image", queryset=images))


class MedicalPage(MedicalReview, Page):
    """What treatment and condition pages share: a summary, a hero image, a body and a medical review."""

    summary = models.TextField(
        max_length=300,
        help_text="One or two plain sentences. Shown under the title and in listings.",
    )
    hero_image = models.ForeignKey(
        "home.ClinicImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top and in listings. Its description in the image library is its alt text.",
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        contents = table_of_contents(self.body)
        context["table_of_contents"] = contents if len(contents) >= TABLE_OF_CONTENTS_MIN_SECTIONS else []
        return context

    schema_type = "MedicalEntity"
    related_articles_shown = 3

    def related_articles(self):
        """The newest live articles an editor linked to this page (the reverse of the article's topics)."""
        return list(article_listing(self.articles.all())[: self.related_articles_shown])

    def structured_data(self, request):
        url = self.get_full_url(request)
        page = {
            "@type": "MedicalWebPage",
            "@id": url,
            "url": url,
            "name": self.title,
            "description": self.summary,
            "about": {"@type": self.schema_type, "name": self.title},
            "lastReviewed": self.last_reviewed,
            "reviewedBy": person(self.reviewed_by),
        }
        return [without_empty(page), faq_page(self.body, url)]


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
        *MedicalPage.search_fields,
        index.SearchField("how_given"),
        index.SearchField("fda_approved_for"),
        index.SearchField("off_label_uses"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
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
        *MedicalReview.review_panels,
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

    search_fields = [*MedicalPage.search_fields, index.SearchField("common_symptoms")]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("common_symptoms"),
        HelpPanel(
            "The treatments listed for this condition are chosen on each treatment page, under “At a glance”.",
            heading="Treatments offered",
        ),
        FieldPanel("body"),
        *MedicalReview.review_panels,
    ]

    class Meta:
        verbose_name = "condition page"

    @property
    def symptoms(self):
        return [line.strip() for line in self.common_symptoms.splitlines() if line.strip()]

    def treatments(self):
        return listing(TreatmentPage.objects.filter(treated_conditions__condition=self)).order_by("title")
