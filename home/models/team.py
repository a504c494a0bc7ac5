"""The team page: every clinician with their photo, and one profile each at <team page>/<slug>/.

The clinicians stay snippets (editors keep editing them under Clinicians; every page's author and
reviewer keeps pointing at them); this page only shows them, through Wagtail's RoutablePageMixin.
"""

from urllib.parse import urljoin

from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from core.seo import promote_panels
from core.structured_data import json_ld_script, person

from .clinicians import Clinician


def reviewed_page_models():
    """The page types a clinician reviews (every concrete medical content page), found through Wagtail's page API."""
    from wagtail.models import get_page_models

    from core.models import MedicalContentPage

    return [model for model in get_page_models() if issubclass(model, MedicalContentPage) and not model._meta.abstract]


class TeamPage(RoutablePageMixin, Page):
    """Our team: the clinicians, each linked to their profile."""

    intro = models.TextField(blank=True, help_text="A sentence or two above the list of clinicians.")

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []
    max_count = 1  # one team page, so every clinician has one profile address
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = promote_panels("the introduction")

    class Meta:
        verbose_name = "team page"

    def clinicians(self):
        return Clinician.objects.select_related("photo").prefetch_related("photo__renditions")

    @path("")
    def index(self, request):
        clinicians = list(self.clinicians())
        for clinician in clinicians:
            clinician.team_page = self  # their profile_url without looking the team page up again
        return self.render(request, context_overrides={"clinicians": clinicians})

    @path("<slug:slug>/", name="profile")
    def profile(self, request, slug):
        clinician = get_object_or_404(self.clinicians(), slug=slug)
        clinician.team_page = self  # its profile_url without looking the team page up again
        return self.render(
            request,
            template="home/clinician_profile.html",
            context_overrides={
                "clinician": clinician,
                "provides": list(clinician.treatments.live().public().order_by("path")),
                "articles": self.articles_by(clinician),
                "reviewed": self.reviewed_by(clinician),
                "breadcrumb_current": {
                    "title": clinician.name,
                    "url": clinician.get_profile_url(request),
                    "full_url": clinician.get_profile_url(request, full=True),
                },
                "profile_json_ld": json_ld_script([self.profile_structured_data(request, clinician)]),
            },
        )

    def articles_by(self, clinician):
        from blog.models import BlogPage

        return list(
            BlogPage.objects.live().public().filter(author=clinician).order_by("-date_published", "-first_published_at")
        )

    def reviewed_by(self, clinician):
        """The live pages whose medical review this clinician signed, of every medical page type, in one query."""
        reviewed = Q()
        for model in reviewed_page_models():
            reviewed |= Q(**{f"{model._meta.model_name}__reviewed_by": clinician})
        return list(Page.objects.live().public().filter(reviewed).order_by("title"))

    def profile_structured_data(self, request, clinician):
        data = person(clinician, request)
        data["@id"] = data["url"] + "#person"
        if clinician.bio:
            data["description"] = clinician.bio
        if clinician.specialty_list:
            data["knowsAbout"] = clinician.specialty_list
        if clinician.photo_id:
            try:
                rendition = clinician.photo.get_rendition("fill-400x400|format-jpeg")
            except OSError:  # the file is gone: no image rather than a broken one
                rendition = None
            if rendition is not None:
                data["image"] = urljoin(self.get_site().root_url + "/", rendition.url)
        root = self.get_site().root_page.specific
        if hasattr(root, "structured_data_organization"):
            data["worksFor"] = root.structured_data_organization(request)
        return data

    def get_sitemap_urls(self, request=None):
        entries = super().get_sitemap_urls(request)
        for clinician in Clinician.objects.all():
            clinician.team_page = self
            entries.append(
                {"location": clinician.get_profile_url(request, full=True), "lastmod": self.last_published_at}
            )
        return entries
