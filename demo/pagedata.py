"""A page, a setting or a snippet as plain data and back: what the demo's YAML files hold.

References become names a person can read and that hold in any database: a
page is its URL path under the home page ("/treatments/ketamine-therapy/"), an
image its title, a clinician their name. StreamFields keep StreamField's raw
form without block ids; rich text has one block element a line, so a diff
shows the paragraph that changed. Fields left at their default are left out.
"""

import re

from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from taggit.managers import TaggableManager
from taggit.models import ItemBase
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from home.models import Clinician

# The fields of Wagtail's Page an editor sets; the rest is Wagtail's bookkeeping.
PAGE_FIELDS = {"title", "slug", "seo_title", "search_description", "show_in_menus"}
EMPTY = (None, "", [], {})

BLOCK_END = re.compile(r"(</(?:p|h[1-6]|ul|ol|li|blockquote)>|<(?:ul|ol)>)(?=<)")
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
PAGE_LINK_ID = re.compile(r'<a linktype="page" id="(\d+)">')
PAGE_LINK_PATH = re.compile(r'<a linktype="page" path="([^"]*)">')


class References:
    """Names for what data points at, and back; `missing` is set when a name finds nothing (yet)."""

    def __init__(self, home):
        self.home = home
        self.missing = False
        self.named = {Clinician: "name", get_image_model(): "title"}

    def page_path(self, page_id):
        url_path = Page.objects.filter(pk=page_id).values_list("url_path", flat=True).first()
        return url_path and "/" + url_path[len(self.home.url_path) :]

    def page_id(self, path):
        if self.home is None:
            return self._found(None)  # the home page is being made: nothing under it yet
        page_id = Page.objects.filter(url_path=self.home.url_path + path.lstrip("/")).values_list("pk", flat=True)
        return self._found(page_id.first())

    def name(self, model, pk):
        if issubclass(model, Page):
            return self.page_path(pk)
        return model.objects.filter(pk=pk).values_list(self.named[model], flat=True).first()

    def pk(self, model, name):
        if issubclass(model, Page):
            return self.page_id(name)
        return self._found(model.objects.filter(**{self.named[model]: name}).values_list("pk", flat=True).first())

    def _found(self, pk):
        self.missing = self.missing or pk is None
        return pk


def rich_text_out(html, refs):
    html = PAGE_LINK_ID.sub(lambda match: f'<a linktype="page" path="{refs.page_path(match[1])}">', html)
    return BLOCK_END.sub(r"\1\n", BLOCK_KEY.sub("", html))


def rich_text_in(text, refs):
    html = PAGE_LINK_PATH.sub(lambda match: f'<a linktype="page" id="{refs.page_id(match[1])}">', text)
    return html.replace(">\n<", "><")


def walk(block, value, leaf):
    """A block's raw value with every chooser and rich text passed through `leaf(block, value)`."""
    if value is None:
        return None
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": child["type"], "value": walk(block.child_blocks[child["type"]], child["value"], leaf)}
            for child in value
            if child["type"] in block.child_blocks
        ]
    if isinstance(block, blocks.ListBlock):
        return [walk(block.child_block, _list_item(item), leaf) for item in value]
    if isinstance(block, blocks.StructBlock):
        # Keys in the block's own order: the database (PostgreSQL's jsonb) may keep them in another.
        known = {name: walk(child, value[name], leaf) for name, child in block.child_blocks.items() if name in value}
        return {**known, **{name: item for name, item in value.items() if name not in known}}
    if isinstance(block, TypedTableBlock):
        return {
            "columns": [{"type": column["type"], "heading": column["heading"]} for column in value.get("columns", [])],
            "rows": [{"values": row["values"]} for row in value.get("rows", [])],
            "caption": value.get("caption", ""),
        }
    if isinstance(block, blocks.PageChooserBlock | ImageChooserBlock | blocks.RichTextBlock):
        return leaf(block, value)
    return value


def _list_item(item):
    # A ListBlock item in its stored form ({"type": "item", "value": …, "id": …}) or as a bare value.
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return item["value"]
    return item


def _leaf_out(refs):
    def leaf(block, value):
        if isinstance(block, blocks.RichTextBlock):
            return rich_text_out(value, refs)
        return refs.name(block.target_model, value) if isinstance(value, int) else value

    return leaf


def _leaf_in(refs):
    def leaf(block, value):
        if isinstance(block, blocks.RichTextBlock):
            return rich_text_in(value, refs)
        return refs.pk(block.target_model, value) if isinstance(value, str) else value

    return leaf


def data_fields(model):
    """The fields a file holds for this model: what an editor sets, not Wagtail's bookkeeping."""
    for field in model._meta.get_fields():
        if isinstance(field, TaggableManager) or _is_edited(field):
            yield field


def _is_edited(field):
    if not field.concrete or field.auto_created or field.primary_key or not field.editable:
        return False
    if isinstance(field, ParentalKey) or getattr(field, "parent_link", False) or field.name == "site":
        return False  # the object's place: its parent, its page row, its site
    return field.model is not Page or field.name in PAGE_FIELDS


def child_relations(model):
    """Inline objects edited with the page (form fields, a treatment's conditions), not tags or Wagtail's own."""
    return [
        relation
        for relation in get_all_child_relations(model)
        if relation.related_model._meta.app_label == model._meta.app_label
        and not issubclass(relation.related_model, ItemBase)
    ]


def to_data(obj, refs):
    data = {}
    for field in data_fields(type(obj)):
        if isinstance(field, TaggableManager):
            value = sorted(tag.name for tag in getattr(obj, field.name).all())  # as the admin saves them
        elif field.many_to_many:
            value = [refs.name(field.related_model, item.pk) for item in getattr(obj, field.name).all()]
        elif field.is_relation:
            pk = getattr(obj, field.attname)
            value = refs.name(field.related_model, pk) if pk else None
        elif isinstance(field, StreamField):
            value = walk(field.stream_block, list(getattr(obj, field.name).raw_data), _leaf_out(refs))
        elif isinstance(field, RichTextField):
            value = rich_text_out(getattr(obj, field.name), refs)
        else:
            value = getattr(obj, field.name)
            if value == field.get_default():
                continue
        if value not in EMPTY:
            data[field.name] = value
    for relation in child_relations(type(obj)):
        items = [to_data(item, refs) for item in getattr(obj, relation.get_accessor_name()).all()]
        if items:
            data[relation.get_accessor_name()] = items
    return data


def apply_data(obj, data, refs):
    """Set `obj`'s fields from data (before it is first saved); relations are resolved through `refs`."""
    for field in data_fields(type(obj)):
        if field.name not in data:
            continue
        value = data[field.name]
        if isinstance(field, TaggableManager):
            getattr(obj, field.name).add(*value)
        elif field.many_to_many:
            pks = [refs.pk(field.related_model, name) for name in value]
            setattr(obj, field.name, list(field.related_model.objects.filter(pk__in=pks)))
        elif field.is_relation:
            setattr(obj, field.attname, refs.pk(field.related_model, value) if value else None)
        elif isinstance(field, StreamField):
            setattr(obj, field.name, walk(field.stream_block, value, _leaf_in(refs)))
        elif isinstance(field, RichTextField):
            setattr(obj, field.name, rich_text_in(value, refs))
        else:
            setattr(obj, field.name, value)
    for relation in child_relations(type(obj)):
        items = [
            apply_data(relation.related_model(), item, refs) for item in data.get(relation.get_accessor_name(), [])
        ]
        sort_order_field = getattr(relation.related_model, "sort_order_field", None)
        for position, item in enumerate(items if sort_order_field else []):
            setattr(item, sort_order_field, position)  # as the admin's inline panel numbers them: the file's order
        setattr(obj, relation.get_accessor_name(), items)
    return obj
