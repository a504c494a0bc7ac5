"""Factories for every model the tests build, and a registry of page factories by model."""

from .home import ClinicImageFactory, HomePageFactory, StandardPageFactory, UserFactory, site_root_home_page

PAGE_FACTORIES = {factory._meta.model: factory for factory in (HomePageFactory, StandardPageFactory)}

__all__ = [
    "PAGE_FACTORIES",
    "ClinicImageFactory",
    "HomePageFactory",
    "StandardPageFactory",
    "UserFactory",
    "site_root_home_page",
]
