from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


def unique_slug(name, taken):
    """A slug made from `name`, with -2, -3… added while it is in `taken` (a set of slugs)."""
    base = slugify(name)[:70].strip("-") or "clinician"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


class Clinician(index.Indexed, models.Model):
    """A member of the clinical team: reviews medical pages and writes articles.

    Edited as a snippet (Clinicians in the admin menu). Their public profile is served by the
    site's team page (home.TeamPage) at <team page>/<slug>/; bylines and review lines link there
    through `profile_url`, so the pages that point at a clinician never need to know the team page.
    """

    name = models.CharField(max_length=120, help_text="Full name as patients should see it, e.g. “Dr. Amara Okafor”.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="The last part of their profile's address, e.g. “amara-okafor”. Leave empty to make one from the name.",
    )
    credentials = models.CharField(max_length=60, help_text="Qualifications after the name, e.g. “MD” or “PMHNP-BC”.")
    role = models.CharField(max_length=120, blank=True, help_text="e.g. “Medical director, psychiatrist”.")
    specialties = models.CharField(
        max_length=255,
        blank=True,
        help_text="What they care for most, separated by commas, e.g. “Treatment-resistant depression, PTSD, OCD”.",
    )
    photo = models.ForeignKey(
        "home.ClinicImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A friendly portrait. Without one the team page shows a neutral outline.",
    )
    bio = models.TextField(
        blank=True, max_length=800, help_text="Two or three sentences about their training and work."
    )
    treatments = models.ManyToManyField(
        "treatments.TreatmentPage",
        blank=True,
        related_name="clinicians",
        verbose_name="treatments they provide",
        help_text="Listed on their profile.",
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
        MultiFieldPanel(
            [FieldPanel("specialties"), FieldPanel("treatments", widget=forms.CheckboxSelectMultiple)],
            heading="Their work",
        ),
        FieldPanel("slug"),
        FieldPanel("user", permission="superuser"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("role")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}"

    def save(self, *args, **kwargs):
        if not self.slug:
            taken = set(Clinician.objects.exclude(pk=self.pk).values_list("slug", flat=True))
            self.slug = unique_slug(self.name, taken)
        super().save(*args, **kwargs)

    @property
    def specialty_list(self):
        return [item.strip() for item in self.specialties.split(",") if item.strip()]

    @cached_property
    def team_page(self):
        """The live team page that shows the profiles, or None (then bylines are plain text)."""
        team_page_model = apps.get_model("home", "TeamPage")  # by name: home/models/team.py imports this module
        return team_page_model.objects.live().first()

    def get_profile_url(self, request=None, full=False):
        """The address of this clinician's profile ("" without a live team page): `full` for structured data."""
        team = self.team_page
        if team is None or not self.slug:
            return ""
        base = team.get_full_url(request) if full else team.get_url(request)
        if not base:
            return ""
        return base.rstrip("/") + "/" + team.reverse_subpage("profile", kwargs={"slug": self.slug})

    @property
    def profile_url(self):
        """For templates: `{{ clinician.profile_url }}`."""
        return self.get_profile_url()
