from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class ClinicImage(AbstractImage):
    """The site's image model: Wagtail's image (its description is the alt text) plus a credit."""

    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Photographer or source, shown under the image where captions are shown.",
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")


class ClinicRendition(AbstractRendition):
    image = models.ForeignKey(ClinicImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
