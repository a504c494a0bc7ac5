import datetime

import factory
import wagtail_factories

from home.models import Clinician
from home.roles import CLINICAL_REVIEWERS
from treatments.models import ConditionIndexPage, ConditionPage, TreatmentCondition, TreatmentIndexPage, TreatmentPage

from .home import member_of


class ClinicianFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Dr. Test Clinician {n}")
    credentials = "MD"
    role = "Psychiatrist"
    bio = "Trained in interventional psychiatry."

    class Meta:
        model = Clinician


def clinical_reviewer(name=None, **fields):
    """A Clinical reviewer whose account is linked to a clinician, so their approvals sign the page."""
    user = member_of(CLINICAL_REVIEWERS, **fields)
    ClinicianFactory(user=user, **({"name": name} if name else {}))
    return user


class TreatmentIndexPageFactory(wagtail_factories.PageFactory):
    title = "Treatments"
    slug = "treatments"
    intro = "Treatments we offer."

    class Meta:
        model = TreatmentIndexPage


class ConditionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Conditions"
    slug = "conditions"
    intro = "Conditions we treat."

    class Meta:
        model = ConditionIndexPage


BENEFITS_AND_RISKS = [
    {
        "type": "benefits",
        "value": {"heading": "Benefits", "intro": "", "items": [{"title": "Fast relief", "detail": "Within days."}]},
    },
    {
        "type": "risks",
        "value": {
            "heading": "Risks and side effects",
            "intro": "<p>Most side effects pass within two hours.</p>",
            "items": [{"name": "Dizziness", "description": "Passes within an hour."}],
            "get_help": "<p>Tell the nurse at once.</p>",
        },
    },
]


class TreatmentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Treatment {n}")
    summary = "A treatment given in the clinic."
    how_given = "IV infusion"
    session_length = "40 minutes"
    body = factory.LazyFunction(lambda: [dict(block) for block in BENEFITS_AND_RISKS])
    reviewed_by = factory.SubFactory(ClinicianFactory)
    last_reviewed = datetime.date(2026, 10, 1)
    next_review_due = datetime.date(2027, 10, 1)

    class Meta:
        model = TreatmentPage


class ConditionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Condition {n}")
    summary = "A condition we treat."
    common_symptoms = "Low mood\nPoor sleep"
    body = factory.LazyFunction(
        lambda: [{"type": "section", "value": {"heading": "What it is", "text": "<p>A condition.</p>"}}]
    )
    reviewed_by = factory.SubFactory(ClinicianFactory)
    last_reviewed = datetime.date(2026, 10, 1)

    class Meta:
        model = ConditionPage


def link(treatment, condition):
    """Record that a treatment is used for a condition (the one relation both pages show)."""
    return TreatmentCondition.objects.create(treatment=treatment, condition=condition)
