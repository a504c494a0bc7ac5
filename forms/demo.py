"""The demo clinic's two forms: “Request an appointment” and “Request a call-back”, and fictional requests.

Like every demo loader, this only adds what is missing. The call-back form is
embedded at the end of the About page when the form is first created; treatment
pages and articles end with it through `ending_with_call_back_form()` in their
own loaders.
"""

import datetime

from django.utils import timezone

from home.models import HomePage, StandardPage

from .models import FormField, FormPage, FormSubmission

INTAKE_EMAIL = "intake@willowbend.example"

APPOINTMENT_SLUG = "request-an-appointment"
CALL_BACK_SLUG = "request-a-call-back"

PHONE_HELP = "A number where we can reach you, for example (555) 010-2040."
BEST_TIME_CHOICES = "\n".join(
    [
        "Any time during opening hours",
        "Weekday mornings (8am–12pm)",
        "Weekday afternoons (12pm–4pm)",
        "Weekday late afternoons (4pm–6pm)",
    ]
)


def field(label, field_type, *, required=True, help_text="", choices="", autocomplete="", default_value=""):
    return FormField(
        label=label,
        field_type=field_type,
        required=required,
        help_text=help_text,
        choices=choices,
        autocomplete=autocomplete,
        default_value=default_value,
    )


def appointment_form_page(home, stdout):
    return form_page(
        home,
        stdout,
        slug=APPOINTMENT_SLUG,
        title="Request an appointment",
        search_description="Ask for a first appointment with a psychiatrist about ketamine, Spravato or TMS.",
        intro="<p>Tell us how to reach you and what you would like help with. A member of our intake team "
        "will contact you, usually within one working day, to talk about your needs and check your insurance. "
        "You do not need a referral.</p>",
        submit_label="Request an appointment",
        subject="New appointment request",
        thank_you_text="<p>We have your request. A member of our intake team will contact you, usually within "
        "one working day, in the way you asked.</p>"
        "<p>When we talk, we will ask about your symptoms and the treatments you have tried so far, and check "
        "your insurance. If a treatment we offer may suit you, we will book a first visit with a psychiatrist.</p>",
        form_fields=[
            field("Your name", "singleline", autocomplete="name"),
            field("Phone number", "tel", autocomplete="tel", help_text=PHONE_HELP),
            field(
                "Email address",
                "email",
                required=False,
                autocomplete="email",
                help_text="Optional. We only use it to reply to you.",
            ),
            field(
                "Preferred contact method",
                "radio",
                choices="Phone call\nText message\nEmail",
                default_value="Phone call",
            ),
            field("Best time to reach you", "dropdown", choices=BEST_TIME_CHOICES),
            field(
                "Treatment of interest",
                "dropdown",
                choices="\n".join(
                    [
                        "I am not sure yet",
                        "Ketamine therapy",
                        "Spravato (esketamine)",
                        "TMS (transcranial magnetic stimulation)",
                    ]
                ),
                help_text="If you are not sure, that is fine: we will talk it through with you.",
            ),
            field(
                "Message",
                "multiline",
                required=False,
                help_text="Optional. Anything you would like us to know before we contact you. "
                "Please keep medical details for when we talk.",
            ),
        ],
    )


def call_back_form_page(home, stdout):
    return form_page(
        home,
        stdout,
        slug=CALL_BACK_SLUG,
        title="Request a call-back",
        search_description="Leave your number and we will call you back to talk about treatment.",
        intro="<p>Leave your number and a good time to call. A member of our intake team will phone you back, "
        "usually within one working day.</p>",
        submit_label="Request a call-back",
        subject="New call-back request",
        thank_you_text="<p>We have your request and will call you back, usually within one working day, at the "
        "time you chose.</p><p>If we cannot reach you, we will only leave a message or send a text if you said "
        "we may.</p>",
        form_fields=[
            field("Your name", "singleline", autocomplete="name"),
            field("Phone number", "tel", autocomplete="tel", help_text=PHONE_HELP),
            field("Best time to call", "dropdown", choices=BEST_TIME_CHOICES),
            field(
                "May we leave a voicemail?",
                "radio",
                choices="Yes\nNo",
                help_text="The message would only say the clinic's name and ask you to call back.",
            ),
            field("May we text you?", "radio", choices="Yes\nNo"),
        ],
    )


def form_page(home, stdout, *, slug, form_fields, **fields):
    existing = FormPage.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    page = FormPage(slug=slug, to_address=INTAKE_EMAIL, form_fields=form_fields, **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    stdout.write(f"Created the {page.title} form.")
    return FormPage.objects.get(pk=page.pk)


def call_back_block(form_page=None, heading="Talk to us about your care", text=""):
    """The call-back form as a body block, in StreamField's raw form, for any demo page to append."""
    form_page = form_page or FormPage.objects.get(slug=CALL_BACK_SLUG)
    return {
        "type": "form",
        "value": {
            "form_page": form_page.pk,
            "heading": heading,
            "text": text or "Leave your number and a good time to call, and our intake team will phone you back.",
        },
    }


def ending_with_call_back_form(body):
    """A demo treatment page's or article's body, ending with the call-back form itself.

    A closing call to action becomes the form, keeping its heading and text, so
    visitors can ask for a call without leaving the page.
    """
    if body and body[-1]["type"] == "call_to_action":
        closing = body[-1]["value"]
        return [*body[:-1], call_back_block(heading=closing["heading"], text=closing["text"])]
    return [*body, call_back_block()]


def embed_call_back_form(page, form_page):
    value = call_back_block(form_page)["value"]
    page.body.append(("form", {**value, "form_page": form_page}))
    page.save_revision().publish()


def load(stdout):
    home = HomePage.objects.first()
    appointment_form_page(home, stdout)
    if FormPage.objects.child_of(home).filter(slug=CALL_BACK_SLUG).exists():
        return  # already set up, perhaps edited since: leave it alone
    call_back = call_back_form_page(home, stdout)
    about = StandardPage.objects.child_of(home).filter(slug="about").first()
    if about is not None:
        embed_call_back_form(about, call_back)
        stdout.write("Embedded the call-back form in the About page.")


# Obviously fictional people, with numbers from the 555-01xx range kept for fiction.
DEMO_SUBMISSIONS = [
    (
        APPOINTMENT_SLUG,
        3,
        {
            "your_name": "Demo Patient Avery",
            "phone_number": "(555) 010-0101",
            "email_address": "avery@example.com",
            "preferred_contact_method": "Text message",
            "best_time_to_reach_you": "Weekday mornings (8am–12pm)",
            "treatment_of_interest": "TMS (transcranial magnetic stimulation)",
            "message": "Fictional request for the demo site.",
            "_consent": True,
        },
    ),
    (
        APPOINTMENT_SLUG,
        1,
        {
            "your_name": "Demo Patient Blake",
            "phone_number": "(555) 010-0102",
            "email_address": "",
            "preferred_contact_method": "Phone call",
            "best_time_to_reach_you": "Any time during opening hours",
            "treatment_of_interest": "I am not sure yet",
            "message": "",
            "_consent": True,
        },
    ),
    (
        CALL_BACK_SLUG,
        2,
        {
            "your_name": "Demo Patient Casey",
            "phone_number": "(555) 010-0103",
            "best_time_to_call": "Weekday afternoons (12pm–4pm)",
            "may_we_leave_a_voicemail": "Yes",
            "may_we_text_you": "No",
            "_consent": True,
        },
    ),
]


def seed_submissions():
    """A few fictional requests, encrypted like real ones, so the inbox has something to show. Only into an empty inbox."""
    if FormSubmission.objects.exists():
        return 0
    added = 0
    for slug, days_ago, data in DEMO_SUBMISSIONS:
        page = FormPage.objects.filter(slug=slug).first()
        if page is None:
            continue
        submission = FormSubmission.objects.create(page=page, form_data=data)
        when = timezone.now() - datetime.timedelta(days=days_ago)
        FormSubmission.objects.filter(pk=submission.pk).update(submit_time=when)
        added += 1
    return added
