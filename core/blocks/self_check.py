from wagtail import blocks

from forms.models import call_back_page

from .. import self_checks


class SelfCheckBlock(blocks.StructBlock):
    """One of the published self-check questionnaires (PHQ-9, GAD-7, PCL-5), scored in the visitor's browser.

    Its wording, scoring and bands are not editable: they are the published instrument's
    (core/self_checks.py). Without JavaScript the form posts to core/self_check_views.py, which works out
    the same result and stores nothing.

    The result offers "Send my answers with a call-back request" when a live form page has
    "Offer to send a self-check result" ticked (forms/self_check_handoff.py): that page is found, not
    chosen here, so the block's data is unchanged and every existing block keeps working.
    """

    instrument = blocks.ChoiceBlock(
        choices=self_checks.CHOICES,
        default=self_checks.PHQ9.slug,
        help_text="The questionnaire. Its questions, scoring and results are the published ones and cannot be changed.",
    )
    introduction = blocks.TextBlock(
        required=False,
        max_length=400,
        help_text="Optional: a sentence or two before the questions, e.g. why someone might take it.",
    )

    class Meta:
        icon = "tasks"
        label = "Self-check questionnaire"
        template = "blocks/self_check_block.html"
        description = (
            "A private self-check (PHQ-9 depression, GAD-7 anxiety, PCL-5 PTSD), scored on the visitor's device."
        )
        preview_value = {"instrument": self_checks.PHQ9.slug}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        instrument = self_checks.INSTRUMENTS[value["instrument"]]
        request = (parent_context or {}).get("request")
        form_page = call_back_page(request)
        context.update(
            {
                "instrument": instrument,
                "rows": self_checks.form_rows(instrument),
                "difficulty": self_checks.difficulty_row(instrument),
                "definition": self_checks.definition(instrument),
                "definition_id": f"{instrument.slug}-definition",
                # With JavaScript the result is kept in this tab's sessionStorage, never in the URL.
                "call_back_url": form_page.get_url(request) if form_page else None,
            }
        )
        return context
