"""Factories for every model the tests build, and a registry of page factories by model."""

from .blog import BlogIndexPageFactory, BlogPageFactory
from .forms import FormFieldFactory, FormPageFactory
from .home import (
    ClinicImageFactory,
    HomePageFactory,
    StandardPageFactory,
    TeamPageFactory,
    UserFactory,
    featured_pages,
    member_of,
    site_root_home_page,
)
from .treatments import (
    ClinicianFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    clinical_reviewer,
    link,
)

PAGE_FACTORIES = {
    factory._meta.model: factory
    for factory in (
        HomePageFactory,
        StandardPageFactory,
        TreatmentIndexPageFactory,
        TreatmentPageFactory,
        ConditionIndexPageFactory,
        ConditionPageFactory,
        BlogIndexPageFactory,
        BlogPageFactory,
        FormPageFactory,
        TeamPageFactory,
    )
}

__all__ = [
    "PAGE_FACTORIES",
    "BlogIndexPageFactory",
    "BlogPageFactory",
    "ClinicImageFactory",
    "ClinicianFactory",
    "ConditionIndexPageFactory",
    "ConditionPageFactory",
    "FormFieldFactory",
    "FormPageFactory",
    "HomePageFactory",
    "StandardPageFactory",
    "TeamPageFactory",
    "TreatmentIndexPageFactory",
    "TreatmentPageFactory",
    "UserFactory",
    "clinical_reviewer",
    "featured_pages",
    "link",
    "member_of",
    "site_root_home_page",
]
