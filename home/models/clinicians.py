from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
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
    # Who signs a medical review: approving a page in Medical review records this clinician as its reviewer.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinician",
        verbose_name="admin account",
        help_text=(
            "The clinical reviewer who signs in as this clinician. When they approve a page in Medical review, "
            "the page says it was reviewed by this clinician. Only administrators can change this."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user", permission="superuser"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("role")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}"
