from wagtail import blocks

from .. import self_checks


class SelfCheckBlock(blocks.StructBlock):
    """One of the published self-check questionnaires (PHQ-9, GAD-7, PCL-5), scored in the visitor's browser.

    Its wording, scoring and bands are not editable: they are the published instrument's
    (core/self_checks.py). Without JavaScript the form posts to core/self_check_views.py, which works out
    the same result and stores nothing.
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
        context.update(
            {
                "instrument": instrument,
                "rows": self_checks.form_rows(instrument),
                "difficulty": self_checks.difficulty_row(instrument),
                "definition": self_checks.definition(instrument),
                "definition_id": f"{instrument.slug}-definition",
            }
        )
        return context
