"""schema.org structured data derived from page fields and blocks, never typed twice by editors."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

# The same escapes as Django's json_script: nothing in the data can close the <script>.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def faq_page(body, url):
    """An FAQPage from every FAQ block in a body, or None when it has none."""
    questions = [
        {
            "@type": "Question",
            "name": item["question"],
            "acceptedAnswer": {"@type": "Answer", "text": strip_tags(item["answer"].source).strip()},
        }
        for block in body
        if block.block_type == "faq"
        for item in block.value["questions"]
    ]
    if not questions:
        return None
    return {"@type": "FAQPage", "@id": f"{url}#faq", "mainEntity": questions}


def without_empty(data):
    return {key: value for key, value in data.items() if value}


def person(clinician, request=None):
    """A clinician as a schema.org Person, with the address of their profile when the site has a team page."""
    if clinician is None:
        return None
    profile = getattr(clinician, "get_profile_url", None)
    return without_empty(
        {
            "@type": "Person",
            "name": clinician.name,
            "honorificSuffix": clinician.credentials,
            "jobTitle": clinician.role,
            "url": profile(request, full=True) if profile else "",
        }
    )


def breadcrumb_list(trail):
    """A BreadcrumbList from the visible trail: (name, absolute URL) pairs, home first, the current page last."""
    if len(trail) < 2:
        return None
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def json_ld_script(graph):
    """A <script type="application/ld+json"> data block (not executed, so allowed by the CSP); "" when empty."""
    items = [item for item in graph if item]
    if not items:
        return ""
    data = {"@context": "https://schema.org", "@graph": items}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
