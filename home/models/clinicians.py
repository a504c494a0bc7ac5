from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class Clinician(index.Indexed, models.Model):
    """A member of the clinical team: reviews medical pages and writes articles."""

    name = models.CharField(max_length=120, help_text="Full name as patients should see it, e.g. “Dr. Amara Okafor”.")
    credentials = models.CharField(max_length=60, help_text="Qualifications after the name, e.g. “MD” or “PMHNP-BC”.")
    role = models.CharField(max_length=120, blank=True, help_text="e.g. “Medical director, psychiatrist”.")
    photo = models.ForeignKey("home.ClinicImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    bio = models.TextField(
        blank=True, max_length=800, help_text="Two or three sentences about their training and work."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("role")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}"


class MedicalReview(models.Model):
    """Who last checked a medical page, when, and when it is due again."""

    reviewed_by = models.ForeignKey(
        "home.Clinician",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The clinician who checked this page's medical content.",
    )
    last_reviewed = models.DateField(null=True, blank=True, help_text="The date of that review.")
    next_review_due = models.DateField(
        null=True, blank=True, help_text="When the page should be checked again, usually within a year."
    )

    review_panels = [
        MultiFieldPanel(
            [FieldPanel("reviewed_by"), FieldPanel("last_reviewed"), FieldPanel("next_review_due")],
            heading="Medical review",
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.reviewed_by_id and not self.last_reviewed:
            raise ValidationError({"last_reviewed": "Give the date the reviewer checked this page."})
        if self.last_reviewed and self.next_review_due and self.next_review_due <= self.last_reviewed:
            raise ValidationError({"next_review_due": "The next review must come after the last one."})
