"""One lookup for the page at an address, instead of two queries for every level of the tree."""

from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def routes_to_its_children(model, remaining_components):
    """Whether Wagtail's walk, at a page of `model`, would go on to the child named next.

    A routable page answers its own sub-addresses first (a blog's topic lists, a form's token
    endpoint); any other page type with a route method of its own may do anything.
    """
    if issubclass(model, RoutablePageMixin):
        try:
            model.get_resolver().resolve("/" + "/".join(remaining_components) + "/")
        except Resolver404:
            return True
        return False
    return model.route is Page.route


class DirectRoutingMixin:
    """For a site's root page (HomePage). Wagtail's Page.route walks down one level at a time, a child
    then its specific page: two queries a level. This finds every level of the address in one query
    and the page in one more. Whenever a level on the way would route by rules of its own, or the
    address is not a page all the way down (a routable sub-address, a 404), Wagtail's walk answers,
    so every address gets the answer Wagtail would give."""

    def route(self, request, path_components):
        found = self.deepest_page_at(path_components) if path_components else None
        if found is None:
            return super().route(request, path_components)
        page, remaining_components = found
        return page.route(request, remaining_components)

    def deepest_page_at(self, path_components):
        """The deepest page the address names, with what is left of the address after it; None when the walk
        would not reach it (a level on the way with routing of its own, or no page at the first level)."""
        prefixes = [
            self.url_path + "/".join(path_components[: depth + 1]) + "/" for depth in range(len(path_components))
        ]
        found = Page.objects.filter(url_path__in=prefixes, path__startswith=self.path).values_list(
            "url_path", "pk", "content_type_id"
        )
        levels = {url_path: (pk, content_type_id) for url_path, pk, content_type_id in found}
        depth = 0
        while depth < len(prefixes) and prefixes[depth] in levels:
            depth += 1
        if depth == 0:
            return None
        models = [ContentType.objects.get_for_id(levels[prefix][1]).model_class() for prefix in prefixes[:depth]]
        if None in models:
            return None  # a page type whose code is gone: Wagtail's walk deals with it
        if not all(
            routes_to_its_children(model, path_components[level + 1 :]) for level, model in enumerate(models[:-1])
        ):
            return None
        return models[-1].objects.get(pk=levels[prefixes[depth - 1]][0]), path_components[depth:]
