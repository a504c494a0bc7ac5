"""Factories for every model the tests build, and a registry of page factories by model."""

from .forms import FormFieldFactory, FormPageFactory
from .home import ClinicImageFactory, HomePageFactory, StandardPageFactory, UserFactory, site_root_home_page

PAGE_FACTORIES = {factory._meta.model: factory for factory in (HomePageFactory, StandardPageFactory, FormPageFactory)}

__all__ = [
    "PAGE_FACTORIES",
    "ClinicImageFactory",
    "FormFieldFactory",
    "FormPageFactory",
    "HomePageFactory",
    "StandardPageFactory",
    "UserFactory",
    "site_root_home_page",
]
