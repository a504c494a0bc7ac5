"""FormPage as a page type: where it belongs, that it renders, that editors can build one in the admin."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from forms.models import FormPage, FormSubmission
from home.models import HomePage, StandardPage
from tests.factories import FormFieldFactory, FormPageFactory, StandardPageFactory, site_root_home_page


def form_field(label, field_type, **extra):
    return {
        "label": label,
        "field_type": field_type,
        "required": "on",
        "help_text": "",
        "choices": "",
        "default_value": "",
        "autocomplete": "",
        **extra,
    }


class FormPageTests(WagtailPageTestCase):
    def setUp(self):
        self.home = site_root_home_page()
        self.login()

    def test_belongs_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(FormPage, {HomePage})
        self.assertAllowedSubpageTypes(FormPage, set())
        self.assertCanCreateAt(HomePage, FormPage)
        self.assertCanNotCreateAt(StandardPage, FormPage)
        self.assertCanNotCreateAt(Page, FormPage)

    def test_renders_its_form_thank_you_view_and_previews(self):
        page = FormPageFactory(parent=self.home)
        FormFieldFactory(page=page, label="Your name")
        self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(page, route_path="/thank-you/")
        self.assertPageIsPreviewable(page, mode="form")
        self.assertPageIsPreviewable(page, mode="landing")

    def test_edit_view_shows_how_many_requests_arrived(self):
        page = FormPageFactory(parent=self.home)
        FormFieldFactory(page=page, label="Your name")
        FormSubmission.objects.create(page=page, form_data={"your_name": "Alex"})
        response = self.client.get(f"/admin/pages/{page.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f"/admin/forms/submissions/{page.pk}/")

    def test_serving_without_a_route_still_goes_through_the_forms_steps(self):
        page = FormPageFactory(parent=self.home)
        FormFieldFactory(page=page, label="Your name")
        request = self.client.get(page.url).wsgi_request
        response = page.serve(request)
        self.assertEqual(response.template_name, "forms/form_page.html")
        self.assertIn("started_token", response.context_data)

    def test_can_be_built_field_by_field_in_the_admin(self):
        self.assertCanCreate(
            self.home,
            FormPage,
            nested_form_data(
                {
                    "title": "Request a call-back",
                    "slug": "call-back",
                    "intro": rich_text("<p>Leave your number.</p>"),
                    "form_fields": inline_formset(
                        [
                            form_field("Your name", "singleline", autocomplete="name"),
                            form_field("Phone number", "tel", autocomplete="tel", help_text="With area code"),
                            form_field("May we text you?", "radio", choices="Yes\nNo"),
                        ]
                    ),
                    "consent_text": "I agree to be contacted about my request.",
                    "submit_label": "Request a call-back",
                    "thank_you_text": rich_text("<p>We will call you back.</p>"),
                    "to_address": "intake@clinic.example",
                    "from_address": "",
                    "subject": "",
                }
            ),
        )
        page = FormPage.objects.get(slug="call-back")
        fields = [(f.clean_name, f.field_type, f.autocomplete) for f in page.form_fields.all()]
        assert fields == [
            ("your_name", "singleline", "name"),
            ("phone_number", "tel", "tel"),
            ("may_we_text_you", "radio", ""),
        ]

    def test_a_standard_page_can_embed_a_form_in_the_admin(self):
        form_page = FormPageFactory(parent=self.home, title="Request a call-back")
        FormFieldFactory(page=form_page, label="Your name")
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "About us",
                    "slug": "about",
                    "intro": "",
                    "body": streamfield(
                        [("form", {"form_page": form_page.pk, "heading": "", "text": "We call back within a day."})]
                    ),
                }
            ),
        )
        page = StandardPage.objects.get(slug="about")
        response = self.client.get(page.url)
        self.assertContains(response, f'action="{form_page.url}"')
        self.assertContains(response, "We call back within a day.")

    def test_the_form_block_accepts_only_form_pages(self):
        other = StandardPageFactory(parent=self.home)
        response = self.client.post(
            f"/admin/pages/add/home/standardpage/{self.home.pk}/",
            nested_form_data(
                {
                    "title": "About",
                    "slug": "about",
                    "intro": "",
                    "body": streamfield([("form", {"form_page": other.pk, "heading": "", "text": ""})]),
                    "action-publish": "action-publish",
                }
            ),
        )
        assert response.status_code == 200  # the edit form again, with an error
        assert not StandardPage.objects.filter(slug="about").exists()
