"""The embedded-form block: a form page's form inside any page body."""

from django.utils.functional import SimpleLazyObject
from wagtail import blocks
from wagtail.models import Page


class EmbeddedFormBlock(blocks.StructBlock):
    """Shows a form page's form in place. It posts to the form page, which shows any errors."""

    form_page = blocks.PageChooserBlock(
        page_type="forms.FormPage",
        help_text="The form to show, e.g. “Request a call-back”. Requests arrive in Forms in the admin.",
    )
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Heading above the form. Leave empty to use the form page's title.",
    )
    text = blocks.TextBlock(
        required=False,
        max_length=400,
        help_text="A sentence under the heading, e.g. “Leave your number and we will call you back.”",
    )

    class Meta:
        icon = "form"
        label = "Form"
        template = "blocks/embedded_form_block.html"
        description = "A form visitors can fill in right here, such as a call-back request."

    def get_preview_value(self):
        from .models import FormPage

        return self.normalize(
            {
                "form_page": FormPage.objects.live().first(),
                "heading": "Request a call-back",
                "text": "Leave your number and a good time to call, and we will phone you back.",
            }
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        form_page = value["form_page"]
        request = (parent_context or {}).get("request")
        if form_page is None or not form_page.live:
            context["form_page"] = None
            return context
        form_page = form_page.specific
        # The page the block is on: the form posts its id, so the request records where it came from.
        source_page = (parent_context or {}).get("page")
        if not isinstance(source_page, Page):
            source_page = None
        # Built only if its fields are drawn: they are usually kept with the page's fragments (core/caching.py).
        form = SimpleLazyObject(lambda: form_page.get_form(page=form_page))
        context.update(form_page.form_context(request, form, source_page=source_page))
        context["heading"] = value["heading"] or form_page.title
        return context
