"""The abstract models every medical content page shares. No concrete models live in core/."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock, table_of_contents
from .listings import listing
from .panels import WritingChecksPanel
from .permissions import MedicalPageCopyForm, MedicalPageForm, MedicalPagePermissionTester
from .review_dates import is_overdue
from .seo import promote_panels
from .structured_data import faq_page, person, without_empty
from .writing_checks import MEDICAL_TARGET_GRADE


class MedicalReview(models.Model):
    """Who last checked a medical page, when, and when it is due again.

    Recorded, never typed: approving the page in the Medical review workflow sets
    all three (home/models/medical_review.py), so the page editor shows them read-only.
    """

    reviewed_by = models.ForeignKey(
        "home.Clinician",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The clinician whose approval in Medical review published this content.",
    )
    last_reviewed = models.DateField(null=True, blank=True, help_text="The day they approved it.")
    next_review_due = models.DateField(
        null=True, blank=True, help_text="When the page must be reviewed again; chosen by the reviewer on approval."
    )

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("reviewed_by", read_only=True),
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review_due", read_only=True),
            ],
            heading="Medical review",
            help_text="Filled in when a clinical reviewer approves the page in Medical review.",
        )
    ]
    # A copy is new content: it has not been reviewed.
    exclude_fields_in_copy = ["reviewed_by", "last_reviewed", "next_review_due"]

    class Meta:
        abstract = True

    @property
    def review_is_overdue(self):
        """Whether the next review date has passed (today in the site's time zone): the page is due for review."""
        return is_overdue(self.next_review_due)

    def clean(self):
        super().clean()
        if self.reviewed_by_id and not self.last_reviewed:
            raise ValidationError({"last_reviewed": "Give the date the reviewer checked this page."})
        if self.last_reviewed and self.next_review_due and self.next_review_due <= self.last_reviewed:
            raise ValidationError({"next_review_due": "The next review must come after the last one."})


class TraumaAwareReading(models.Model):
    """A content note at the top of the page and a "Leave this page quickly" button, each chosen per page.

    templates/includes/content_note.html and quick_exit.html show them (from base.html);
    static/js/quick-exit.js makes the button and Esc pressed twice replace the page with QUICK_EXIT_URL.
    """

    # A neutral site: nothing on it says where the visitor was. Without JavaScript the button is a plain link to it.
    QUICK_EXIT_URL = "https://www.google.com/"

    content_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shown at the top of the page, before anything else, for readers who may find the subject hard, "
        "e.g. “This page talks about suicide and self-harm.” Leave empty for none.",
    )
    quick_exit = models.BooleanField(
        "“Leave this page quickly” button",
        default=False,
        help_text="A button that stays on screen and replaces this page with a neutral site (pressing Esc twice does "
        "the same), for readers who may need to hide what they are reading: suicide, self-harm, abuse.",
    )

    trauma_aware_panels = [
        MultiFieldPanel(
            [FieldPanel("content_note"), FieldPanel("quick_exit")],
            heading="Reading safely",
            help_text="For pages about suicide, self-harm, abuse or trauma.",
        )
    ]
    writing_checks_exclude = ["content_note"]

    class Meta:
        abstract = True


class MedicalContentPage(MedicalReview, TraumaAwareReading, Page):
    """A page of medical content: treatment, condition and article pages are all one of these.

    Each has a summary, a hero image, a body of the shared blocks, a medical
    review, a table of contents, related articles and schema.org data.

    Table of contents: shown when the body has at least
    TABLE_OF_CONTENTS_MIN_SECTIONS headed sections (sections, benefits, risks,
    steps, FAQ, references…); shorter pages read fine without one.
    """

    TABLE_OF_CONTENTS_MIN_SECTIONS = 3

    summary = models.TextField(
        max_length=300,
        help_text="One or two plain sentences. Shown under the title, in listings and in feeds.",
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
    # Panels every subclass opens with, after the title, and ends with.
    summary_panels = [FieldPanel("summary"), FieldPanel("hero_image"), *TraumaAwareReading.trauma_aware_panels]
    review_panels = [WritingChecksPanel(), *MedicalReview.review_panels]
    # The reading grade the text should keep to or below (core/writing_checks.py).
    reading_grade_target = MEDICAL_TARGET_GRADE
    promote_panels = promote_panels("the summary")

    # schema.org: what the page is about (MedicalTherapy, MedicalCondition…), and how many related articles show.
    schema_type = "MedicalEntity"
    related_articles_shown = 3

    # Goes live only through its review workflow: who may publish it, and the admin's forms (core/permissions.py).
    # A subclass with its own form classes subclasses these.
    publishes_through_review = True
    base_form_class = MedicalPageForm
    copy_form_class = MedicalPageCopyForm

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return MedicalPagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        contents = table_of_contents(self.body)
        context["table_of_contents"] = contents if len(contents) >= self.TABLE_OF_CONTENTS_MIN_SECTIONS else []
        return context

    def related_articles_queryset(self):
        """The articles this page is related to, as a queryset of one page model."""
        raise NotImplementedError

    def related_articles(self):
        """The newest live related articles, for a "read next" list."""
        return list(listing(self.related_articles_queryset())[: self.related_articles_shown])

    def structured_data_subject(self, url):
        """What the web page is about, as schema.org properties of the MedicalWebPage."""
        return {"about": {"@type": self.schema_type, "name": self.title}}

    def structured_data_entities(self, request, url):
        """Further schema.org items the page carries (an article adds its BlogPosting)."""
        return []

    def structured_data(self, request):
        url = self.get_full_url(request)
        web_page = {
            "@type": "MedicalWebPage",
            "@id": url,
            "url": url,
            "name": self.title,
            "description": self.summary,
            **self.structured_data_subject(url),
            "lastReviewed": self.last_reviewed,
            "reviewedBy": person(self.reviewed_by, request),
        }
        return [without_empty(web_page), *self.structured_data_entities(request, url), faq_page(self.body, url)]
