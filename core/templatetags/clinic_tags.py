from django import template

from core.structured_data import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The page's schema.org data, from its `structured_data(request)` method."""
    return json_ld_script(page.structured_data(context.get("request")))
