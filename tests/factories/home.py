import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from home.models import ClinicImage, HomePage, StandardPage, TeamPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("changeme")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


def member_of(*group_names, **fields):
    """A user in these groups (made by home/migrations/0005_roles.py)."""
    user = UserFactory(**fields)
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


class ClinicImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    description = "A quiet treatment room with a reclining chair by a window."

    class Meta:
        model = ClinicImage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = factory.Sequence(lambda n: f"home-{n}")
    hero_heading = "Care when depression has not lifted"
    hero_text = "<p>Ketamine, Spravato and TMS, with a psychiatrist beside you.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "A short introduction."
    body = factory.LazyFunction(
        lambda: [
            {"type": "section", "value": {"heading": "Finding us", "text": "<p>Second floor, lift from the lobby.</p>"}}
        ]
    )

    class Meta:
        model = StandardPage


class TeamPageFactory(wagtail_factories.PageFactory):
    title = "Our team"
    slug = "team"
    intro = "The clinicians who care for you."

    class Meta:
        model = TeamPage


def featured_pages(heading, *, section=None, pages=(), limit=None, tinted=False):
    """A home page body's Featured pages block (raw form): a section's pages, or the pages chosen."""
    return {
        "type": "featured_pages",
        "value": {
            "heading": heading,
            "intro": "",
            "show": "chosen" if pages else "section",
            "section": section.pk if section else None,
            "limit": limit,
            "pages": [page.pk for page in pages],
            "tinted": tinted,
        },
    }


def site_root_home_page(**kwargs):
    """A HomePage at the root of the default site, as the demo loader leaves it."""
    home = HomePageFactory(parent=Page.get_first_root_node(), **kwargs)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test clinic"},
    )
    return home
