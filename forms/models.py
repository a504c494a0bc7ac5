"""The form-builder page: editors build appointment and call-back forms field by field.

A POST goes through FormPage.handle_submission, one step after another:
read the request → validate every field (and a self-check result the visitor
ticked the box to send, forms/self_check_handoff.py) → spam checks → store the
submission (its own transaction, flagged urgent when the visitor's words hold a
crisis phrase or the self-check's PHQ-9 item 9 is above "Not at all") → notification task queued after commit → redirect to the thank-you view. Where a submission is stored (process_form_submission), notified
(tasks.py, notifications.py) and read or exported (inbox.py) is each in one place.
"""

import logging

from django.conf import settings
from django.db import models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
    validate_to_address,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import BaseLogEntry, BaseLogEntryManager, Site
from wagtail.search import index

from . import crypto, self_check_handoff, spam, tasks
from .builder import CONSENT_FIELD, CONSENT_LABEL, DEFAULT_CONSENT_TEXT, ClinicFormBuilder
from .crisis import CrisisPhrases, has_crisis_phrase, receipt_of, set_receipt  # noqa: F401
from .fields import EncryptedJSONField, EncryptedTextField
from .page_form import FormPageForm
from .request_checks import (
    SOURCE_PAGE_FIELD,
    UnreadableSubmission,
    live_source_page,
    read_submitted_data,
    source_page_from,
    unknown_field_names,
)
from .responses import bad_request_response, never_cached, token_response

logger = logging.getLogger(__name__)

FIELD_TYPE_CHOICES = [
    *FORM_FIELD_CHOICES[:3],
    ("tel", "Phone number"),
    *FORM_FIELD_CHOICES[3:],
]

# Input purposes from WCAG 2.2 success criterion 1.3.5, so browsers can fill them in.
AUTOCOMPLETE_CHOICES = [
    ("name", "Full name (name)"),
    ("given-name", "First name (given-name)"),
    ("family-name", "Last name (family-name)"),
    ("nickname", "Preferred name (nickname)"),
    ("email", "Email address (email)"),
    ("tel", "Phone number (tel)"),
    ("street-address", "Full street address (street-address)"),
    ("address-line1", "Address line 1 (address-line1)"),
    ("address-line2", "Address line 2 (address-line2)"),
    ("address-level2", "Town or city (address-level2)"),
    ("address-level1", "State (address-level1)"),
    ("postal-code", "ZIP or postal code (postal-code)"),
    ("country-name", "Country (country-name)"),
    ("bday", "Date of birth (bday)"),
    ("sex", "Gender (sex)"),
    ("organization", "Organization (organization)"),
    ("url", "Website (url)"),
    ("language", "Preferred language (language)"),
]

DEFAULT_THANK_YOU_TEXT = (
    "<p>Thank you. We have your request and a member of our intake team will contact you, "
    "usually within one working day.</p>"
)
CHANGED_FORM_MESSAGE = (
    "This form has changed since you opened it, so your request was not sent yet. "
    "Please check your answers and press the button to send it again."
)
CSRF_FAILED_MESSAGE = (
    "For your security, your request was not sent yet. Please check your answers and press the button to send it."
)


class FormField(AbstractFormField):
    """One field of a form page, as the editor set it up."""

    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(verbose_name="field type", max_length=16, choices=FIELD_TYPE_CHOICES)
    field_type.required_on_save = True
    autocomplete = models.CharField(
        max_length=40,
        blank=True,
        choices=AUTOCOMPLETE_CHOICES,
        help_text="What this field asks for, so browsers can fill it in and assistive technology can "
        "recognise it. Choose one whenever the field asks for the visitor's own name, phone, email or address.",
    )

    required_when = models.CharField(
        "required when the field",
        max_length=255,
        blank=True,
        help_text="Optional. The label of another field in this form, e.g. “Preferred contact method”: "
        "this field is then required when that one has the answer in “Has the answer”.",
    )
    required_when_answer = models.CharField(
        "has the answer",
        max_length=255,
        blank=True,
        help_text="One of that field's answers, e.g. “Email”.",
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
        FieldPanel("autocomplete"),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("default_value", classname="formbuilder-default"),
        FieldRowPanel([FieldPanel("required_when"), FieldPanel("required_when_answer")]),
    ]


class FormSubmission(AbstractFormSubmission):
    """A visitor's request. What they typed is health information: it is stored encrypted (forms/crypto.py).

    Only intake staff may read it (forms/inbox.py), every look is recorded
    (forms/audit.py) and it is deleted after SUBMISSION_RETENTION_DAYS
    (`manage.py purge_old_submissions`).
    """

    class Status(models.TextChoices):
        # New → Contacted → Scheduled, or Not a fit → Closed (forms/triage.py changes it, audited).
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        SCHEDULED = "scheduled", "Scheduled"
        NOT_A_FIT = "not_a_fit", "Not a fit"
        CLOSED = "closed", "Closed"

    class UrgentSource(models.TextChoices):
        NONE = "", "Not urgent"
        CRISIS_PHRASE = "crisis_phrase", "The visitor's words matched a crisis phrase"
        STAFF = "staff", "Flagged by intake staff"
        SELF_CHECK = (
            "self_check",
            (
                "The visitor sent a PHQ-9 self-check with question 9 (thoughts of being better off dead or of "
                "self-harm) answered above “Not at all”"
            ),
        )

    form_data = EncryptedJSONField()
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="clinic_submissions")

    # Triage: what intake staff do about the request. Never a submitted value, so not encrypted.
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_submissions",
        help_text="The member of the intake team following this request up.",
    )
    urgent = models.BooleanField(default=False)
    urgent_source = models.CharField(max_length=16, choices=UrgentSource.choices, blank=True, default="")
    archived_at = models.DateTimeField(
        null=True, blank=True, help_text="Archived requests leave the inbox but are kept until the retention purge."
    )
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page the visitor sent it from, when the form was embedded in another page.",
    )

    class Meta(AbstractFormSubmission.Meta):
        # Nobody adds a submission in the admin; reading (which includes triage) and deleting are the permissions.
        default_permissions = ("view", "delete")
        indexes = [
            models.Index(fields=["page", "submit_time"], name="forms_submission_page_time"),
            models.Index(fields=["archived_at", "status", "urgent", "submit_time"], name="forms_submission_inbox"),
        ]

    @property
    def is_readable(self):
        return crypto.is_readable(self.form_data)

    def get_data(self):
        if not self.is_readable:
            return self.form_data.with_submit_time(self.submit_time)  # every field reads as unreadable
        data = super().get_data()
        if self_check_handoff.STORED_KEY in data:
            # The listing and the exports show a sent self-check as one line, like any other value.
            data[self_check_handoff.STORED_KEY] = self_check_handoff.summary(data[self_check_handoff.STORED_KEY])
        return data

    @property
    def self_check(self):
        """The self-check result the visitor chose to send (forms/self_check_handoff.py), or None."""
        if not self.is_readable:
            return None
        record = self.form_data.get(self_check_handoff.STORED_KEY)
        return record if isinstance(record, dict) else None

    def __str__(self):
        # Wagtail's shows every value; this may end up in a log or an error report.
        return f"Form submission {self.pk}"


class SubmissionNote(models.Model):
    """An internal note by intake staff on a submission: health information too, so encrypted like it.

    Notes are added, never edited; the audit log records that one was added (who,
    when, which submission), never its text.
    """

    MAX_LENGTH = 2000

    submission = models.ForeignKey(FormSubmission, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    text = EncryptedTextField()

    class Meta:
        ordering = ["created_at", "pk"]
        default_permissions = ()  # read and written with the submission, by those who may read it

    def __str__(self):
        return f"Note {self.pk} on form submission {self.submission_id}"


class SubmissionsPanel(FormSubmissionsPanel):
    """Wagtail's count of submissions and link to them, shown only to those who may read them."""

    class BoundPanel(FormSubmissionsPanel.BoundPanel):
        def is_shown(self):
            from .inbox import can_read_submissions  # see get_submissions_list_view_class

            return can_read_submissions(self.request.user) and super().is_shown()


class FormPage(RoutablePageMixin, AbstractEmailForm):
    """A form visitors fill in, such as “Request an appointment”. Requests arrive in Forms in the admin."""

    intro = RichTextField(
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text="A sentence or two above the form: what happens after the visitor sends it.",
    )
    consent_text = models.TextField(
        "consent checkbox wording",
        blank=True,
        default=DEFAULT_CONSENT_TEXT,
        help_text="Shown beside a checkbox the visitor must tick before sending. Leave empty for no checkbox.",
    )
    submit_label = models.CharField(
        "button label",
        max_length=60,
        default="Send request",
        help_text="What the send button says, e.g. “Request a call-back”.",
    )
    to_address = models.CharField(
        "notify",
        max_length=255,
        blank=True,
        validators=[validate_to_address],
        help_text="Email addresses told when a new request arrives, separated by commas. "
        "The email links to the request in the admin and never contains what the visitor typed.",
    )
    subject = models.CharField(
        "email subject",
        max_length=255,
        blank=True,
        help_text="Leave empty for “New request: ” and the form's title. Never put patient details here.",
    )
    thank_you_text = RichTextField(
        features=["bold", "italic", "link", "ul", "ol"],
        default=DEFAULT_THANK_YOU_TEXT,
        help_text="Shown after the form is sent: what happens next and when.",
    )
    accepts_self_check_results = models.BooleanField(
        "offer to send a self-check result",
        default=False,
        help_text="Tick this on the clinic's call-back form. A visitor who has just taken a self-check "
        "(PHQ-9, GAD-7 or PCL-5) is then offered a button to come here, and a box to tick if they want their "
        "answers and score sent with the request. Nothing is sent unless they tick it. If several form pages "
        "have this ticked, the first one in the page tree is used.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    search_fields = [*AbstractEmailForm.search_fields, index.SearchField("intro")]

    content_panels = [
        *AbstractEmailForm.content_panels,
        SubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields", heading="Form fields"),
        FieldPanel("consent_text"),
        FieldPanel("accepts_self_check_results"),
        FieldPanel("submit_label"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel("to_address"),
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("subject")]),
            ],
            heading="Notification email",
            help_text="Who is told that a new request arrived. The email links to the request in the admin and "
            "never contains what the visitor typed.",
        ),
    ]

    form_builder = ClinicFormBuilder
    base_form_class = FormPageForm  # checks the form fields' “required when” rules
    template = "forms/form_page.html"
    landing_page_template = "forms/form_page_landing.html"

    class Meta:
        verbose_name = "form page"

    # --- The form ------------------------------------------------------------------

    def get_form_class(self):
        return self.form_builder(self.get_form_fields(), consent_text=self.consent_text).get_form_class()

    def get_form_parameters(self):
        # Ids unique to this form, so a form embedded in another page cannot clash with it.
        return {"auto_id": f"form{self.pk or 'new'}-%s"}

    def get_submission_class(self):
        return FormSubmission

    def get_submissions_list_view_class(self):
        # The inbox and its export: Wagtail's view, audited, with the spreadsheet formula guard.
        # Imported here: inbox.py builds on Wagtail's admin views, which need every model loaded first.
        from .inbox import FormSubmissionsListView

        return FormSubmissionsListView

    def get_data_fields(self):
        data_fields = super().get_data_fields()
        if self.consent_text:
            data_fields.append((CONSENT_FIELD, CONSENT_LABEL))
        if self.accepts_self_check_results:
            data_fields.append((self_check_handoff.STORED_KEY, self_check_handoff.LABEL))
        return data_fields

    def form_context(self, request, form, data=None, source_page=None, self_check=None):
        """What a template needs to show this page's form, here or embedded in another page.

        `source_page` is the page the form is embedded in; when the form is shown again
        with what was sent (`data`), it is the live page the hidden field names, if any.
        `self_check` is the self-check box (forms/self_check_handoff.py `Offer`); by default the one
        `data` left, or an empty one that the visitor's browser may fill in.
        """
        if source_page is None and data is not None:
            source_page = source_page_from(data, form_page=self)
        if source_page is not None and (source_page.pk is None or source_page.pk == self.pk):
            source_page = None  # a page not saved yet (a preview), or this form page itself
        return {
            "form": form,
            "blank": data is None,  # nothing sent yet: no errors to show
            "form_page": self,
            "form_action": self.get_url(request),
            "form_token_url": self.get_url(request) + self.reverse_subpage("token_view"),
            "started_token": spam.started_token_for_redisplay(data) if data is not None else spam.issue_started_token(),
            "honeypot_field": spam.HONEYPOT_FIELD,
            "started_field": spam.STARTED_FIELD,
            "source_page": source_page,
            "source_page_field": SOURCE_PAGE_FIELD,
            "self_check": self._self_check_offer(data, self_check),
            "self_check_field": self_check_handoff.FIELD,
        }

    def _self_check_offer(self, data, offer=None):
        if not self.accepts_self_check_results:
            return None
        if offer is not None:
            return offer
        return self_check_handoff.offer_from(data)

    def render_form(self, request, form, data=None, status=200, self_check=None):
        context = self.get_context(request)
        context.update(self.form_context(request, form, data, self_check=self_check))
        return TemplateResponse(request, self.get_template(request), context, status=status)

    # --- Routes: the form, the thank-you view, a fresh token ------------------------

    @path("")
    def form_view(self, request):
        if request.method == "POST":
            return self.handle_submission(request)
        return self.render_form(request, self.get_form(page=self, user=request.user))

    @path("thank-you/")
    def thank_you_view(self, request):
        # What the redirect's receipt says about this visitor's request (set in handle_submission).
        urgent, source_page_id = receipt_of(request)
        return self.render_landing_page(
            request, crisis_match=urgent, source_page=live_source_page(source_page_id, form_page=self)
        )

    @path("token/")
    def token_view(self, request):
        """A fresh CSRF token and timestamp for a copy of the form that came from a cache."""
        return token_response(request)

    def thank_you_url(self, request, path_only=False):
        if path_only:  # the path, without the scheme and host get_url adds for a page of another site
            return self.get_url_parts(request)[2] + self.reverse_subpage("thank_you_view")
        return self.get_url(request) + self.reverse_subpage("thank_you_view")

    def render_landing_page(self, request, form_submission=None, *args, crisis_match=False, source_page=None, **kwargs):
        """The thank-you page: the crisis numbers first when the visitor's words matched, a link back to the
        page the form was embedded in. It differs by visitor, so it is never cached."""
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        response.context_data.update(crisis_match=crisis_match, source_page=source_page)
        return never_cached(response)

    # --- A submission, step by step -----------------------------------------------

    def handle_submission(self, request, csrf_failed=False):
        # What visitors send is health information: keep it out of Django's error reports.
        request.sensitive_post_parameters = "__ALL__"

        # 1. Read the request: a body too large or not UTF-8 gets a 413 or 400 page.
        try:
            data = read_submitted_data(request)
        except UnreadableSubmission as problem:
            return bad_request_response(request, problem)

        # 2. Validate every field on the server; the form comes back with what was typed.
        form = self.get_form(data, page=self, user=request.user)
        valid = form.is_valid()
        offer = self._self_check_offer(data)
        allowed = {self_check_handoff.FIELD} if offer is not None else set()
        if set(unknown_field_names(data, form)) - allowed:
            form.add_error(None, CHANGED_FORM_MESSAGE)
            valid = False
        if offer is not None and offer.error:
            # Answers that do not fit the questionnaire: nothing is stored, and never a part of them.
            form.add_error(None, offer.error)
            valid = False
        if csrf_failed:
            # Called by forms.views.csrf_failure: show the form again with a fresh token, store nothing.
            form.add_error(None, CSRF_FAILED_MESSAGE)
            return self.render_form(request, form, data, status=403)
        if not valid:
            return self.render_form(request, form, data)

        # 3. Spam checks: a blocked submission is not stored; the visitor gets a short message.
        blocked = spam.check(request, data, page=self)
        if blocked:
            form.add_error(None, blocked.message)
            return self.render_form(request, form, data, status=blocked.status)

        # 4 and 5. Store it, flagged urgent if the visitor's words hold a crisis phrase, with the page an
        # embedded form was sent from; then notify once it is committed.
        submission = self.process_form_submission(
            form,
            source_page=source_page_from(data, form_page=self),
            self_check=offer.record if offer is not None else None,
        )

        # 6. Post/redirect/get: reloading the thank-you view sends nothing again. What that page must know
        # (urgent or not, the page to link back to) goes in an encrypted cookie, never in the URL, where
        # access logs, browser history and the next click's Referer would keep it (forms/crisis.py).
        response = redirect(self.thank_you_url(request))
        return set_receipt(
            response,
            request,
            self.thank_you_url(request, path_only=True),
            urgent=submission.urgent,
            source_page_id=submission.source_page_id,
        )

    def process_form_submission(self, form, source_page=None, self_check=None):
        """Store the submission in its own transaction; the notification task is queued after the commit.

        A crisis phrase in the visitor's own words (forms/crisis.py) marks it urgent in the same
        create call; which phrase matched is recorded nowhere. A self-check result the visitor
        ticked the box to send (`self_check`, checked and scored again on the server) is stored
        with the rest, encrypted; a positive PHQ-9 item 9 in it marks the request urgent too.
        """
        try:
            urgent = has_crisis_phrase(self.get_form_fields(), form.cleaned_data)
        except Exception as error:  # the phrase list could not be read: store it anyway, and to be safe, urgent
            # No traceback: its frames hold what the visitor typed.
            logger.error(
                "The crisis-phrase check failed on form page %s (%s); the request is stored marked urgent.",
                self.pk,
                type(error).__name__,
            )
            urgent = True
        urgent_source = FormSubmission.UrgentSource.CRISIS_PHRASE if urgent else FormSubmission.UrgentSource.NONE
        form_data = form.cleaned_data
        if self_check is not None:
            form_data = {**form_data, self_check_handoff.STORED_KEY: self_check}
            if self_check.get("safety_concern") and not urgent:
                urgent, urgent_source = True, FormSubmission.UrgentSource.SELF_CHECK
        with transaction.atomic():
            submission = self.get_submission_class().objects.create(
                form_data=form_data,
                page=self,
                urgent=urgent,
                urgent_source=urgent_source,
                source_page=source_page,
            )
            tasks.notify_after_commit(self, submission)
        return submission

    def send_mail(self, form):
        # Wagtail's own email lists every value; ours (notifications.py, sent by tasks.py) never does.
        raise NotImplementedError("FormPage notifications are sent by forms.tasks, without values.")

    def serve(self, request, view=None, args=None, kwargs=None):
        if view is None:
            # Never Wagtail's stock FormMixin.serve: it skips the steps above and emails every value.
            return self.form_view(request)
        return super().serve(request, view, args, kwargs)

    # --- Previews -------------------------------------------------------------------

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.thank_you_view(request)
        return self.form_view(request)


def call_back_page(request=None):
    """The live, public form page of the request's site that offers to take a self-check result, or None.

    The first in the page tree, if editors ticked “Offer to send a self-check result” on more than
    one (forms/self_check_handoff.py). Looked up once per request, however many self-checks a page has.
    """
    if request is not None and hasattr(request, "_self_check_call_back_page"):
        return request._self_check_call_back_page
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    page = None
    if site is not None:
        pages = FormPage.objects.live().public().filter(accepts_self_check_results=True)
        page = pages.descendant_of(site.root_page, inclusive=True).order_by("path").first()
    if request is not None:
        request._self_check_call_back_page = page
    return page


# --- The audit log of submissions -------------------------------------------------------


class SubmissionLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        # Recorded against the form page; an entry about one submission names it in its data.
        page = instance.page.specific_deferred if isinstance(instance, FormSubmission) else instance
        kwargs.setdefault("title", page.get_admin_display_title())
        return super().log_action(page, action, page=page, **kwargs)

    def viewable_by_user(self, user):
        """Reports → Site history asks this: readers of submissions see every entry, nobody else any."""
        from .inbox import can_read_submissions  # see get_submissions_list_view_class

        return self.all() if can_read_submissions(user) else self.none()

    def for_instance(self, instance):
        return self.filter(page_id=instance.page_id if isinstance(instance, FormSubmission) else instance.pk)


class SubmissionLogEntry(BaseLogEntry):
    """An audit log entry about submissions (forms/audit.py writes them), kept apart from the page's history.

    Wagtail shows a page's log entries to everyone who may edit or explore the
    page; these say who read which patient's request, so only those who may read
    submissions see them (SubmissionLogEntryManager.viewable_by_user).
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")

    objects = SubmissionLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "form submissions log entry"
        verbose_name_plural = "form submissions log entries"

    def __str__(self):
        return f"SubmissionLogEntry {self.pk}: '{self.action}' on page {self.page_id}"

    @cached_property
    def object_id(self):
        return self.page_id
